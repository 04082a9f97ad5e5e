// End to end: the web demo in headless Chromium (Debian's chromium driven by
// playwright-core). The page loads httpxx, runs its default list by itself,
// and draws a waterfall; the tests read the rows' times and sizes from the
// DOM, edit the list, and compile the C++ the page shows. Screenshots go to
// test-output/web-demo/ (their paths are printed as test diagnostics).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { downloadAll } from '../../web-demo/run.mjs';
import { startWebDemo } from '../../web-demo/serve.mjs';
import { launchChromium } from './support/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outputDir = path.join(root, 'test-output', 'web-demo');
let demo;
let chromium;

before(async () => {
  demo = await startWebDemo({ jsDir: process.env.HTTPXX_JS_DIR });
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
  await demo?.stop();
});

// What the page shows, as plain data: printed when a wait fails, so that a
// failure explains itself.
async function pageState(page, messages) {
  const dom = await page.evaluate(() => {
    const num = (v) => (v === undefined ? undefined : Number(v));
    return {
      state: document.documentElement.dataset.state,
      status: document.querySelector('#status')?.textContent,
      startDisabled: document.querySelector('#start')?.disabled,
      rows: [...document.querySelectorAll('#waterfall li')].map((li) => ({
        index: Number(li.dataset.index),
        url: li.querySelector('.url').textContent,
        phase: li.dataset.phase,
        queued: num(li.dataset.queuedMs),
        sent: num(li.dataset.sentMs),
        head: num(li.dataset.headMs),
        end: num(li.dataset.endMs),
        size: num(li.dataset.size),
        status: num(li.dataset.status),
        error: li.dataset.error,
        rank: num(li.dataset.rank),
        result: li.querySelector('.result').textContent,
        segments: [...li.querySelectorAll('.seg')].map((s) => s.classList[1]),
      })),
      order: [...document.querySelectorAll('#order li')].map((li) => ({
        index: Number(li.dataset.index), text: li.textContent,
      })),
      js: document.querySelector('#code-js')?.textContent,
      cpp: document.querySelector('#code-cpp')?.textContent,
    };
  }).catch((error) => ({ evaluateFailed: String(error) }));
  return { ...dom, messages };
}

// Waits until <html data-state> is one of `states`; on a timeout, fails with
// the page's whole state instead of playwright's bare "Timeout exceeded".
async function waitForState(page, messages, states, timeout) {
  try {
    await page.waitForFunction((wanted) => wanted.includes(document.documentElement.dataset.state),
      states, { timeout });
  } catch (error) {
    const state = await pageState(page, messages);
    throw new Error(`page never reached ${states.join('|')}: ${error.message}\n` +
      `page state: ${JSON.stringify(state, null, 2)}`);
  }
  return pageState(page, messages);
}

async function openPage() {
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const messages = [];
  page.on('console', (message) => messages.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => messages.push(
    `requestfailed: ${request.url()} ${request.failure()?.errorText}`));
  return { page, messages };
}

async function screenshot(t, page, name) {
  mkdirSync(outputDir, { recursive: true });
  const file = path.join(outputDir, name);
  await page.screenshot({ path: file, fullPage: true });
  t.diagnostic(`screenshot: ${file}`);
}

// The page sees a head when getResponse() resolves, a promise turn after the
// C++ side freed the request's slot: the next request's hook may run first,
// a fraction of a millisecond earlier. Times are compared with this slack.
const SLACK_MS = 5;

/** The largest number of [from, to) intervals that overlap at one instant (by more than SLACK_MS). */
function maxOverlap(intervals) {
  const edges = intervals.flatMap(([from, to]) => [[from, 1], [to - SLACK_MS, -1]]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);  // an end before a start at the same instant
  let now = 0;
  let most = 0;
  for (const [, step] of edges) most = Math.max(most, (now += step));
  return most;
}

/** Checks the times every finished row must have, in order. */
function checkTimes(rows) {
  for (const row of rows) {
    const where = JSON.stringify(row);
    assert.ok(row.end >= row.queued, where);
    if (row.sent !== undefined) assert.ok(row.sent >= row.queued, where);
    if (row.head !== undefined) assert.ok(row.head >= row.sent && row.end >= row.head, where);
  }
}

test('the web demo says it is loading, with Run disabled, until httpxx is there; then it runs by itself', async () => {
  const { page, messages } = await openPage();
  // Hold the module back: the page must stay in "loading" with the button
  // disabled for as long as the module is not there.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/httpxx/httpxx.mjs', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(demo.url);
  await page.waitForFunction(() => document.querySelector('#urls').value !== '');
  const loading = await pageState(page, messages);
  assert.equal(loading.state, 'loading', JSON.stringify(loading));
  assert.equal(loading.status, 'loading httpxx…');
  assert.equal(loading.startDisabled, true, 'the button is disabled while loading');
  assert.deepEqual(loading.rows, []);
  release();
  // No click: the first run starts by itself.
  const end = await waitForState(page, messages, ['done', 'failed'], 30_000);
  assert.equal(end.state, 'done', JSON.stringify(end, null, 2));
  assert.equal(end.startDisabled, false);
  assert.equal(end.rows.length, 8);
  await page.close();
});

test('the web demo shows an error when the module cannot be loaded', async (t) => {
  const { page, messages } = await openPage();
  await page.route('**/httpxx/httpxx_core.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(demo.url);
  const failed = await waitForState(page, messages, ['failed', 'done'], 30_000);
  assert.equal(failed.state, 'failed', JSON.stringify(failed));
  assert.match(failed.status, /^failed to load httpxx: /);
  assert.equal(failed.startDisabled, true, 'nothing can be started without the module');
  assert.deepEqual(failed.rows, []);
  assert.ok(await page.isVisible('#load-help'), 'the page says how to build the module');
  assert.equal(await page.isVisible('#waterfall'), false, 'no empty waterfall is shown');
  await screenshot(t, page, 'load-failed.png');
  await page.close();
});

test('the default run draws every request: phases, sizes in human units, errors, completion order, code', async (t) => {
  const { page, messages } = await openPage();
  await page.goto(demo.url);
  const end = await waitForState(page, messages, ['done', 'failed'], 30_000);
  assert.equal(end.state, 'done', JSON.stringify(end, null, 2));
  assert.match(end.status, /^done: 8 requests in [\d.]+ (s|ms): 2\.6 MB received, 1 failed$/);
  const byUrl = Object.fromEntries(end.rows.map((row) => [row.url, row]));
  checkTimes(end.rows);

  const big = byUrl['/stream-bytes/2000000?chunk_size=65536'];
  assert.equal(big.phase, 'done', JSON.stringify(big));
  assert.equal(big.size, 2_000_000);
  assert.match(big.result, /^200\s*2\.0 MB$/);
  assert.deepEqual(big.segments, ['queued', 'waiting', 'streaming']);
  assert.match(byUrl['/bytes/150000'].result, /150 kB/);
  assert.equal(byUrl['/status/404'].status, 404, 'an HTTP error status is a response, not a failure');
  // The drip waits 0.3 s before its head, then streams for 1.2 s.
  const drip = byUrl['/drip?numbytes=400000&duration=1.2&delay=0.3&chunks=24'];
  assert.ok(drip.head - drip.sent >= 250, JSON.stringify(drip));
  assert.ok(drip.end - drip.head >= 1000, JSON.stringify(drip));
  assert.equal(drip.size, 400_000);

  // /delay/5 outlasts the 2000 ms timeout.
  const slow = byUrl['/delay/5'];
  assert.equal(slow.phase, 'failed', JSON.stringify(slow));
  assert.equal(slow.error, 'ReadTimeout');
  assert.ok(slow.end - slow.sent >= 1900, JSON.stringify(slow));
  assert.match(slow.result, /ReadTimeout/);

  // max_concurrency 3: at most three requests between leaving the queue and their head.
  const onWire = end.rows.filter((r) => r.sent !== undefined).map((r) => [r.sent, r.head ?? r.end]);
  assert.ok(maxOverlap(onWire) <= 3, JSON.stringify(onWire));
  assert.ok(end.rows.some((r) => r.sent - r.queued > 50), 'some requests waited in the queue');

  // The completion order lists every request once, in the order they ended.
  assert.deepEqual(end.order.map((o) => o.index),
    [...end.rows].sort((a, b) => a.rank - b.rank).map((r) => r.index));
  assert.deepEqual([...end.rows].sort((a, b) => a.rank - b.rank).map((r) => r.end),
    [...end.rows].map((r) => r.end).sort((a, b) => a - b));
  assert.match(end.order.at(-1).text, /\/delay\/5.*ReadTimeout/);

  // The JavaScript shown is the function that ran, under the call with the form's values.
  assert.ok(end.js.includes(downloadAll.toString()), 'the JS panel shows downloadAll() as it is');
  assert.ok(end.js.includes(`base_url: '${demo.api}'`), end.js);
  assert.ok(end.js.includes('max_concurrency: 3,') && end.js.includes('timeout: 2000,'), end.js);
  assert.ok(end.cpp.includes('client.parallel({.max_concurrency = 3})'), end.cpp);
  assert.ok(end.cpp.includes('"/delay/5",') && end.cpp.includes('.timeout = 2000ms'), end.cpp);
  assert.deepEqual(messages.filter((m) => m.startsWith('pageerror')), []);
  await screenshot(t, page, 'default-run.png');
  await page.close();
});

/** A port on 127.0.0.1 where nothing listens (bound, then closed). */
async function closedPort() {
  const server = http.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test('an edited list runs one request at a time with max_concurrency 1, failures named by class', async (t) => {
  const { page, messages } = await openPage();
  await page.goto(demo.url);
  await waitForState(page, messages, ['done', 'failed'], 30_000);
  const refused = `http://127.0.0.1:${await closedPort()}/get`;
  const urls = [
    '/drip?numbytes=30000&duration=0.3&chunks=6',
    refused,
    '/delay/0.2',
    'http://[not-a-url',
    '/bytes/5000',
    '/drip?numbytes=1500000&duration=0.4&chunks=8',
  ];
  await page.fill('#urls', urls.join('\n'));
  await page.fill('#concurrency', '1');
  await page.fill('#timeout', '3000');
  await page.click('#start');
  await page.waitForFunction(() => document.documentElement.dataset.state === 'running');
  const end = await waitForState(page, messages, ['done', 'failed'], 30_000);
  assert.equal(end.state, 'done', JSON.stringify(end, null, 2));
  assert.deepEqual(end.rows.map((r) => r.url), urls);
  checkTimes(end.rows);

  const [first, connect, delay, invalid, bytes, large] = end.rows;
  assert.equal(connect.phase, 'failed');
  assert.equal(connect.error, 'ConnectError', JSON.stringify(connect));
  assert.equal(invalid.error, 'InvalidURL', 'a URL that cannot be parsed fails alone');
  assert.equal(invalid.sent, undefined, 'and is never sent');
  for (const row of [first, delay, bytes, large]) assert.equal(row.phase, 'done', JSON.stringify(row));
  assert.equal(large.size, 1_500_000);
  assert.match(large.result, /1\.5 MB/);
  assert.match(bytes.result, /5\.0 kB/);

  // One slot: requests leave the queue in order, each after the previous head
  // arrived, so no two requests are ever on the wire waiting at once.
  const sent = end.rows.filter((r) => r.sent !== undefined);
  assert.deepEqual(sent.map((r) => r.index), [1, 2, 3, 5, 6]);
  for (let i = 1; i < sent.length; i++) {
    const before = sent[i - 1];
    assert.ok(sent[i].sent >= (before.head ?? before.end) - SLACK_MS, `${JSON.stringify(before)}\n${JSON.stringify(sent[i])}`);
  }
  assert.equal(maxOverlap(sent.map((r) => [r.sent, r.head ?? r.end])), 1);

  assert.ok(end.order.some((o) => o.index === 2 && /ConnectError/.test(o.text)), JSON.stringify(end.order));
  assert.ok(end.js.includes('max_concurrency: 1,') && end.js.includes(`'${refused}',`), end.js);
  assert.ok(end.cpp.includes('client.parallel({.max_concurrency = 1})'), end.cpp);
  await screenshot(t, page, 'edited-run.png');
  await page.close();
});

test('the C++ the page shows compiles against the headers', async (t) => {
  const compiler = process.env.CXX ?? 'g++';
  if (spawnSync(compiler, ['--version']).status !== 0) {
    t.skip(`no C++ compiler (${compiler})`);
    return;
  }
  const { page, messages } = await openPage();
  await page.goto(demo.url);
  await waitForState(page, messages, ['done', 'failed'], 30_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'httpxx-web-demo-'));
  try {
    // The defaults, then no limit and no timeout (the other spellings).
    const variants = [['3', '2000'], ['0', '']];
    for (const [i, [concurrency, timeout]] of variants.entries()) {
      await page.fill('#concurrency', concurrency);
      await page.fill('#timeout', timeout);
      const { cpp, js } = await pageState(page, messages);
      if (timeout === '') {
        assert.ok(cpp.includes('httpxx::Timeout::none()') && js.includes('timeout: null,'), cpp);
      }
      const file = path.join(dir, `demo${i}.cpp`);
      writeFileSync(file, cpp);
      const built = spawnSync(compiler, ['-std=c++20', '-fsyntax-only', '-Wall', '-Wextra', '-Werror',
        `-I${path.join(root, 'lib/include')}`, file], { encoding: 'utf8' });
      assert.equal(built.status, 0, `${cpp}\n${built.stderr}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await page.close();
  }
});
