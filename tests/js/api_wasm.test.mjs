// The portable API suite (tests/api) compiled to WebAssembly and run under
// Node.js against the test server: the same assertions as the native suite,
// through the Fetch transport. Built by preset wasm-tests
// (tests/wasm/CMakeLists.txt, target httpxx_wasm_api_tests).
// Run: node --test tests/js/api_wasm.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../server/server.mjs';
import { buildDir, closedUrl, runWasmDoctest } from '../wasm/run_doctest.mjs';

const program = 'tests/wasm/httpxx_wasm_api_tests.js';
let srv;

before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv?.stop();
});

test('the portable API suite passes in WebAssembly under Node.js', async () => {
  assert.ok(existsSync(path.join(buildDir, program)),
    `${program} is missing in ${buildDir}: cmake --preset wasm-tests && cmake --build --preset wasm-tests`);
  const run = await runWasmDoctest(program, srv, [], { env: { HTTPXX_TEST_CLOSED_URL: await closedUrl() } });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  assert.ok(run.summary, 'no doctest summary in the output');
  assert.ok(run.summary.total > 0, 'the wasm API suite ran no test');
  assert.equal(run.summary.failed, 0);
  assert.equal(run.summary.passed, run.summary.total);
  assert.equal(run.code, 0);
});
