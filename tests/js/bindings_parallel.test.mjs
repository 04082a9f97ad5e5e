// The JS bindings of parallel requests (client.parallel(), PendingResponse,
// nextResponse, gather, close, max_concurrency) against the test server.
// Run: node --test tests/js/bindings_parallel.test.mjs
// The module comes from $HTTPXX_JS_DIR, else build/wasm/js (preset wasm).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
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
    return e;
  }
  assert.fail(`expected ${name}, but nothing was thrown`);
}

/** The test server's /__stats (fetched by Node.js itself; never counted). */
async function stats(server = srv) {
  return (await fetch(`${server.http}/__stats`)).json();
}

/** Polls `check()` every 20 ms until it returns true; fails after `ms`. */
async function until(check, what, ms = 4000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('parallel', () => {
  test('nextResponse() gives the responses in completion order', async () => {
    const p = client.parallel();
    const delays = Array.from({ length: 20 }, (_, i) => 20 + 60 * (19 - i)); // slowest first
    const pending = delays.map((ms) => p.get(`/delay-ms/${ms}`));
    assert.ok(pending.every((x) => x instanceof httpxx.PendingResponse && !x.done));
    assert.equal(p.running(), 20);
    assert.ok(p.hasPending());
    const order = [];
    while (p.hasPending()) order.push((await (await p.nextResponse()).json()).delay_ms);
    assert.deepEqual(order, [...delays].sort((a, b) => a - b));
    assert.equal(p.running(), 0);
    assert.ok(pending.every((x) => x.done));
    const e = await rejectsWith(p.nextResponse(), 'Error');
    assert.match(e.message, /no pending request/);
    await p.close();
  });

  test('getResponse() resolves with its own response, the same object each time', async () => {
    const p = client.parallel();
    const pending = [300, 0, 150, 50].map((ms, i) => p.get(`/delay-ms/${ms}`, { params: { tag: i } }));
    assert.deepEqual(pending[2].request, { method: 'GET', url: `${srv.http}/delay-ms/150?tag=2` });
    for (const i of [2, 0, 3, 1]) {
      const r = await pending[i].getResponse();
      assert.equal(r.status, 200);
      assert.equal((await r.json()).args.tag, String(i));
      assert.equal(await pending[i].getResponse(), r);
    }
    assert.equal(p.hasPending(), false);
    await p.close();
  });

  test('every method and its body go through parallel()', async () => {
    const p = client.parallel();
    const post = p.post('/post', { json: { n: 1 } });
    const put = p.put('/put', { content: 'text' });
    const patch = p.patch('/patch', { data: { a: '1' } });
    const del = p.delete('/delete');
    const head = p.head('/get');
    const options = p.options('/get');
    const custom = p.request('PUT', '/anything', { headers: { 'X-One': '1' } });
    assert.deepEqual((await (await post.getResponse()).json()).json, { n: 1 });
    assert.equal((await (await put.getResponse()).json()).body, 'text');
    assert.deepEqual((await (await patch.getResponse()).json()).form, { a: '1' });
    assert.equal((await del.getResponse()).status, 200);
    assert.equal((await (await head.getResponse()).bytes()).length, 0);
    assert.equal((await options.getResponse()).status, 204);
    const doc = await (await custom.getResponse()).json();
    assert.equal(doc.method, 'PUT');
    assert.equal(doc.headers['x-one'], '1');
    await p.close();
  });

  test('gather() returns the responses not taken yet, in submission order', async () => {
    const p = client.parallel();
    const pending = [300, 0, 150, 50].map((ms, i) => p.get(`/delay-ms/${ms}`, { params: { tag: i } }));
    await pending[2].getResponse();
    const all = await p.gather();
    assert.ok(all.every((r) => r instanceof httpxx.Response));
    assert.deepEqual(await Promise.all(all.map(async (r) => (await r.json()).args.tag)), ['0', '1', '3']);
    assert.equal(p.hasPending(), false);
    assert.deepEqual(await p.gather(), []);
    await p.close();
  });
});

describe('errors', () => {
  test('an error belongs to its request only', async () => {
    const p = client.parallel();
    const slow = p.get('/delay-ms/300');
    const late = p.get('/delay-ms/2000', { timeout: 100 });
    const refused = p.get(await closedUrl());
    const fast = p.get('/delay-ms/0');
    const e = await rejectsWith(late.getResponse(), 'ReadTimeout');
    assert.ok(e instanceof httpxx.TimeoutException && e instanceof httpxx.HttpxxError);
    assert.equal(e.request.url, `${srv.http}/delay-ms/2000`);
    assert.match((await rejectsWith(refused.getResponse(), 'ConnectError')).message, /ECONNREFUSED/);
    assert.equal((await (await slow.getResponse()).json()).delay_ms, 300);
    assert.equal((await (await fast.getResponse()).json()).delay_ms, 0);
    await rejectsWith(late.getResponse(), 'ReadTimeout'); // the same error again
    await p.close(); // every error was taken
  });

  test('nextResponse() rejects with the error of the request that finished', async () => {
    const p = client.parallel();
    p.get('/delay-ms/400');
    p.get('/delay-ms/2000', { timeout: 100 });
    await rejectsWith(p.nextResponse(), 'ReadTimeout');
    assert.equal((await (await p.nextResponse()).json()).delay_ms, 400);
    await p.close();
  });

  test('gather() rejects with the first error once all have finished', async () => {
    const p = client.parallel();
    const ok = p.get('/delay-ms/300');
    p.get('/delay-ms/2000', { timeout: 100 });
    await rejectsWith(p.gather(), 'ReadTimeout');
    assert.ok(ok.done);
    assert.equal(p.hasPending(), false);
    await p.close();
  });

  test('close() rejects with an error no one took, once', async () => {
    const p = client.parallel();
    p.get('/delay-ms/2000', { timeout: 50 });
    const ok = p.get('/get');
    await until(() => p.running() === 0, 'both requests to finish');
    await rejectsWith(p.close(), 'ReadTimeout');
    await p.close(); // idempotent: nothing left to report
    assert.equal((await ok.getResponse()).status, 200);
  });

  test('requests that cannot be built throw at once; so does a closed Parallel', async () => {
    const p = client.parallel();
    assert.throws(() => p.get('http://exa mple.com/'), (e) => e.name === 'InvalidURL' && e instanceof httpxx.HttpxxError);
    assert.throws(() => p.get('/get', { content: 42 }), TypeError);
    assert.equal(p.hasPending(), false);
    await p.close();
    assert.throws(() => p.get('/get'), (e) => e.name === 'Error' && /closed/.test(e.message));
    assert.throws(() => client.parallel({ max_concurrency: -1 }), TypeError);
    assert.throws(() => client.parallel({ maxConcurrency: 1.5 }), TypeError);
  });
});

describe('close and limits', () => {
  test('close() aborts the running fetches: the server sees their connections close', async () => {
    // A fresh origin, so that no idle keep-alive connection is counted. Counted by the server:
    // closed = opened - open (its /__stats connections are never counted). Node's fetch
    // (undici 6) may open spare connections after an abort and reap them only after its
    // 4 s keep-alive timeout, so the check is "the 5 busy connections closed", not "none open".
    const own = await startServer();
    const c = new httpxx.AsyncClient({ base_url: own.http, timeout: null });
    const closed = (s) => s.connections_opened - s.connections_open;
    try {
      const p = c.parallel();
      const pending = Array.from({ length: 5 }, () => p.get('/delay-ms/20000'));
      await until(async () => (await stats(own)).requests === 5, 'the server to receive 5 requests');
      const busy = await stats(own);
      assert.equal(busy.connections_open, 5);
      assert.equal(closed(busy), 0);
      assert.equal(p.running(), 5);
      const waiting = pending[0].getResponse(); // awaited while close() cancels it
      await p.close(); // cancelled requests are not errors of close()
      assert.match((await rejectsWith(waiting, 'RequestError')).message, /cancelled/);
      assert.equal(p.running(), 0);
      assert.equal(p.hasPending(), false);
      // Without the aborts the server would hold these connections for 20 s.
      await until(async () => closed(await stats(own)) >= 5, 'the 5 connections to close', 2000);
      for (const x of pending) {
        const e = await rejectsWith(x.getResponse(), 'RequestError');
        assert.match(e.message, /cancelled/);
      }
    } finally {
      await c.close();
      await own.stop();
    }
  });

  test('max_concurrency limits the requests in flight (seen by the server)', async () => {
    const inFlightPeak = async (options) => {
      const base = (await stats()).requests;
      const p = client.parallel(options);
      let completed = 0;
      const pending = Array.from({ length: 6 }, () => p.get('/delay-ms/300'));
      assert.equal(p.running(), 6); // queued ones count as not finished
      const done = Promise.all(pending.map((x) => x.getResponse().then(() => { completed += 1; })));
      let peak = 0;
      while (completed < 6) {
        peak = Math.max(peak, (await stats()).requests - base - completed);
        await sleep(20);
      }
      await done;
      assert.equal((await stats()).requests - base, 6);
      await p.close();
      return peak;
    };
    assert.equal(await inFlightPeak({ max_concurrency: 2 }), 2);
    assert.ok(await inFlightPeak({}) > 2);
  });

  test('maxConcurrency: 1 runs the requests one after another, in submission order', async () => {
    const p = client.parallel({ maxConcurrency: 1 });
    p.get('/delay-ms/300');
    p.get('/delay-ms/0');
    p.get('/delay-ms/100');
    const order = [];
    while (p.hasPending()) order.push((await (await p.nextResponse()).json()).delay_ms);
    assert.deepEqual(order, [300, 0, 100]);
    await p.close();
  });
});

describe('streaming', () => {
  test('streamed responses from a Parallel arrive chunk by chunk', async () => {
    const p = client.parallel();
    const drip = { numbytes: 4, duration: 0.8, chunks: 4 };
    const streams = [p.get('/drip', { params: drip, stream: true }), p.get('/drip', { params: drip, stream: true })];
    const buffered = p.get('/bytes/100');
    const start = Date.now();
    const results = await Promise.all(streams.map(async (x) => {
      const r = await x.getResponse();
      const head = Date.now() - start;
      assert.equal(r.isStreamConsumed, false);
      const arrivals = [];
      let total = 0;
      for await (const chunk of r.stream()) {
        assert.ok(chunk instanceof Uint8Array);
        total += chunk.length;
        arrivals.push(Date.now() - start);
      }
      assert.ok(r.isClosed);
      return { head, arrivals, total };
    }));
    for (const { head, arrivals, total } of results) {
      assert.equal(total, 4);
      assert.ok(arrivals.length >= 2, `${arrivals.length} chunks`);
      assert.ok(arrivals.at(-1) - head >= 400, `head at ${head} ms, last chunk at ${arrivals.at(-1)} ms`);
    }
    assert.equal((await (await buffered.getResponse()).bytes()).length, 100);
    await p.close();
  });

  test('a streamed response from nextResponse() can be read after the others', async () => {
    const p = client.parallel();
    p.get('/drip', { params: { numbytes: 3, duration: 0.3, chunks: 3 }, stream: true });
    p.get('/delay-ms/600');
    const first = await p.nextResponse(); // the drip's head comes first
    const second = await p.nextResponse();
    assert.equal((await second.json()).delay_ms, 600);
    let total = 0;
    for await (const chunk of first.stream()) total += chunk.length;
    assert.equal(total, 3);
    await p.close();
  });
});
