// The JS API's portable cases (tests/js/portable/js_api_cases.mjs) in headless
// Chromium: the page (on "localhost") imports httpxx.mjs and the cases and
// runs them against the test server (on 127.0.0.1, so CORS applies); each
// case's outcome becomes a subtest here. The same cases run under Node.js:
// js_api_node.test.mjs. Run: node --test tests/js/js_api_browser.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { closedUrl } from '../wasm/run_doctest.mjs';
import { browserEnv } from './support/browser_env.mjs';
import { whyNoChromium } from './support/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const jsDir = process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js');

before(async () => {
  const missing = await whyNoChromium();
  assert.equal(missing, false, `cannot run the browser tests: ${missing}`);
  assert.ok(existsSync(path.join(jsDir, 'httpxx.mjs')), `${jsDir}/httpxx.mjs is missing (target httpxx_js)`);
});
const env = browserEnv({ mounts: { '/httpxx/': jsDir, '/portable/': path.join(here, 'portable') } });

// Runs in the page: every case in order; their outcomes as plain data.
// A case still running after env.caseTimeoutMs fails, and the next one starts.
async function runCases(env) {
  const moduleUrl = new URL('/httpxx/httpxx.mjs', location.href).href;
  const httpxx = await import(moduleUrl);
  const { defineCases } = await import('/portable/js_api_cases.mjs');
  const cases = [];
  defineCases((name, fn, options = {}) => cases.push({ name, fn, skip: options.skip }),
    { ...env, httpxx, moduleUrl, platform: 'browser' });
  const out = [];
  for (const { name, fn, skip } of cases) {
    if (skip) {
      out.push({ name, skip });
      continue;
    }
    const started = performance.now();
    try {
      let timer;
      const expired = new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`still running after ${env.caseTimeoutMs} ms`)), env.caseTimeoutMs);
      });
      try {
        await Promise.race([fn(), expired]);
      } finally {
        clearTimeout(timer);
      }
      out.push({ name, ok: true, ms: performance.now() - started });
    } catch (error) {
      out.push({ name, ok: false, error: `${error?.name}: ${error?.message}\n${error?.stack ?? ''}` });
    }
  }
  return out;
}

test('JS API (Chromium)', async (t) => {
  const page = await env.chromium.context.newPage();
  const messages = [];
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  page.on('console', (m) => { if (m.type() === 'error') messages.push(`console.error: ${m.text()}`); });
  await page.goto(env.web.url);
  const results = await page.evaluate(runCases, { base: env.srv.http, refused: await closedUrl(), caseTimeoutMs: 30_000 });
  assert.ok(results.length > 0, 'the page ran no case');
  for (const result of results) {
    await t.test(result.name, { skip: result.skip }, () => {
      assert.ok(result.ok, `${result.error}\n${messages.join('\n')}`);
    });
  }
  await page.close();
});
