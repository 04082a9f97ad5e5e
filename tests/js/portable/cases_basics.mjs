// Basic requests and responses: params and headers, bodies, streaming,
// parallel requests, timeouts and connect errors, redirects, raiseForStatus.
// A portable case file: see js_api_cases.mjs.
import { check } from './check.mjs';
import { makeHelpers } from './helpers.mjs';

export function defineBasicCases(test, env) {
  const { httpxx, base, browser, run } = makeHelpers(env);

  test('a GET sends params and headers and returns status, headers and JSON', run(async ({ client }) => {
    const c = client();
    const r = await c.get('/get', { params: { q: 'x', many: [1, 2] }, headers: { 'X-Test': 'yes' } });
    check.equal(r.status, 200);
    check.equal(r.url, `${base}/get?q=x&many=1&many=2`);
    check.equal(r.getHeader('content-type'), 'application/json');
    const doc = await r.json();
    check.deepEqual(doc.args, { q: 'x', many: ['1', '2'] });
    check.equal(doc.headers['x-test'], 'yes');
  }));

  test('json, data and content bodies arrive as sent', run(async ({ client }) => {
    const c = client();
    const json = await (await c.post('/post', { json: { name: 'Ada', n: [1, 2] } })).json();
    check.deepEqual(json.json, { name: 'Ada', n: [1, 2] });
    const form = await (await c.post('/post', { data: { a: '1', b: ['2', '3'] } })).json();
    check.deepEqual(form.form, { a: '1', b: ['2', '3'] });
    const raw = await (await c.put('/put', { content: new Uint8Array([104, 105]) })).json();
    check.equal(raw.body, 'hi');
  }));

  test('a streamed body arrives chunk by chunk and adds up to the whole', run(async ({ client }) => {
    const c = client();
    const r = await c.get('/stream-bytes/200000', { params: { chunk_size: 10000 }, stream: true });
    let total = 0;
    let chunks = 0;
    for await (const chunk of r.stream()) {
      check.ok(chunk instanceof Uint8Array);
      total += chunk.length;
      chunks += 1;
    }
    check.equal(total, 200000);
    check.ok(chunks > 1, `${chunks} chunks`);
  }));

  test('parallel requests come back in completion order', run(async ({ client }) => {
    const c = client();
    const p = c.parallel();
    const slow = p.get('/delay-ms/400');
    p.get('/delay-ms/50');
    const first = await p.nextResponse();
    check.equal(first.url, `${base}/delay-ms/50`);
    check.equal((await slow.getResponse()).status, 200);
    await p.close();
  }));

  test('a timeout rejects with ReadTimeout and a refused connection with ConnectError', run(async ({ client }) => {
    const c = client();
    const timeout = await check.rejects(c.get('/delay-ms/2000', { timeout: 200 }), 'ReadTimeout');
    check.ok(timeout instanceof httpxx.TimeoutException);
    check.ok(timeout instanceof httpxx.HttpxxError);
    const refused = await check.rejects(c.get(env.refused), 'ConnectError');
    check.ok(refused instanceof httpxx.TransportError);
  }));

  test('redirects are followed and end at the final URL', run(async ({ client }) => {
    const c = client();
    const r = await c.get('/redirect/2', { follow_redirects: true });
    check.equal(r.status, 200);
    check.equal(r.url, `${base}/get`);
    // Node's fetch hands every 3xx to httpxx, which keeps the history; a
    // browser's fetch follows redirects itself and shows none of them.
    check.equal(r.history.length, browser ? 0 : 2);
  }));

  test('redirects are not followed by default, as in HTTPX', run(async ({ client }) => {
    const c = client();
    const r = await c.get('/redirect/1');
    // A browser's fetch follows every redirect itself (redirect: 'manual'
    // would only give an opaque response): docs/platforms.md.
    check.equal(r.status, browser ? 200 : 302);
    check.equal(r.isRedirect, !browser);
  }));

  test('raiseForStatus throws HTTPStatusError with the status', run(async ({ client }) => {
    const c = client();
    const r = await c.get('/status/418');
    const e = check.throws(() => r.raiseForStatus(), 'HTTPStatusError');
    check.equal(e.status, 418);
  }));
}
