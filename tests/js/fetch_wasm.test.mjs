// The Fetch transport from WebAssembly under Node.js: runs the doctest
// program tests/wasm/httpxx_wasm_fetch_tests (preset wasm-tests) against the
// test server. Run: node --test tests/js/fetch_wasm.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../server/server.mjs';
import { buildDir, closedUrl, runWasmDoctest } from '../wasm/run_doctest.mjs';

const program = 'tests/wasm/httpxx_wasm_fetch_tests.js';
let srv;

before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv?.stop();
});

test('the Fetch transport tests pass in WebAssembly under Node.js', async () => {
  assert.ok(existsSync(path.join(buildDir, program)),
    `${program} is missing in ${buildDir}: cmake --preset wasm-tests && cmake --build --preset wasm-tests`);
  const run = await runWasmDoctest(program, srv, [], { env: { HTTPXX_TEST_CLOSED_URL: await closedUrl() } });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  assert.ok(run.summary, 'no doctest summary in the output');
  assert.equal(run.summary.failed, 0);
  assert.ok(run.summary.total >= 15, `only ${run.summary.total} test cases ran`);
  assert.equal(run.summary.passed, run.summary.total);
  assert.equal(run.code, 0);
});
