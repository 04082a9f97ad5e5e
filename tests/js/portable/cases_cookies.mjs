// Cookies: client.cookies (the C++ jar), request cookies, a client's first
// cookies. A portable case file: see js_api_cases.mjs.
//
// In a browser fetch keeps cookies in the browser's own jar and hides
// Set-Cookie from scripts (no CORS header can expose it), and Cookie is a
// forbidden request header that fetch drops. So there the jar is filled only
// by the page (client options, cookies.set()), works as a jar, but nothing of
// it reaches the server, and nothing the server sets reaches it. (These
// requests are cross-origin without credentials, so the browser neither sends
// nor stores cookies of its own for them either.)
import { check } from './check.mjs';
import { makeHelpers } from './helpers.mjs';

export function defineCookieCases(test, env) {
  const { browser, run } = makeHelpers(env);
  const sent = async (c, options) => (await (await c.get('/cookies', options)).json()).cookies;

  test('client.cookies stores Set-Cookie, sends cookies back, and can be read, set, deleted and cleared', run(async ({ client }) => {
    const c = client({ cookies: { start: 'yes' } });
    check.equal(c.cookies.get('start'), 'yes');
    const set = await c.get('/cookies/set', { params: { a: '1', b: '2' } });
    if (browser) {
      // fetch followed the 302 to /cookies, and kept Set-Cookie to itself.
      check.equal(set.status, 200);
      check.deepEqual(set.cookies, []);
      check.equal(c.cookies.get('a'), null);
      check.equal(c.cookies.size, 1);
      check.deepEqual(await set.json(), { cookies: {} });
      // Set in the page, the jar works all the same: only fetch drops Cookie.
      c.cookies.set('a', '1', { domain: '127.0.0.1' });
      c.cookies.set('b', '2', { domain: '127.0.0.1' });
    } else {
      check.equal(set.status, 302);
      check.deepEqual(set.cookies.map((k) => [k.name, k.value]), [['a', '1'], ['b', '2']]);
    }
    check.equal(c.cookies.get('a'), '1');
    check.equal(c.cookies.size, 3);
    const all = [...c.cookies];
    check.deepEqual(all.map((k) => k.name).sort(), ['a', 'b', 'start']);
    const a = all.find((k) => k.name === 'a');
    check.equal(a.domain, '127.0.0.1');
    check.equal(a.path, '/');
    check.equal(a.expires, null);
    check.equal(a.secure, false);
    check.deepEqual(await sent(c), browser ? {} : { start: 'yes', a: '1', b: '2' });
    c.cookies.set('c', '3');
    check.equal(c.cookies.delete('a'), 1);
    check.ok(!c.cookies.has('a') && c.cookies.has('c'));
    check.deepEqual(c.cookies.toObject(), { start: 'yes', b: '2', c: '3' });
    check.deepEqual(await sent(c), browser ? {} : { start: 'yes', b: '2', c: '3' });
    await c.get('/cookies/delete', { params: { b: '' } });
    // In a browser the expiring Set-Cookie never reaches the jar either.
    check.equal(c.cookies.get('b'), browser ? '2' : null);
    c.cookies.clear();
    check.equal(c.cookies.size, 0);
    check.deepEqual(await sent(c), {});
  }));

  test('a request\'s cookies go with it only; a client starts from cookie objects or another jar', run(async ({ client }) => {
    const plain = client();
    // A browser drops the Cookie header these make.
    check.deepEqual(await sent(plain, { cookies: { once: '1' } }), browser ? {} : { once: '1' });
    check.equal(plain.cookies.get('once'), null);
    const c = client({ cookies: [{ name: 'x', value: '1', path: '/cookies' }, { name: 'y', value: '2', path: '/elsewhere' }] });
    check.deepEqual(await sent(c), browser ? {} : { x: '1' });
    check.equal(c.cookies.size, 2);
    const d = client({ cookies: c.cookies });
    check.equal(d.cookies.size, 2);
    check.deepEqual(d.cookies.toObject(), { x: '1', y: '2' });
  }));
}
