// Runs the unit suite compiled to WebAssembly (build/wasm) under Node.js:
// the same doctest sources as the native unit suite, proving lib/ portable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = process.env.HTTPXX_WASM_BUILD ?? path.join(root, 'build/wasm');
const binary = path.join(buildDir, 'tests/unit/httpxx_unit_tests.js');

test('the unit suite passes when compiled to WebAssembly', () => {
  assert.ok(existsSync(binary), `${binary} is missing: build it with cmake --build --preset wasm`);
  const run = spawnSync(process.execPath, [binary, '--no-colors'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  assert.equal(run.status, 0, 'the wasm unit suite failed');
  const plain = run.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const summary = plain.match(/test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed/);
  assert.ok(summary, 'no doctest summary in the output');
  const [, total, passed, failed] = summary.map(Number);
  assert.ok(total > 0, 'the wasm unit suite ran no test');
  assert.equal(failed, 0);
  assert.equal(passed, total);
});
