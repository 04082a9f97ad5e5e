// Authentication: BasicAuth, [user, pass], DigestAuth (answering the 401
// challenge) and function auth. A portable case file: see js_api_cases.mjs.
import { check } from './check.mjs';
import { makeHelpers } from './helpers.mjs';

export function defineAuthCases(test, env) {
  const { httpxx, base, run } = makeHelpers(env);

  test('BasicAuth, [user, pass] and a per-request auth authenticate /basic-auth', run(async ({ client }) => {
    const plain = client();
    const c = client({ auth: new httpxx.BasicAuth('u', 'p') });
    check.deepEqual(await (await c.get('/basic-auth/u/p')).json(), { authenticated: true, user: 'u' });
    check.equal((await plain.get('/basic-auth/u/p')).status, 401);
    check.equal((await plain.get('/basic-auth/v/w', { auth: ['v', 'w'] })).status, 200);
    // A request's auth replaces the client's.
    check.equal((await c.get('/basic-auth/u/p', { auth: new httpxx.BasicAuth('u', 'wrong') })).status, 401);
  }));

  test('DigestAuth answers the challenge (MD5 and SHA-256, qop auth and auth-int)', run(async ({ client }) => {
    const c = client();
    const auth = new httpxx.DigestAuth('user', 'pass');
    for (const route of ['/digest-auth/auth/user/pass', '/digest-auth/auth-int/user/pass/SHA-256']) {
      const r = await c.get(route, { auth });
      check.equal(r.status, 200, route);
      check.equal((await r.json()).authenticated, true, route);
      // The challenge is the C++ auth flow's, not fetch's: it is in the
      // history on both runtimes.
      check.equal(r.history.length, 1, route);
      check.equal(r.history[0].status, 401, route);
    }
    check.equal((await c.get('/digest-auth/auth/user/pass', { auth: new httpxx.DigestAuth('user', 'bad') })).status, 401);
  }));

  test('a function auth changes the request\'s headers; its exception rejects the request', run(async ({ client }) => {
    const c = client();
    const seen = [];
    const auth = (request) => {
      seen.push([request.method, request.url]);
      request.headers.set('Authorization', 'Bearer t0k3n');
      return request;
    };
    const r = await c.get('/bearer', { auth });
    check.deepEqual(await r.json(), { authenticated: true, token: 't0k3n' });
    check.deepEqual(seen, [['GET', `${base}/bearer`]]);
    const boom = new Error('no token');
    await check.rejects(c.get('/bearer', { auth: () => { throw boom; } }), boom);
    await check.rejects(c.get('/bearer', { auth: async (q) => q }), { name: 'TypeError', message: /must be synchronous/ });
  }));
}
