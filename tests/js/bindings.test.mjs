// The JS bindings (ES module httpxx.mjs, target httpxx_js) against the test
// server: real requests, streaming, errors by name, close.
// Run: node --test tests/js/bindings.test.mjs
// The module comes from $HTTPXX_JS_DIR, else build/wasm/js (preset wasm).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../server/server.mjs';
import { closedUrl } from '../wasm/run_doctest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jsDir = process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js');
const modulePath = path.join(jsDir, 'httpxx.mjs');

let srv;
let httpxx;
let client;

before(async () => {
  assert.ok(existsSync(modulePath), `${modulePath} is missing: cmake --build --preset wasm --target httpxx_js`);
  httpxx = await import(pathToFileURL(modulePath));
  srv = await startServer();
  client = new httpxx.AsyncClient({ base_url: srv.http, timeout: 5000 });
});
after(async () => {
  await client?.close();
  await srv?.stop();
});

/** Awaits `promise`, which must reject with an Error named `name`; returns the error. */
async function rejectsWith(promise, name) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.name, name, `expected ${name}, got ${e.name}: ${e.message}`);
    assert.ok(e instanceof Error);
    assert.ok(e instanceof httpxx.HttpxxError);
    return e;
  }
  assert.fail(`expected ${name}, but nothing was thrown`);
}

describe('requests', () => {
  test('a GET sends params and headers and returns status, headers, url and JSON', async () => {
    const r = await client.get('/get', { params: { q: 'x', many: [1, 2] }, headers: { 'X-Test': 'yes' } });
    assert.equal(r.status, 200);
    assert.equal(r.reasonPhrase, 'OK');
    assert.equal(r.httpVersion, 'HTTP/1.1');
    assert.equal(r.url, `${srv.http}/get?q=x&many=1&many=2`);
    assert.deepEqual(r.request, { method: 'GET', url: r.url });
    assert.ok(Array.isArray(r.headers) && r.headers.every((h) => h.length === 2));
    assert.equal(r.getHeader('CONTENT-TYPE'), 'application/json');
    assert.equal(r.getHeader('x-absent'), null);
    assert.ok(r.isSuccess && !r.isError && !r.isRedirect);
    const doc = await r.json();
    assert.deepEqual(doc.args, { q: 'x', many: ['1', '2'] });
    assert.equal(doc.headers['x-test'], 'yes');
    assert.match(doc.headers['user-agent'], /^httpxx\//);
  });

  test('every method sends its body: json, content (string and bytes), form data', async () => {
    const json = await (await client.post('/post', { json: { n: 1, s: 'é' } })).json();
    assert.deepEqual(json.json, { n: 1, s: 'é' });
    assert.equal(json.headers['content-type'], 'application/json');
    const put = await (await client.put('/put', { content: 'plain text' })).json();
    assert.equal(put.body, 'plain text');
    const patch = await (await client.patch('/patch', { content: new Uint8Array([104, 105]) })).json();
    assert.equal(patch.body, 'hi');
    const form = await (await client.request('POST', '/post', { data: { a: '1', b: ['2', '3'] } })).json();
    assert.deepEqual(form.form, { a: '1', b: ['2', '3'] });
    assert.equal((await client.delete('/delete')).status, 200);
    const head = await client.head('/get');
    assert.equal(head.status, 200);
    assert.equal((await head.bytes()).length, 0);
    assert.equal((await client.options('/get')).status, 204);
  });

  test('text() uses the charset of Content-Type; bytes() gives the exact body', async () => {
    assert.equal(await (await client.get('/latin1')).text(), 'café naïve résumé\n');
    const bytes = await (await client.get('/bytes/1000')).bytes();
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(bytes.length, 1000);
    assert.ok(bytes.every((b, i) => b === ((i * 31 + 7) & 255)));
  });

  test('gzip is decoded; the headers stay the wire headers', async () => {
    const r = await client.get('/gzip');
    assert.equal((await r.json()).gzipped, true);
    assert.equal(r.getHeader('content-encoding'), 'gzip');
  });

  test('repeated response headers stay apart under Node.js, as on the wire', async () => {
    const r = await client.get('/response-headers', { params: [['X-Many', 'a'], ['X-Many', 'b'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']] });
    assert.deepEqual(r.headers.filter(([n]) => n === 'x-many').map(([, v]) => v), ['a', 'b']);
    assert.deepEqual(r.headers.filter(([n]) => n === 'set-cookie').map(([, v]) => v), ['a=1', 'b=2']);
  });

  test('redirects are followed on request (history kept) and not by default', async () => {
    const followed = await client.get('/redirect/2', { follow_redirects: true });
    assert.equal(followed.status, 200);
    assert.equal(followed.url, `${srv.http}/get`);
    assert.deepEqual(followed.history.map((h) => h.status), [302, 302]);
    const not = await client.get('/redirect/1');
    assert.equal(not.status, 302);
    assert.ok(not.isRedirect);
  });

  test('requests run concurrently', async () => {
    const start = Date.now();
    const all = await Promise.all([1, 2, 3].map(() => client.get('/delay-ms/400')));
    assert.deepEqual(all.map((r) => r.status), [200, 200, 200]);
    assert.ok(Date.now() - start < 1100, `took ${Date.now() - start} ms`);
  });

  test('a client with camelCase options and its own headers', async () => {
    const c = new httpxx.AsyncClient({ baseUrl: `${srv.http}/anything/base`, headers: [['X-Client', 'c']], followRedirects: true });
    const doc = await (await c.get('item', { headers: new Headers({ 'X-Request': 'r' }) })).json();
    assert.equal(doc.path, '/anything/base/item');
    assert.equal(doc.headers['x-client'], 'c');
    assert.equal(doc.headers['x-request'], 'r');
    await c.close();
  });
});

describe('streaming', () => {
  test('chunks arrive one by one, long before the last is sent', async () => {
    const start = Date.now();
    const r = await client.get('/drip', { params: { numbytes: 4, duration: 1.2, chunks: 4 }, stream: true });
    const arrivals = [];
    let total = 0;
    for await (const chunk of r.stream()) {
      assert.ok(chunk instanceof Uint8Array);
      total += chunk.length;
      arrivals.push(Date.now() - start);
    }
    const end = Date.now() - start;
    assert.equal(total, 4);
    assert.ok(arrivals.length >= 2);
    assert.ok(end - arrivals[0] >= 500, `first chunk at ${arrivals[0]} ms, end at ${end} ms`);
    assert.ok(r.isClosed);
  });

  test('leaving the loop early closes the response', async () => {
    const r = await client.get('/drip', { params: { numbytes: 3, duration: 3, chunks: 3 }, stream: true });
    for await (const chunk of r.stream()) {
      assert.equal(chunk.length, 1);
      break;
    }
    assert.ok(r.isClosed);
  });

  test('a streamed body can be read whole instead, once', async () => {
    const r = await client.get('/bytes/3000', { stream: true });
    assert.equal((await r.bytes()).length, 3000);
    assert.equal((await r.read()).length, 3000);
    await r.close();
  });

  test('streaming a body that was read yields it from the cache; streaming twice is StreamConsumed', async () => {
    const r = await client.get('/bytes/10', { stream: true });
    const chunks = r.stream();
    await chunks.next();
    await rejectsWith(r.text(), 'StreamConsumed');
    await r.close();
  });
});

describe('errors', () => {
  test('a refused connection is a ConnectError with the JS message', async () => {
    const e = await rejectsWith(client.get(await closedUrl()), 'ConnectError');
    assert.match(e.message, /ECONNREFUSED/);
    assert.ok(e instanceof httpxx.NetworkError && e instanceof httpxx.TransportError);
    assert.equal(e.request.method, 'GET');
  });

  test('a slow server is a ReadTimeout; without a read timeout, a ConnectTimeout', async () => {
    const e = await rejectsWith(client.get('/delay-ms/3000', { timeout: 200 }), 'ReadTimeout');
    assert.ok(e instanceof httpxx.TimeoutException);
    await rejectsWith(client.get('/delay-ms/3000', { timeout: { connect: 200, read: null } }), 'ConnectTimeout');
  });

  test('a pause in the body longer than the read timeout is a ReadTimeout', async () => {
    const r = await client.get('/drip', { params: { numbytes: 2, duration: 3, chunks: 2 }, stream: true, timeout: 300 });
    await rejectsWith(r.stream().next(), 'ReadTimeout');
  });

  test('raiseForStatus() throws HTTPStatusError carrying the response', async () => {
    const r = await client.get('/status/404');
    assert.equal(r.reasonPhrase, 'Not Found');
    const e = await rejectsWith((async () => r.raiseForStatus())(), 'HTTPStatusError');
    assert.equal(e.status, 404);
    assert.equal(e.response, r);
    assert.equal((await client.get('/get')).raiseForStatus().status, 200);
  });

  test('invalid URLs, refused requests, redirect loops and bad JSON have their names', async () => {
    await rejectsWith(client.get('http://exa mple.com/'), 'InvalidURL');
    await rejectsWith(client.get('ftp://127.0.0.1/'), 'UnsupportedProtocol');
    // Under Node.js a GET may carry a body, as natively (browsers' fetch refuses it).
    assert.equal((await (await client.get('/anything', { content: 'a body on a GET' })).json()).body, 'a body on a GET');
    const c = new httpxx.AsyncClient({ base_url: srv.http, max_redirects: 1, follow_redirects: true });
    await rejectsWith(c.get('/redirect/3'), 'TooManyRedirects');
    await c.close();
    await rejectsWith((await client.get('/html')).json(), 'DecodingError');
  });

  test('bad option types are TypeErrors', async () => {
    await assert.rejects(client.get('/get', { content: 42 }), TypeError);
    await assert.rejects(client.get('/get', { timeout: 'soon' }), TypeError);
  });
});

describe('close', () => {
  test('a closed client refuses requests; its unread streams throw StreamClosed', async () => {
    const c = new httpxx.AsyncClient({ base_url: srv.http });
    const buffered = await c.get('/get');
    const streamed = await c.get('/drip', { params: { numbytes: 2, duration: 1 }, stream: true });
    assert.equal(c.isClosed, false);
    await c.close();
    assert.equal(c.isClosed, true);
    await c.close();  // idempotent
    await rejectsWith(c.get('/get'), 'ClientClosed');
    await rejectsWith(streamed.stream().next(), 'StreamClosed');
    assert.equal((await buffered.json()).path, '/get');
  });

  test('closing a response twice is harmless', async () => {
    const r = await client.get('/bytes/100', { stream: true });
    await r.close();
    await r.close();
    assert.ok(r.isClosed);
  });
});
