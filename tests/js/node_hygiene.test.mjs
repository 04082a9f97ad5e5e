// The JS module behaves as a library under Node.js: it installs no process
// handlers, and an application's uncaught error or unhandled rejection ends
// the process as Node.js ends it without httpxx (exit code 1, Node's short
// report), not with Emscripten's exit code 7 and a dump of the module's
// minified source. Each case runs in a child Node.js process that imports the
// built module (HTTPXX_JS_DIR, default build/wasm/js).
// Run: node --test tests/js/node_hygiene.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jsDir = process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js');
const moduleUrl = pathToFileURL(path.join(jsDir, 'httpxx.mjs')).href;

/** Runs `source` (an ES module) in a child Node.js; resolves to { code, stdout, stderr }. */
function runScript(source) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Signs of Emscripten's generated code in a report. */
function looksLikeModuleSource(text) {
  return /createHttpxxCore|updateGlobalBufferAndViews|asmLibraryArg|Emscripten Module/.test(text);
}

test('the module is built', () => {
  assert.ok(existsSync(path.join(jsDir, 'httpxx.mjs')),
    `${jsDir}/httpxx.mjs is missing: cmake --preset wasm && cmake --build --preset wasm --target httpxx_js`);
});

test('importing the module adds no process listeners', async () => {
  const run = await runScript(`
    const events = ['uncaughtException', 'unhandledRejection', 'exit', 'beforeExit', 'warning',
                    'rejectionHandled', 'SIGINT', 'SIGTERM'];
    const count = () => Object.fromEntries(events.map((e) => [e, process.listenerCount(e)]));
    const names = () => process.eventNames().map(String).sort();
    const before = { counts: count(), names: names() };
    await import(${JSON.stringify(moduleUrl)});
    const after = { counts: count(), names: names() };
    console.log(JSON.stringify({ before, after }));
  `);
  assert.equal(run.code, 0, run.stderr);
  const { before, after } = JSON.parse(run.stdout.trim().split('\n').pop());
  assert.deepEqual(after.counts, before.counts);
  assert.deepEqual(after.names, before.names);
});

test("an application's uncaught error exits with 1 and Node's short report", async () => {
  const run = await runScript(`
    await import(${JSON.stringify(moduleUrl)});
    throw new Error('the application failed on its own');
  `);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /the application failed on its own/);
  assert.ok(run.stderr.length < 4096, `stderr is ${run.stderr.length} bytes`);
  assert.ok(!looksLikeModuleSource(run.stderr), run.stderr.slice(0, 500));
});

test("an application's unhandled rejection exits with 1 and Node's short report", async () => {
  const run = await runScript(`
    await import(${JSON.stringify(moduleUrl)});
    Promise.reject(new Error('a rejection nobody handled'));
  `);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /a rejection nobody handled/);
  assert.ok(run.stderr.length < 4096, `stderr is ${run.stderr.length} bytes`);
  assert.ok(!looksLikeModuleSource(run.stderr), run.stderr.slice(0, 500));
});

test('an unhandled httpxx rejection is reported like any other', async () => {
  // Nothing listens on port 1 of the loopback: a ConnectError without any network.
  const run = await runScript(`
    const { AsyncClient } = await import(${JSON.stringify(moduleUrl)});
    new AsyncClient().get('http://127.0.0.1:1/');
  `);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /ConnectError/);
  assert.ok(run.stderr.length < 4096, `stderr is ${run.stderr.length} bytes`);
  assert.ok(!looksLikeModuleSource(run.stderr), run.stderr.slice(0, 500));
});

test('a script that handles its errors exits with 0 once its work is done', async () => {
  const run = await runScript(`
    const { AsyncClient, ConnectError } = await import(${JSON.stringify(moduleUrl)});
    const client = new AsyncClient();
    try {
      await client.get('http://127.0.0.1:1/');
    } catch (e) {
      console.log(e instanceof ConnectError ? 'caught' : 'wrong class ' + e.name);
    }
    await client.close();
  `);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'caught');
});
