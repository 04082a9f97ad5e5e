// The portable API suite (tests/api) compiled to WebAssembly and run in headless Chromium against
// the test server: the same source as the native and Node.js runs, through the browser's fetch.
// The page and the test server are different origins (localhost and 127.0.0.1), so CORS applies.
// Test cases the browser cannot run log "skipped in the browser: <reason>" (docs/platforms.md).
// Built by preset wasm-tests (tests/wasm/CMakeLists.txt, target httpxx_wasm_api_tests_browser);
// needs playwright-core and Debian's chromium (scripts/setup.sh installs both).
// Run: node --test tests/js/api_browser.test.mjs
//      (HTTPXX_DOCTEST_ARGS='-tc=*redirect*' narrows the run; HTTPXX_CHROMIUM picks the browser)
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { buildDir, closedUrl, doctestSummary, serverEnv } from '../wasm/run_doctest.mjs';
import { browserEnv } from './support/browser_env.mjs';
import { whyNoChromium } from './support/chromium.mjs';

const programDir = path.join(buildDir, 'tests/wasm');
const program = 'httpxx_wasm_api_tests_browser';
// The whole suite takes well under a minute; this only bounds a hung run.
const runTimeoutMs = 150_000;

const missing = await whyNoChromium()
  || (!existsSync(path.join(programDir, `${program}.js`))
    && `${program}.js is missing in ${programDir}: cmake --preset wasm-tests && cmake --build --preset wasm-tests`);

// The page loads the program with a <script>; its .js and .wasm come from the build.
const env = browserEnv({
  mounts: { '/program/': programDir },
  page: `<!doctype html><title>httpxx API suite</title><script src="/program/${program}.js"></script>`,
  skip: missing,
});

/** "reason" -> names of the test cases skipped for it, from doctest's console output. */
function browserSkips(output) {
  const skips = new Map();
  let testCase = '?';
  for (const line of output.split('\n')) {
    const name = line.match(/^TEST CASE:\s+(.*)$/);
    if (name) testCase = name[1];
    const skip = line.match(/MESSAGE: skipped in the browser: (.*)$/);
    if (skip) skips.set(skip[1], [...(skips.get(skip[1]) ?? []), testCase]);
  }
  return skips;
}

test('the portable API suite passes in WebAssembly in Chromium', async () => {
  assert.equal(missing, false, `cannot run the browser API suite: ${missing}`);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(serverEnv(env.srv))) {
    if (name.startsWith('HTTPXX_')) query.set(name, value);
  }
  query.set('HTTPXX_TEST_CLOSED_URL', await closedUrl());
  for (const arg of ['--no-colors', ...(process.env.HTTPXX_DOCTEST_ARGS ?? '').split(' ').filter(Boolean)]) {
    query.append('arg', arg);
  }

  const page = await env.chromium.context.newPage();
  const lines = [];
  const pageErrors = [];
  let timer;
  // Resolves with the exit code once the program announced its end
  // (browser_env.pre.js prints it after doctest's last line).
  const finished = new Promise((resolve, reject) => {
    page.on('console', (message) => {
      const text = message.text();
      const exit = text.match(/^httpxx-test-exit (-?\d+)$/);
      if (exit) return resolve(Number(exit[1]));
      if (text.startsWith('httpxx-test-abort ')) return reject(new Error(`the program aborted: ${text}`));
      lines.push(text);
    });
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('crash', () => reject(new Error('the page crashed')));
    timer = setTimeout(() => reject(new Error(`no end of the run after ${runTimeoutMs} ms`)), runTimeoutMs);
  });
  let code;
  try {
    // "localhost" for the page, 127.0.0.1 for the server: every request is cross-origin.
    await page.goto(`${env.web.url}?${query}`);
    code = await finished;
  } finally {
    clearTimeout(timer);
    const output = lines.join('\n');
    process.stdout.write(`${output}\n`);
    // The ExitStatus that exit() throws to unwind is expected; anything else is reported.
    const unexpected = pageErrors.filter((e) => !/ExitStatus|Program terminated with exit/.test(e));
    if (unexpected.length) process.stderr.write(`page errors:\n${unexpected.join('\n')}\n`);
    await page.close();
  }
  const output = lines.join('\n');
  const summary = doctestSummary(output);
  const skips = browserSkips(output);
  const skipped = [...skips.values()].reduce((n, names) => n + names.length, 0);
  if (summary) {
    process.stdout.write(`\nChromium: ${summary.total} test cases, ${summary.passed} passed, `
      + `${summary.failed} failed; ${skipped} of the passed skipped in the browser:\n`);
    for (const [reason, names] of skips) {
      process.stdout.write(`  ${reason}\n${names.map((n) => `    - ${n}\n`).join('')}`);
    }
  }
  assert.ok(summary, 'no doctest summary in the output');
  assert.ok(summary.total > 0, 'the browser API suite ran no test');
  assert.ok(skipped < summary.total, 'every test case was skipped');
  assert.equal(summary.failed, 0);
  assert.equal(summary.passed, summary.total);
  assert.equal(code, 0);
});
