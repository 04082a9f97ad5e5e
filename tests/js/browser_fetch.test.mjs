// The JS module (httpxx.mjs over the Fetch transport) in headless Chromium, where fetch follows
// redirects itself, CORS applies (page and test server are different origins) and errors carry
// the browser's messages. Needs the npm package playwright-core and Debian's chromium, which
// scripts/setup.sh installs; without them the test fails, saying what is missing. Run: node --test tests/js/browser_fetch.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { closedUrl } from '../wasm/run_doctest.mjs';
import { browserEnv } from './support/browser_env.mjs';
import { whyNoChromium } from './support/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jsDir = process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js');
const missing = await whyNoChromium()
  || (!existsSync(path.join(jsDir, 'httpxx.mjs')) && `${jsDir}/httpxx.mjs is missing (target httpxx_js)`);

// Runs in the page: the results of a few requests, as plain data.
async function scenario({ base, refused }) {
  const httpxx = await import('./httpxx.mjs');
  const out = {};
  const client = new httpxx.AsyncClient({ base_url: base, timeout: 3000 });
  const r = await client.get('/get', { params: { q: 'x' }, headers: { 'X-Test': 'yes' } });
  const doc = await r.json();
  out.get = { status: r.status, args: doc.args, xTest: doc.headers['x-test'] };
  const redirected = await client.get('/redirect/2');
  out.redirect = { status: redirected.status, url: redirected.url };
  const start = performance.now();
  const times = [];
  const s = await client.get('/drip', { params: { numbytes: 3, duration: 0.9, chunks: 3 }, stream: true });
  for await (const chunk of s.stream()) times.push(performance.now() - start);
  out.drip = { times, end: performance.now() - start };
  out.gzip = (await (await client.get('/gzip')).json()).gzipped;
  out.errors = {};
  for (const [name, promise] of [
    ['timeout', client.get('/delay-ms/2000', { timeout: 200 })],
    ['refused', client.get(refused)],
  ]) {
    try {
      await promise;
      out.errors[name] = 'none';
    } catch (e) {
      out.errors[name] = { name: e.name, isHttpxx: e instanceof httpxx.HttpxxError };
    }
  }
  await client.close();
  return out;
}

// The page is served at /, the module beside it (its scenarios import './httpxx.mjs').
const env = browserEnv({ mounts: { '/': jsDir }, skip: missing });

test('the JS module works in Chromium: CORS, redirects followed by fetch, streaming, errors', async () => {
  assert.equal(missing, false, `cannot run the browser test: ${missing}`);
  const page = await env.chromium.context.newPage();
  // "localhost" for the page, 127.0.0.1 for the server: every request is cross-origin.
  await page.goto(env.web.url);
  const out = await page.evaluate(scenario, { base: env.srv.http, refused: await closedUrl() });
  assert.deepEqual(out.get, { status: 200, args: { q: 'x' }, xTest: 'yes' });
  // The browser follows redirects itself and reports the final URL.
  assert.deepEqual(out.redirect, { status: 200, url: `${env.srv.http}/get` });
  assert.equal(out.drip.times.length, 3);
  assert.ok(out.drip.end - out.drip.times[0] >= 450, JSON.stringify(out.drip));
  assert.equal(out.gzip, true);
  assert.deepEqual(out.errors.timeout, { name: 'ReadTimeout', isHttpxx: true });
  assert.deepEqual(out.errors.refused, { name: 'ConnectError', isHttpxx: true });
});

// Runs in the page: the JS API's options over the browser's fetch, as plain data.
async function apiScenario({ base }) {
  const httpxx = await import('./httpxx.mjs');
  const out = {};
  try {
    new httpxx.AsyncClient({ auht: ['u', 'p'] });
  } catch (e) {
    out.unknown = `${e.name}: ${e.message}`;
  }
  const hooked = [];
  const client = new httpxx.AsyncClient({
    base_url: base,
    timeout: 3000,
    event_hooks: { request: [async (request) => { request.headers.set('X-Hooked', '1'); }], response: [(r) => { hooked.push(r.status); }] },
  });
  out.basic = (await client.get('/basic-auth/u/p', { auth: new httpxx.BasicAuth('u', 'p') })).status;
  const form = new FormData();
  form.append('name', 'httpxx');
  form.append('doc', new File(['file body'], 'a.txt', { type: 'text/plain' }));
  const doc = await (await client.post('/post', { content: form })).json();
  out.form = { field: doc.form.name, file: doc.files.doc.content, hooked: doc.headers['x-hooked'] };
  const lines = [];
  for await (const line of (await client.get('/drip-lines', { params: { lines: 3, interval_ms: 10 }, stream: true })).lines()) lines.push(line);
  out.lines = lines;
  const controller = new AbortController();
  const slow = client.get('/delay-ms/3000', { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  try {
    await slow;
    out.abort = 'none';
  } catch (e) {
    out.abort = e.name;
  }
  out.hooked = hooked;
  await client.close();
  return out;
}

test('the JS API\'s options work in Chromium: TypeErrors, auth, FormData, lines, hooks, AbortSignal', async () => {
  assert.equal(missing, false, `cannot run the browser test: ${missing}`);
  const page = await env.chromium.context.newPage();
  await page.goto(env.web.url);
  const out = await page.evaluate(apiScenario, { base: env.srv.http });
  assert.equal(out.unknown, "TypeError: unknown option 'auht'");
  assert.equal(out.basic, 200);
  assert.deepEqual(out.form, { field: 'httpxx', file: 'file body', hooked: '1' });
  assert.deepEqual(out.lines, ['line 0', 'line 1', 'line 2']);
  assert.equal(out.abort, 'AbortError');
  assert.deepEqual(out.hooked.slice(0, 3), [200, 200, 200]);
});

// Runs in the page: the error classes the browser's opaque TypeErrors become.
async function errorScenario({ base, refused }) {
  const httpxx = await import('./httpxx.mjs');
  const client = new httpxx.AsyncClient({ base_url: base, timeout: 3000 });
  const out = {};
  for (const [name, url, stream] of [
    ['malformed', '/malformed', false], ['cut', '/cut', false], ['cutStreamed', '/cut', true],
    ['badGzip', '/bad-gzip', false], ['refused', refused, false],
  ]) {
    try {
      const r = await client.get(url, { stream });
      await r.read();
      out[name] = 'none';
    } catch (e) {
      out[name] = { name: e.name, network: e instanceof httpxx.NetworkError, httpxx: e instanceof httpxx.HttpxxError };
    }
  }
  await client.close();
  return out;
}

test('the browser\'s opaque fetch failures are ConnectError before the head, ReadError after it', async () => {
  assert.equal(missing, false, `cannot run the browser test: ${missing}`);
  // A server that allows the page's origin and then breaks HTTP: a malformed head, a body cut
  // half-way, a gzip body that is not gzip.
  const cors = 'Access-Control-Allow-Origin: *\r\n';
  const hostile = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', (data) => {
      const target = data.toString('latin1').split(' ')[1];
      if (target === '/malformed') {
        socket.end(`HTTP/1.1 200 OK\r\n${cors}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!`);
      } else if (target === '/cut') {
        socket.write(`HTTP/1.1 200 OK\r\n${cors}Content-Length: 100000\r\n\r\n${'z'.repeat(50000)}`);
        setTimeout(() => socket.destroy(), 100);
      } else {
        const body = 'this is not gzip data';
        socket.end(`HTTP/1.1 200 OK\r\n${cors}Content-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      }
    });
  });
  await new Promise((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  try {
    const page = await env.chromium.context.newPage();
    await page.goto(env.web.url);
    const out = await page.evaluate(errorScenario,
      { base: `http://127.0.0.1:${hostile.address().port}`, refused: await closedUrl() });
    const connect = { name: 'ConnectError', network: true, httpxx: true };
    const read = { name: 'ReadError', network: true, httpxx: true };
    assert.deepEqual(out, { malformed: connect, cut: read, cutStreamed: read, badGzip: read, refused: connect });
  } finally {
    hostile.close();
  }
});
