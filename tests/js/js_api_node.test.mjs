// The JS API's portable cases (tests/js/portable/js_api_cases.mjs) under
// Node.js, against the test server. The same cases run in Chromium:
// js_api_browser.test.mjs.
// Run: node --test tests/js/js_api_node.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../server/server.mjs';
import { closedUrl } from '../wasm/run_doctest.mjs';
import { defineCases } from './portable/js_api_cases.mjs';

const CASE_TIMEOUT_MS = 30_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jsDir = process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js');
const modulePath = path.join(jsDir, 'httpxx.mjs');
assert.ok(existsSync(modulePath), `${modulePath} is missing: cmake --build --preset wasm --target httpxx_js`);

const httpxx = await import(pathToFileURL(modulePath));
// Started before the cases are defined: they take the server's URL then.
const srv = await startServer();
const env = { httpxx, moduleUrl: pathToFileURL(modulePath).href, platform: 'node', base: srv.http, refused: await closedUrl() };
after(async () => {
  await srv.stop();
});

describe('JS API (Node.js)', () => {
  // A hung case fails alone (the page's runner has the same limit).
  defineCases((name, fn, options = {}) => test(name, { skip: options.skip, timeout: CASE_TIMEOUT_MS }, fn), env);
});
