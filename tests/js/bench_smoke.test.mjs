// The benchmark suite must not rot: its smoke run (`node bench/run.mjs --smoke`: tiny counts, one
// round, no targets asserted) runs every contender of every scenario against nginx and the test
// server, with the programs of a native build and the wasm JS module. And a bench program given
// the wrong body size fails, so a fast wrong answer can never count as a result.
// Run: node --test tests/js/bench_smoke.test.mjs
// Builds from $HTTPXX_BENCH_BUILD_DIR (default build/native, preset native) and $HTTPXX_JS_DIR
// (default build/wasm/js, preset wasm).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startNginx } from '../../bench/runner/nginx.mjs';
import { run } from '../../bench/runner/processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = path.resolve(process.env.HTTPXX_BENCH_BUILD_DIR ?? path.join(root, 'build/native'));
const jsDir = path.resolve(process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js'));
const bin = (name) => path.join(buildDir, 'bench', name);

const SCENARIOS = ['A', 'B', 'C10k', 'C64k', 'D', 'D-async', 'E', 'E-client', 'H2', 'H2-64k', 'H2-1000', 'H2-fresh', 'F', 'F10k', 'F64k', 'FC', 'FC10k', 'FC64k', 'G-seq', 'G-par', 'G-inflight', 'G-inflight10k'];
const EXPECT = {
  A: 64, B: 64, C10k: 10240, C64k: 65536, D: 8 * 1024 * 1024, 'D-async': 8 * 1024 * 1024, E: 64, 'E-client': 64, H2: 64, 'H2-64k': 65536, 'H2-1000': 64, 'H2-fresh': 64, F: 64, F10k: 10240, F64k: 65536, FC: 64, FC10k: 10240, FC64k: 65536, 'G-seq': 64, 'G-par': 64,
};

const temps = [];
const tempDir = (prefix) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

before(() => {
  for (const name of ['httpxx_bench', 'httpxx_alloc_bench', 'curl_bench', 'httplib_bench']) {
    assert.ok(fs.existsSync(bin(name)), `${bin(name)} is missing: cmake --build --preset native`);
  }
  assert.ok(fs.existsSync(path.join(jsDir, 'httpxx.mjs')), `${jsDir}/httpxx.mjs is missing: cmake --build --preset wasm`);
});
after(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

test('the smoke run runs every contender of every scenario once and gets correct bodies', { timeout: 120000 }, async () => {
  const out = tempDir('httpxx-bench-smoke-test-');
  const r = await run([process.execPath, path.join(root, 'bench/run.mjs'), '--smoke', '--build-dir', buildDir, '--js-dir', jsDir, '--out', out],
    { timeoutMs: 110000 });
  assert.equal(r.code, 0, `bench/run.mjs --smoke failed:\n${r.stdout}\n${r.stderr}`);

  const results = JSON.parse(fs.readFileSync(path.join(out, 'latest.json'), 'utf8'));
  assert.equal(results.smoke, true);
  assert.deepEqual(results.summary.map((s) => s.id), SCENARIOS);
  for (const s of results.summary) {
    for (const [name, c] of Object.entries(s.contenders)) {
      assert.equal(c.runs, 1, `${s.id} ${name} ran ${c.runs} times`);
      assert.equal(c.failed, 0, `${s.id} ${name} failed: ${c.errors.join('; ')}`);
      assert.ok(c.median > 0, `${s.id} ${name}: no ${s.metric}`);
    }
  }
  // Every response checked by the programs themselves: all answered, each body of the file's size
  // (wrk and h2load, the load generators, do not check bodies).
  const generator = (c) => c === 'wrk' || c === 'h2load';
  const programs = results.runs.filter((x) => !generator(x.contender));
  assert.equal(programs.length, results.summary.reduce((n, s) => n + Object.keys(s.contenders).filter((c) => !generator(c)).length, 0));
  for (const x of programs) {
    assert.equal(x.result.errors, 0, `${x.scenario} ${x.contender}`);
    assert.equal(x.result.ok, x.result.requests, `${x.scenario} ${x.contender}`);
    if (x.scenario in EXPECT) assert.equal(x.result.bytes, x.result.requests * EXPECT[x.scenario], `${x.scenario} ${x.contender}`);
  }
  assert.ok(results.runs.filter((x) => x.scenario.startsWith('G-') && !x.scenario.startsWith('G-inflight')).every((x) => x.result.allocs_per_request > 0));

  const md = fs.readFileSync(path.join(out, 'BENCHMARKS.md'), 'utf8');
  assert.match(md, /^# Benchmarks/);
  assert.match(md, /\| A \| httpxx \/ libcurl/);
  assert.match(md, /RSS growth per request in flight \(100\): httpxx [\d.]+ KiB, libcurl [\d.]+ KiB/);
  const svg = fs.readFileSync(path.join(out, 'benchmarks.svg'), 'utf8');
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.ok(svg.includes('F: httpxx-wasm / undici-fetch'));
  assert.ok(svg.includes('FC: httpxx-wasm-chromium / chromium-fetch'));
});

test('a bench program fails when a body has not the expected size', { timeout: 60000 }, async () => {
  const nginx = await startNginx(tempDir('httpxx-bench-wrong-'), { bigBytes: 1024 });
  try {
    const url = `${nginx.http}/64b`;
    const commands = [
      [bin('httpxx_bench'), 'seq', url, '3', '--expect', '63'],
      [bin('httpxx_bench'), 'parallel', url, '3', '2', '--expect', '63'],
      [bin('httpxx_bench'), 'stream', url, '1', '--expect', '63'],
      [bin('curl_bench'), 'seq', url, '3', '--expect', '63'],
      [bin('curl_bench'), 'parallel', url, '3', '2', '--expect', '63'],
      [bin('curl_bench'), 'stream', url, '1', '--expect', '63'],
      [bin('httplib_bench'), 'seq', url, '3', '--expect', '63'],
      [process.execPath, path.join(root, 'bench/wasm_fetch.mjs'), 'httpxx', url, '3', '2', '--expect', '63', '--js-dir', jsDir],
      [process.execPath, path.join(root, 'bench/wasm_fetch.mjs'), 'fetch', url, '3', '2', '--expect', '63'],
    ];
    for (const cmd of commands) {
      const r = await run(cmd, { timeoutMs: 30000 });
      const what = cmd.slice(0, 3).map((a) => path.basename(a)).join(' ');
      assert.equal(r.code, 1, `${what}: exit ${r.code}\n${r.stdout}${r.stderr}`);
      const result = JSON.parse(r.stdout.trim());
      assert.equal(result.ok, 0, what);
      assert.equal(result.errors, result.requests, what);
      assert.match(result.first_error, /status 200, 64 bytes/, what);
    }
  } finally {
    await nginx.stop();
  }
});
