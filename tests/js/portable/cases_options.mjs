// Options are checked: unknown names and wrong types are TypeErrors naming the
// option, in httpxx.mjs and again at the private core's boundary; both
// spellings; the C++ options the runtime decides. A portable case file: see
// js_api_cases.mjs.
import { check } from './check.mjs';
import { makeHelpers } from './helpers.mjs';

export function defineOptionCases(test, env) {
  const { httpxx, base, run, loadCore } = makeHelpers(env);
  const typeError = (message) => ({ name: 'TypeError', message });

  test('an unknown option name is a TypeError naming it, for clients, requests and parallels', run(async ({ client, defer }) => {
    check.throws(() => new httpxx.AsyncClient({ auht: ['u', 'p'] }), typeError("unknown option 'auht'"));
    const c = client();
    await check.rejects(c.get('/get', { parms: { a: 1 } }), typeError("unknown option 'parms'"));
    await check.rejects(c.get('/get', { timeout: { raed: 1 } }), typeError("unknown option 'timeout.raed'"));
    check.throws(() => c.parallel({ max_concurency: 2 }), typeError("unknown option 'max_concurency'"));
    const p = c.parallel();
    defer(() => p.close());
    check.throws(() => p.get('/get', { folow_redirects: true }), typeError("unknown option 'folow_redirects'"));
    check.throws(() => new httpxx.AsyncClient({ event_hooks: { requests: [] } }),
      typeError("unknown option 'event_hooks.requests'"));
  }));

  test('a value of the wrong type is a TypeError naming the option', run(async ({ client }) => {
    const cases = [
      [{ follow_redirects: 'yes' }, /'follow_redirects' must be a boolean/],
      [{ max_redirects: -1 }, /'max_redirects' must be a non-negative integer/],
      [{ max_decoded_size: 1.5 }, /'max_decoded_size' must be a non-negative integer/],
      [{ max_read_size: -1 }, /'max_read_size' must be a non-negative integer/],
      [{ maxReadSize: '1 MiB' }, /'max_read_size' must be a non-negative integer/],
      [{ base_url: 42 }, /'base_url' must be a string/],
      [{ headers: 'X-A: 1' }, /'headers' must be an object/],
      [{ auth: 'secret' }, /'auth' must be a BasicAuth/],
      [{ event_hooks: { request: ['not a function'] } }, /'event_hooks.request' must be an array of functions/],
      [{ timeout: -5 }, /'timeout' must be milliseconds/],
    ];
    for (const [options, message] of cases) {
      check.throws(() => new httpxx.AsyncClient(options), typeError(message), JSON.stringify(options));
    }
    const c = client();
    await check.rejects(c.get('/get', { stream: 1 }), typeError(/'stream' must be a boolean/));
    await check.rejects(c.get('/get', { files: { f: 42 } }), typeError(/'files' must be contents/));
    await check.rejects(c.get('/get', { signal: {} }), typeError(/'signal' must be an AbortSignal/));
  }));

  test('both spellings are accepted, but not both at once', run(async ({ defer }) => {
    const c = new httpxx.AsyncClient({ baseUrl: base, maxRedirects: 2, followRedirects: true, maxDecodedSize: 1 << 20 });
    defer(() => c.close());
    check.equal((await c.get('/redirect/2')).status, 200);
    check.throws(() => new httpxx.AsyncClient({ base_url: base, baseUrl: base }), typeError(/given twice/));
  }));

  test('C++ options the runtime decides raise instead of being dropped (their defaults are accepted)', run(async ({ client }) => {
    for (const [name, value] of [['retries', 3], ['limits', { max_connections: 1 }],
      ['proxy', 'http://127.0.0.1:1'], ['trust_env', false], ['transport', {}], ['http1', false], ['http2', false]]) {
      check.throws(() => new httpxx.AsyncClient({ [name]: value }), typeError(/is not supported in WebAssembly: /), name);
    }
    client({ retries: 0, verify: true, trust_env: true, http1: true, http2: true });
  }));

  test('TLS settings: refused in a browser; under Node.js checked and loaded at construction', run(async ({ client }) => {
    const tls = [['verify', false], ['ca_file', '/nonexistent/ca.pem'], ['caDir', '/nonexistent'],
      ['cert', { cert_file: '/nonexistent/c.pem' }]];
    for (const [name, value] of tls) {
      if (env.platform === 'browser') {
        // fetch takes no TLS settings.
        check.throws(() => new httpxx.AsyncClient({ [name]: value }), typeError(/is not supported in WebAssembly: /), name);
      } else if (name !== 'verify') {
        // node:https takes them; a file that cannot be read fails here, as natively.
        check.throws(() => new httpxx.AsyncClient({ [name]: value }), /cannot load the TLS settings: ENOENT/, name);
      }
    }
    check.throws(() => new httpxx.AsyncClient({ cert: { file: 'c' } }),
      env.platform === 'browser' ? /is not supported in WebAssembly/ : typeError(/unknown option 'cert.file'/));
    client({ verify: true });
    if (env.platform !== 'browser') client({ verify: false });
  }));

  test('the core module refuses unknown names and wrong types with TypeErrors, without crashing', run(async ({ defer }) => {
    const core = await loadCore();
    const reject = (value) => {
      check.ok(value instanceof TypeError, `expected a TypeError, got ${value?.name ?? typeof value}: ${value?.message}`);
      return value.message;
    };
    check.equal(reject(core.Client.create({ retries: 3 })), "unknown option 'retries'");
    check.match(reject(core.Client.create({ baseUrl: 7 })), /'base_url' must be a string/);
    check.match(reject(core.Client.create({ headers: [['a', 1]] })), /'headers' must be \[name, value\] pairs of strings/);
    check.match(reject(core.Client.create({ maxRedirects: 'many' })), /must be a number/);
    check.match(reject(core.Client.create({ auth: { scheme: 'bearer' } })), /auth.scheme/);
    check.match(reject(core.Client.create({ eventHooks: { request: [1] } })), /must be a function/);
    check.match(reject(core.Client.create({ timeout: { connect: 'x' } })), /'timeout.connect' must be a number/);
    check.match(reject(core.Client.create('not an object')), /must be an object/);
    const c = core.Client.create({ baseUrl: base });
    check.ok(!(c instanceof Error), `${c?.name}: ${c?.message}`);
    defer(() => new Promise((resolve, rejectP) => c.close(resolve, rejectP)));
    const requestError = (options) => new Promise((resolve) => c.request('GET', '/get', options, () => resolve(null), resolve));
    check.equal(reject(await requestError({ signal: true })), "unknown option 'signal'");
    check.equal(reject(await requestError({ '': 1 })), "unknown option ''");
    check.match(reject(await requestError({ content: 'not bytes' })), /'content' must be a Uint8Array/);
    check.match(reject(await requestError({ stream: 'yes' })), /'stream' must be a boolean/);
    check.match(reject(await requestError({ files: [['f', { content: new Uint8Array(1), size: 1 }]] })), /unknown option 'size' in 'files'/);
    check.match(reject(c.parallel({ maxConcurrency: -1 })), /'max_concurrency' must be a non-negative integer/);
    // Still usable afterwards.
    const status = await new Promise((resolve, rejectP) => c.request('GET', '/get', {}, (v) => resolve(v.status), rejectP));
    check.equal(status, 200);
  }));
}
