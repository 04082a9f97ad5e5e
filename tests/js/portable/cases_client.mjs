// The client around the requests: event hooks, AbortSignal (per request, after
// the head, per parallel), buildRequest() + send(), client.headers. A portable
// case file: see js_api_cases.mjs.
import { check } from './check.mjs';
import { makeHelpers, sleep } from './helpers.mjs';

export function defineClientCases(test, env) {
  const { httpxx, base, browser, run } = makeHelpers(env);

  test('request hooks (sync or async) run before each request and may set headers; response hooks see each response', run(async ({ client }) => {
    const log = [];
    const c = client({
      follow_redirects: true,
      event_hooks: {
        request: [
          (request) => { log.push(`request ${request.method} ${new URL(request.url).pathname}`); },
          async (request) => {
            await sleep(5);
            request.headers.set('X-Hooked', 'yes');
          },
        ],
        response: [async (response) => { log.push(`response ${response.status}`); }],
      },
    });
    const r = await c.get('/redirect/1');
    // fetch keeps the request's headers on the hops it follows itself.
    check.equal((await r.json()).headers['x-hooked'], 'yes');
    // Hooks run for each request httpxx sends: under Node.js each hop; in a
    // browser fetch follows the redirect inside one request.
    check.deepEqual(log, browser
      ? ['request GET /redirect/1', 'response 200']
      : ['request GET /redirect/1', 'response 302', 'request GET /get', 'response 200']);
  }));

  test('a response hook may read the body or raise; its error rejects the request', run(async ({ client }) => {
    let body;
    const c = client({
      eventHooks: { response: [async (response) => { body = await response.text(); response.raiseForStatus(); }] },
    });
    check.equal(await (await c.get('/get')).text(), body);
    check.equal(JSON.parse(body).path, '/get');
    const e = await check.rejects(c.get('/status/503'), 'HTTPStatusError');
    check.equal(e.status, 503);
    const boom = new Error('hook refused');
    const d = client({ event_hooks: { request: [() => { throw boom; }] } });
    await check.rejects(d.get('/get'), boom);
  }));

  test('a signal cancels a request in flight with its reason; an aborted signal sends nothing', run(async ({ client }) => {
    const c = client();
    const controller = new AbortController();
    const started = Date.now();
    const pending = c.get('/delay-ms/3000', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await check.rejects(pending, 'AbortError');
    check.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    await check.rejects(c.get('/get', { signal: AbortSignal.abort(new Error('why')) }), /why/);
    const ok = await c.get('/get', { signal: new AbortController().signal });
    check.equal(ok.status, 200);
  }));

  test('aborting after the head arrived stops the body', run(async ({ client }) => {
    const c = client();
    const controller = new AbortController();
    const r = await c.get('/drip', { params: { numbytes: 5, duration: 3 }, stream: true, signal: controller.signal });
    controller.abort();
    await check.rejects(r.stream().next(), 'AbortError');
    await sleep(20);
    check.ok(r.isClosed);
  }));

  test('a parallel\'s signal cancels the whole group', run(async ({ client, defer }) => {
    const c = client();
    const controller = new AbortController();
    const p = c.parallel({ signal: controller.signal });
    defer(() => p.close().catch(() => {}));
    const slow = [p.get('/delay-ms/3000'), p.get('/delay-ms/3000')];
    const fast = p.get('/get');
    check.equal((await fast.getResponse()).status, 200);
    controller.abort();
    for (const s of slow) await check.rejects(s.getResponse(), 'AbortError');
    check.throws(() => p.get('/get'), 'AbortError');
    check.throws(() => p.get('/get', { signal: controller.signal }), { name: 'TypeError', message: /give it to client.parallel/ });
    check.throws(() => c.parallel({ signal: controller.signal }), 'AbortError');
  }));

  test('buildRequest() applies base URL, params and headers; its headers may be changed before send()', run(async ({ client, defer }) => {
    const c = client({ params: { c: '1' }, headers: { 'X-Client': 'yes' } });
    const built = c.buildRequest('POST', '/post', { params: { r: '2' }, json: { n: 1 } });
    check.ok(built instanceof httpxx.Request);
    check.equal(built.method, 'POST');
    check.equal(built.url, `${base}/post?c=1&r=2`);
    check.equal(built.headers.get('x-client'), 'yes');
    check.equal(new TextDecoder().decode(built.content), '{"n":1}');
    built.headers.set('X-Changed', 'after build');
    const doc = await (await c.send(built)).json();
    check.equal(doc.headers['x-changed'], 'after build');
    check.deepEqual(doc.json, { n: 1 });
    const streamed = await c.send(c.buildRequest('GET', '/redirect/1'), { stream: true, follow_redirects: true });
    check.equal(streamed.url, `${base}/get`);
    await streamed.close();
    const p = c.parallel();
    defer(() => p.close());
    check.equal((await p.send(c.buildRequest('GET', '/get')).getResponse()).status, 200);
    await check.rejects(c.send({ method: 'GET', url: '/get' }), { name: 'TypeError', message: /send\(\) takes a Request/ });
    // How to send belongs to send(): buildRequest() refuses it rather than drop it.
    for (const [name, value] of [['auth', ['u', 'p']], ['timeout', 1000], ['stream', true], ['follow_redirects', false]]) {
      check.throws(() => c.buildRequest('GET', '/get', { [name]: value }), { name: 'LocalProtocolError', message: new RegExp(`'${name}'.*send\\(\\)`) });
    }
    const controller = new AbortController();
    const slow = c.send(c.buildRequest('GET', '/delay-ms/3000'), { signal: controller.signal });
    controller.abort();
    await check.rejects(slow, 'AbortError');
  }));

  test('client.headers can be read and replaced', run(async ({ client }) => {
    const c = client({ headers: { 'X-A': '1' } });
    check.ok(c.headers.some(([n, v]) => n === 'X-A' && v === '1'), JSON.stringify(c.headers));
    c.headers = { 'X-B': '2' };
    const doc = await (await c.get('/headers')).json();
    check.equal(doc.headers['x-b'], '2');
    check.equal(doc.headers['x-a'], undefined);
    check.throws(() => { c.headers = 'nope'; }, TypeError);
  }));
}
