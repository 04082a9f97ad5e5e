// Tests of the httpxx test server (tests/server/): every endpoint group, the raw-TCP server, the
// TLS listeners, with-server.mjs and the standalone mode. Run: node --test tests/js/test_server.test.mjs

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { cases as rawCases } from '../server/raw_cases.mjs';
import { startServer } from '../server/server.mjs';

const SERVER_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'server');
let srv;

before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv.stop();
});

// ---- helpers ---------------------------------------------------------------------------------

/** One request with node:http(s) (no decoding, no redirects). Resolves { status, headers, trailers, body }. */
function request(url, { method = 'GET', headers = {}, body, agent = false, ...tlsOpts } = {}) {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.request(url, { method, headers, agent, ...tlsOpts }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders, trailers: res.trailers, body: Buffer.concat(parts), socket: res.socket }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const json = (r) => JSON.parse(r.body.toString('utf8'));

/** Send `text` on a fresh TCP connection; collect bytes until close, error or `idleMs` of silence. */
function tcpExchange(port, text, { idleMs = 300, maxBytes = Infinity } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    const parts = [];
    let size = 0;
    let timer;
    const finish = (how, error) => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ data: Buffer.concat(parts), how, error });
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish('idle'), idleMs);
    };
    sock.on('connect', () => {
      sock.write(text);
      arm();
    });
    sock.on('data', (d) => {
      parts.push(d);
      size += d.length;
      if (size >= maxBytes) return finish('max');
      arm();
    });
    sock.on('end', () => finish('end'));
    sock.on('error', (e) => finish('error', e));
  });
}

const rawCase = (name, { method = 'GET', query = '', ...o } = {}) =>
  tcpExchange(srv.rawPort, `${method} /case/${name}${query} HTTP/1.1\r\nHost: raw\r\n\r\n`, o);

/** Expected /bytes pattern: byte[i] = (i * 31 + 7 + seed) & 255. */
const pattern = (n, seed = 0) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + 7 + seed) & 255));

// ---- echo ------------------------------------------------------------------------------------

describe('echo endpoints', () => {
  test('GET /get echoes args, headers, rawHeaders', async () => {
    const r = await request(`${srv.http}/get?a=1&a=2&b=x%20y`, { headers: { 'X-Test': ['one', 'two'], 'User-Agent': 'ua/1' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.headers['access-control-allow-origin'], '*');
    assert.equal(r.headers['access-control-expose-headers'], '*');
    const d = json(r);
    assert.equal(d.method, 'GET');
    assert.equal(d.url, '/get?a=1&a=2&b=x%20y');
    assert.equal(d.path, '/get');
    assert.deepEqual(d.args, { a: ['1', '2'], b: 'x y' });
    assert.equal(d.headers['x-test'], 'one, two');
    assert.deepEqual(d.rawHeaders.filter(([k]) => k === 'X-Test'), [['X-Test', 'one'], ['X-Test', 'two']]);
    assert.equal(d.body_length, 0);
  });

  test('POST /post with JSON, urlencoded and multipart bodies', async () => {
    let d = await (await fetch(`${srv.http}/post`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"k":[1,2]}' })).json();
    assert.deepEqual(d.json, { k: [1, 2] });
    assert.equal(d.body, '{"k":[1,2]}');
    assert.equal(d.body_base64, Buffer.from('{"k":[1,2]}').toString('base64'));
    assert.equal(d.body_length, 11);

    d = await (await fetch(`${srv.http}/post`, { method: 'POST', body: new URLSearchParams('x=1&x=2&y=%C3%A9') })).json();
    assert.deepEqual(d.form, { x: ['1', '2'], y: 'é' });

    const fd = new FormData();
    fd.append('field', 'value');
    fd.append('upload', new Blob([Buffer.from([0, 1, 2, 255])], { type: 'application/x-test' }), 'data.bin');
    d = await (await fetch(`${srv.http}/post`, { method: 'POST', body: fd })).json();
    assert.deepEqual(d.form, { field: 'value' });
    assert.equal(d.files.upload.filename, 'data.bin');
    assert.equal(d.files.upload.content_type, 'application/x-test');
    assert.equal(d.files.upload.size, 4);
    assert.equal(d.files.upload.content_base64, Buffer.from([0, 1, 2, 255]).toString('base64'));
  });

  test('/anything with any method, and method checks on /get', async () => {
    const d = await (await fetch(`${srv.http}/anything/x/y?z=1`, { method: 'PUT', body: 'hi' })).json();
    assert.equal(d.method, 'PUT');
    assert.equal(d.path, '/anything/x/y');
    assert.equal(d.body, 'hi');
    const r = await fetch(`${srv.http}/get`, { method: 'POST', body: 'x' });
    assert.equal(r.status, 405);
    assert.match(r.headers.get('allow'), /GET/);
    for (const m of ['PATCH', 'DELETE']) assert.equal((await fetch(`${srv.http}/${m.toLowerCase()}`, { method: m })).status, 200);
  });

  test('CORS: preflight answered 204, plain OPTIONS /anything echoed', async () => {
    let r = await request(`${srv.http}/anything`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization, x-a' },
    });
    assert.equal(r.status, 204);
    assert.match(r.headers['access-control-allow-methods'], /\*/);
    assert.match(r.headers['access-control-allow-headers'], /\*.*authorization/);
    assert.equal(r.headers['access-control-allow-origin'], '*');
    r = await request(`${srv.http}/anything`, { method: 'OPTIONS' });
    assert.equal(r.status, 200);
    assert.equal(json(r).method, 'OPTIONS');
  });

  test('unknown path is a JSON 404', async () => {
    const r = await fetch(`${srv.http}/no/such/thing`);
    assert.equal(r.status, 404);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal((await r.json()).error, 'not found');
  });
});

// ---- status and redirects --------------------------------------------------------------------

describe('status and redirects', () => {
  test('/status/:code', async () => {
    let r = await fetch(`${srv.http}/status/418`);
    assert.equal(r.status, 418);
    assert.equal(await r.text(), 'status 418');
    r = await request(`${srv.http}/status/204`);
    assert.equal(r.status, 204);
    assert.equal(r.body.length, 0);
    r = await request(`${srv.http}/status/301?location=/get`);
    assert.equal(r.status, 301);
    assert.equal(r.headers.location, '/get');
    assert.equal((await request(`${srv.http}/status/101`)).status, 400);
  });

  test('/redirect, /relative-redirect, /absolute-redirect followed to /get', async () => {
    for (const kind of ['redirect', 'relative-redirect', 'absolute-redirect']) {
      const r = await fetch(`${srv.http}/${kind}/3`);
      assert.equal(r.status, 200, kind);
      assert.equal(r.url, `${srv.http}/get`, kind);
      assert.equal((await r.json()).path, '/get');
    }
    let r = await request(`${srv.http}/relative-redirect/2`);
    assert.equal(r.headers.location, '1');
    r = await request(`${srv.http}/absolute-redirect/2`);
    assert.equal(r.headers.location, `${srv.http}/absolute-redirect/1`);
  });

  test('/redirect-to with status_code', async () => {
    const r = await request(`${srv.http}/redirect-to?url=${encodeURIComponent('http://example.test/x')}&status_code=307`);
    assert.equal(r.status, 307);
    assert.equal(r.headers.location, 'http://example.test/x');
  });
});

// ---- bytes, streaming, timing ----------------------------------------------------------------

describe('bytes and streaming', () => {
  test('/bytes/:n follows the documented pattern with Content-Length', async () => {
    let r = await request(`${srv.http}/bytes/70000?seed=5`);
    assert.equal(r.headers['content-length'], '70000');
    assert.ok(r.body.equals(pattern(70000, 5)));
    r = await request(`${srv.http}/bytes/300`);
    assert.ok(r.body.equals(pattern(300)));
  });

  test('/stream-bytes/:n is chunked with the same bytes', async () => {
    const r = await request(`${srv.http}/stream-bytes/1000?chunk_size=100&seed=1`);
    assert.equal(r.headers['transfer-encoding'], 'chunked');
    assert.equal(r.headers['content-length'], undefined);
    assert.ok(r.body.equals(pattern(1000, 1)));
  });

  test('/drip spreads chunks over the duration', async () => {
    const t0 = Date.now();
    const res = await fetch(`${srv.http}/drip?numbytes=4&duration=0.4&chunks=4`);
    const reader = res.body.getReader();
    const arrivals = [];
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      arrivals.push(Date.now() - t0);
      text += Buffer.from(value).toString();
    }
    assert.equal(text, '****');
    assert.ok(arrivals.length >= 3, `expected several reads, got ${arrivals}`);
    assert.ok(Date.now() - t0 >= 350, 'took the whole duration');
  });

  test('/drip-lines sends numbered lines', async () => {
    const r = await fetch(`${srv.http}/drip-lines?lines=3&interval_ms=30`);
    assert.equal(await r.text(), 'line 0\nline 1\nline 2\n');
  });

  test('/delay-ms/:ms waits and echoes; an aborted delay does not disturb the server', async () => {
    const t0 = Date.now();
    const d = await (await fetch(`${srv.http}/delay-ms/200?q=1`)).json();
    assert.ok(Date.now() - t0 >= 190);
    assert.equal(d.delay_ms, 200);
    assert.deepEqual(d.args, { q: '1' });
    await assert.rejects(fetch(`${srv.http}/delay-ms/5000`, { signal: AbortSignal.timeout(50) }), /abort|timeout/i);
    assert.equal((await fetch(`${srv.http}/get`)).status, 200);
  });

  test('/delay/:s counts seconds, as httpbin (decimals allowed)', async () => {
    const t0 = Date.now();
    const d = await (await fetch(`${srv.http}/delay/0.25?q=2`)).json();
    assert.ok(Date.now() - t0 >= 240);
    assert.deepEqual(d.args, { q: '2' });
    assert.equal('delay_ms' in d, false);
    await assert.rejects(fetch(`${srv.http}/delay/1`, { signal: AbortSignal.timeout(300) }), /abort|timeout/i);
    assert.equal((await fetch(`${srv.http}/delay/1x`)).status, 404);
  });

  test('/stream/:n sends n JSON lines', async () => {
    const lines = (await (await fetch(`${srv.http}/stream/3`)).text()).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), [0, 1, 2]);
  });

  test('/trailers carries X-Checksum after the chunked body', async () => {
    const r = await request(`${srv.http}/trailers`);
    assert.equal(r.headers.trailer, 'X-Checksum');
    assert.equal(r.trailers['x-checksum'], crypto.createHash('sha256').update(r.body).digest('hex'));
  });

  test('/upload hashes a chunked upload; /echo-body returns the body', async () => {
    const data = crypto.randomBytes(300000);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < data.length; i += 65536) c.enqueue(data.subarray(i, i + 65536));
        c.close();
      },
    });
    const d = await (await fetch(`${srv.http}/upload`, { method: 'POST', body: stream, duplex: 'half' })).json();
    assert.equal(d.received_bytes, data.length);
    assert.equal(d.sha256, crypto.createHash('sha256').update(data).digest('hex'));
    assert.equal(d.chunked, true);
    const r = await request(`${srv.http}/echo-body`, { method: 'POST', headers: { 'Content-Type': 'x/y' }, body: data });
    assert.equal(r.headers['content-type'], 'x/y');
    assert.ok(r.body.equals(data));
  });
});

// ---- content encodings -----------------------------------------------------------------------

describe('content encodings', () => {
  test('/gzip /deflate /deflate-raw /brotli decode to JSON', async () => {
    const decode = { gzip: zlib.gunzipSync, deflate: zlib.inflateSync, 'deflate-raw': zlib.inflateRawSync, brotli: zlib.brotliDecompressSync };
    const token = { gzip: 'gzip', deflate: 'deflate', 'deflate-raw': 'deflate', brotli: 'br' };
    for (const [ep, fn] of Object.entries(decode)) {
      const r = await request(`${srv.http}/${ep}`);
      assert.equal(r.headers['content-encoding'], token[ep], ep);
      assert.equal(JSON.parse(fn(r.body).toString()).method, 'GET', ep);
    }
    // fetch decodes gzip and br itself.
    assert.equal((await (await fetch(`${srv.http}/gzip`)).json()).gzipped, true);
    assert.equal((await (await fetch(`${srv.http}/brotli`)).json()).brotli, true);
  });

  test('/zstd is zstd frames (or 501 when no zstd is available)', async () => {
    const r = await request(`${srv.http}/zstd`);
    if (r.status === 501) return;
    assert.equal(r.headers['content-encoding'], 'zstd');
    assert.equal(r.body.readUInt32LE(0), 0xfd2fb528); // zstd frame magic
  });

  test('/encoded applies encodings in order', async () => {
    const r = await request(`${srv.http}/encoded?enc=gzip,br&body=abc&repeat=3`);
    assert.equal(r.headers['content-encoding'], 'gzip, br');
    assert.equal(zlib.gunzipSync(zlib.brotliDecompressSync(r.body)).toString(), 'abcabcabc');
    const u = await request(`${srv.http}/encoded?enc=foo&body=plain`);
    assert.equal(u.headers['content-encoding'], 'foo');
    assert.equal(u.body.toString(), 'plain');
  });

  test('/gzip-bomb inflates to N MiB of zeros', async () => {
    const r = await request(`${srv.http}/gzip-bomb?mb=3`);
    assert.ok(r.body.length < 20000, `compressed ${r.body.length}`);
    const out = zlib.gunzipSync(r.body);
    assert.equal(out.length, 3 * 1024 * 1024);
    assert.ok(out.every((b) => b === 0));
  });
});

// ---- cookies, headers, auth ------------------------------------------------------------------

describe('cookies and headers', () => {
  test('/cookies/set, /cookies, /cookies/delete, /set-cookie-raw', async () => {
    let r = await fetch(`${srv.http}/cookies/set?a=1&b=two`, { redirect: 'manual' });
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), '/cookies');
    assert.deepEqual(r.headers.getSetCookie(), ['a=1; Path=/', 'b=two; Path=/']);
    const d = json(await request(`${srv.http}/cookies`, { headers: { Cookie: 'a=1; b=two' } }));
    assert.deepEqual(d.cookies, { a: '1', b: 'two' });
    r = await fetch(`${srv.http}/cookies/delete?a`, { redirect: 'manual' });
    assert.match(r.headers.getSetCookie()[0], /^a=; Expires=Thu, 01 Jan 1970/);
    r = await fetch(`${srv.http}/set-cookie-raw?h=${encodeURIComponent('x=1; Secure')}&h=${encodeURIComponent('y=2; HttpOnly')}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.headers.getSetCookie(), ['x=1; Secure', 'y=2; HttpOnly']);
  });

  test('/headers, /response-headers, /user-agent, /ip, /large-headers', async () => {
    assert.equal((await (await fetch(`${srv.http}/headers`, { headers: { 'X-Q': 'v' } })).json()).headers['x-q'], 'v');
    const r = await request(`${srv.http}/response-headers?X-One=1&X-Many=a&X-Many=b`);
    assert.equal(r.headers['x-one'], '1');
    assert.deepEqual(r.rawHeaders.filter((h, i) => i % 2 === 1 && ['a', 'b'].includes(h)), ['a', 'b']);
    assert.equal((await (await fetch(`${srv.http}/user-agent`, { headers: { 'User-Agent': 'agent/9' } })).json())['user-agent'], 'agent/9');
    assert.equal((await (await fetch(`${srv.http}/ip`)).json()).origin, '127.0.0.1');
    const big = await request(`${srv.http}/large-headers?n=3&size=1000`);
    for (let i = 0; i < 3; i++) assert.equal(big.headers[`x-large-${i}`], 'a'.repeat(1000));
  });

  test('/html, /latin1, /utf16, /json content types and bytes', async () => {
    let r = await request(`${srv.http}/html`);
    assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
    r = await request(`${srv.http}/latin1`);
    assert.equal(r.headers['content-type'], 'text/plain; charset=iso-8859-1');
    assert.equal(r.body[3], 0xe9);
    assert.equal(r.body.toString('latin1'), 'café naïve résumé\n');
    r = await request(`${srv.http}/utf16`);
    assert.deepEqual([...r.body.subarray(0, 2)], [0xff, 0xfe]);
    assert.equal(r.body.subarray(2).toString('utf16le'), 'héllo wörld €\n');
    assert.equal((await (await fetch(`${srv.http}/json`)).json()).slideshow.author, 'httpxx');
  });
});

/** Client side of RFC 7616 for the tests (independent of the server code). */
function digestAuthorization(challenge, { user, pass, method, uri, nc, cnonce = 'abcdef0123456789' }) {
  const p = {};
  for (const m of challenge.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) p[m[1]] = m[2] ?? m[3];
  const alg = p.algorithm;
  const hash = { 'MD5': 'md5', 'SHA': 'sha1', 'SHA-256': 'sha256', 'SHA-512': 'sha512' }[alg.replace(/-sess$/i, '')];
  const H = (s) => crypto.createHash(hash).update(s).digest('hex');
  let ha1 = H(`${user}:${p.realm}:${pass}`);
  if (/-sess$/i.test(alg)) ha1 = H(`${ha1}:${p.nonce}:${cnonce}`);
  const ha2 = H(`${method}:${uri}`);
  const ncs = nc.toString(16).padStart(8, '0');
  const response = H(`${ha1}:${p.nonce}:${ncs}:${cnonce}:auth:${ha2}`);
  return `Digest username="${user}", realm="${p.realm}", nonce="${p.nonce}", uri="${uri}", algorithm=${alg}, qop=auth, nc=${ncs}, cnonce="${cnonce}", response="${response}", opaque="${p.opaque}"`;
}

describe('auth', () => {
  test('/basic-auth', async () => {
    let r = await fetch(`${srv.http}/basic-auth/user/pw`);
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Basic realm="test"');
    r = await fetch(`${srv.http}/basic-auth/user/pw`, { headers: { Authorization: `Basic ${Buffer.from('user:pw').toString('base64')}` } });
    assert.deepEqual(await r.json(), { authenticated: true, user: 'user' });
    r = await fetch(`${srv.http}/basic-auth/user/pw`, { headers: { Authorization: `Basic ${Buffer.from('user:no').toString('base64')}` } });
    assert.equal(r.status, 401);
  });

  test('/bearer', async () => {
    assert.equal((await fetch(`${srv.http}/bearer`)).status, 401);
    const r = await fetch(`${srv.http}/bearer`, { headers: { Authorization: 'Bearer tok123' } });
    assert.deepEqual(await r.json(), { authenticated: true, token: 'tok123' });
  });

  for (const alg of ['MD5', 'MD5-sess', 'SHA', 'SHA-sess', 'SHA-256', 'SHA-256-sess', 'SHA-512', 'SHA-512-sess']) {
    test(`/digest-auth ${alg}: challenge, success, nc replay rejected, wrong password rejected`, async () => {
      const uri = `/digest-auth/auth/u/secret/${alg}`;
      const r1 = await fetch(srv.http + uri);
      assert.equal(r1.status, 401);
      const ch = r1.headers.get('www-authenticate');
      assert.match(ch, new RegExp(`^Digest .*qop="auth".*algorithm=${alg}.*nonce=".+".*opaque=".+"`));
      const auth = (nc, pass = 'secret') => ({ headers: { Authorization: digestAuthorization(ch, { user: 'u', pass, method: 'GET', uri, nc }) } });
      const ok = await fetch(srv.http + uri, auth(1));
      assert.equal(ok.status, 200);
      assert.deepEqual(await ok.json(), { authenticated: true, user: 'u', algorithm: alg, qop: 'auth', nc: 1 });
      assert.match(ok.headers.get('authentication-info'), /rspauth="[0-9a-f]+"/);
      assert.equal((await fetch(srv.http + uri, auth(1))).status, 401, 'replayed nc');
      assert.equal((await fetch(srv.http + uri, auth(2))).status, 200, 'next nc');
      assert.equal((await fetch(srv.http + uri, auth(3, 'wrong'))).status, 401, 'wrong password');
    });
  }

  test('/digest-auth refuses an algorithm it does not serve', async () => {
    assert.equal((await fetch(`${srv.http}/digest-auth/auth/u/secret/SHA-512-256`)).status, 400);
  });
});

// ---- connection behaviour --------------------------------------------------------------------

describe('connections', () => {
  test('/conn-id is stable on a keep-alive connection, new on a new one', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const a = json(await request(`${srv.http}/conn-id`, { agent })).id;
    const b = json(await request(`${srv.http}/conn-id`, { agent })).id;
    const c = json(await request(`${srv.http}/conn-id`)).id;
    agent.destroy();
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  test('/close-after closes the connection; /keepalive-then-close closes it later', async () => {
    let x = await tcpExchange(srv.httpPort, 'GET /close-after HTTP/1.1\r\nHost: t\r\n\r\n', { idleMs: 2000 });
    assert.equal(x.how, 'end');
    assert.match(x.data.toString(), /^HTTP\/1\.1 200 OK\r\n[^]*Connection: close\r\n/i);
    const t0 = Date.now();
    x = await tcpExchange(srv.httpPort, 'GET /keepalive-then-close?ms=100 HTTP/1.1\r\nHost: t\r\n\r\n', { idleMs: 2000 });
    assert.ok(x.how === 'end' || x.how === 'error');
    assert.match(x.data.toString(), /Connection: keep-alive/i);
    assert.ok(Date.now() - t0 >= 90);
  });

  test('/http10 answers with HTTP/1.0 semantics', async () => {
    const x = await tcpExchange(srv.httpPort, 'GET /http10 HTTP/1.1\r\nHost: t\r\n\r\n', { idleMs: 2000 });
    assert.equal(x.how, 'end');
    const text = x.data.toString();
    assert.match(text, /^HTTP\/1\.0 200 OK\r\n/);
    assert.doesNotMatch(text, /content-length|transfer-encoding/i);
    assert.match(text, /\r\n\r\nHTTP\/1\.0 body, ends at close\n$/);
  });

  test('/hang never answers', async () => {
    await assert.rejects(fetch(`${srv.http}/hang`, { signal: AbortSignal.timeout(150) }), /abort|timeout/i);
  });

  test('/__stats counts connections and requests', async () => {
    const stats = async () => (await fetch(`${srv.http}/__stats`)).json();
    assert.equal((await fetch(`${srv.http}/__stats/reset`, { method: 'POST' })).status, 200);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < 3; i++) await request(`${srv.http}/get`, { agent });
    await request(`${srv.https}/get`, { ca: fs.readFileSync(srv.certs.ca) });
    let s = await stats();
    assert.equal(s.requests, 4);
    assert.equal(s.connections_opened, 2);
    assert.equal(s.http.connections_opened, 1);
    assert.equal(s.https.requests, 1);
    assert.ok(s.http.connections_open >= 1);
    agent.destroy();
    await new Promise((r) => setTimeout(r, 50));
    s = await stats();
    assert.equal(s.requests, 4, '/__stats requests are not counted');
  });
});

// ---- raw server ------------------------------------------------------------------------------

describe('raw server', () => {
  test('has at least 30 documented cases, listed at /cases', async () => {
    assert.ok(Object.keys(rawCases).length >= 30);
    const x = await tcpExchange(srv.rawPort, 'GET /cases HTTP/1.1\r\nHost: raw\r\n\r\n');
    assert.deepEqual(JSON.parse(x.data.toString().split('\r\n\r\n')[1]), Object.keys(rawCases));
    const source = fs.readFileSync(path.join(SERVER_DIR, 'raw_cases.mjs'), 'utf8');
    for (const name of Object.keys(rawCases)) assert.match(source, new RegExp(`//[^\\n]*\\n(?:\\s*//[^\\n]*\\n)*\\s*${name}:`), `${name} has a comment`);
  });

  test('serves exact bytes: ok_content_length, ok_chunked, conflicting_content_length', async () => {
    let x = await rawCase('ok_content_length');
    assert.equal(x.data.toString(), 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, world!');
    assert.equal(x.how, 'idle', "then: 'keep' leaves the connection open");
    x = await rawCase('ok_chunked');
    assert.match(x.data.toString(), /\r\n\r\n7\r\nHello, \r\n6\r\nworld!\r\n0\r\n\r\n$/);
    x = await rawCase('conflicting_content_length', { idleMs: 2000 });
    assert.equal(x.how, 'end');
    assert.match(x.data.toString(), /Content-Length: 5\r\nContent-Length: 6\r\n/);
  });

  test('many_1xx sends 200 interim responses before the 200', async () => {
    const x = await rawCase('many_1xx');
    assert.equal(x.data.toString().match(/HTTP\/1\.1 103 Early Hints/g).length, 200);
    assert.match(x.data.toString(), /HTTP\/1\.1 200 OK\r\nContent-Length: 13\r\n\r\nHello, world!$/);
  });

  test("'keep' cases serve several requests on one connection (request bodies skipped)", async () => {
    const req = 'POST /case/ok_content_length HTTP/1.1\r\nHost: raw\r\nContent-Length: 4\r\n\r\nbody'
      + 'POST /case/ok_chunked HTTP/1.1\r\nHost: raw\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n'
      + 'GET /case/ok_content_length HTTP/1.1\r\nHost: raw\r\n\r\n';
    const x = await tcpExchange(srv.rawPort, req);
    assert.equal(x.data.toString().match(/HTTP\/1\.1 200 OK/g).length, 3);
  });

  test('timing and connection cases: never_respond, drip, reset, infinite, extra bytes, query overrides', async () => {
    let x = await rawCase('never_respond', { idleMs: 200 });
    assert.equal(x.how, 'idle');
    assert.equal(x.data.length, 0);
    const t0 = Date.now();
    x = await rawCase('drip_one_byte_per_second', { query: '?delay=30', idleMs: 1000 });
    assert.match(x.data.toString(), /\r\n\r\nhello$/);
    assert.ok(Date.now() - t0 >= 140);
    x = await rawCase('reset_mid_body', { idleMs: 2000 });
    assert.equal(x.how, 'error');
    assert.equal(x.error.code, 'ECONNRESET');
    x = await rawCase('infinite_body', { maxBytes: 2 * 1024 * 1024 });
    assert.equal(x.how, 'max');
    x = await rawCase('extra_bytes_after_response', { idleMs: 400 });
    assert.match(x.data.toString(), /Hello, world!HTTP\/1\.1 200 garbage/);
    x = await rawCase('ok_content_length', { query: '?then=close', idleMs: 2000 });
    assert.equal(x.how, 'end');
    x = await tcpExchange(srv.rawPort, 'GET /case/does_not_exist HTTP/1.1\r\n\r\n');
    assert.match(x.data.toString(), /^HTTP\/1\.1 404/);
  });

  test('every case runs and the server survives clients that vanish', async () => {
    await Promise.all(Object.keys(rawCases).map((name) => rawCase(name, { query: '?delay=0', idleMs: 150, maxBytes: 65536 })));
    // Clients that disconnect at once, mid-request.
    await Promise.all(Object.keys(rawCases).slice(0, 10).map((name) => new Promise((resolve) => {
      const s = net.connect(srv.rawPort, '127.0.0.1', () => {
        s.write(`GET /case/${name} HTTP/1.1\r\n\r\n`);
        s.destroy();
        resolve();
      });
      s.on('error', resolve);
    })));
    assert.match((await rawCase('ok_content_length')).data.toString(), /Hello, world!$/);
  });
});

// ---- TLS -------------------------------------------------------------------------------------

describe('TLS', () => {
  const ca = () => fs.readFileSync(srv.certs.ca);
  const tlsGet = (port, opts = {}) => request(`https://127.0.0.1:${port}/get`, { ca: ca(), ...opts });

  test('main HTTPS port is trusted with the test CA (IP and localhost)', async () => {
    const r = await tlsGet(srv.httpsPort);
    assert.equal(r.status, 200);
    assert.equal(json(r).scheme, 'https');
    const l = await request(`https://localhost:${srv.httpsPort}/get`, { ca: ca() });
    assert.equal(l.status, 200);
    await assert.rejects(request(`${srv.https}/get`), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  const expectations = {
    expired: 'CERT_HAS_EXPIRED',
    notyet: 'CERT_NOT_YET_VALID',
    wronghost: 'ERR_TLS_CERT_ALTNAME_INVALID',
    selfsigned: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    unknownca: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    incomplete_chain: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  };
  for (const [name, code] of Object.entries(expectations)) {
    test(`${name} listener is rejected with ${code}, accepted without verification`, async () => {
      const port = srv.tls[name];
      assert.ok(port > 0);
      await assert.rejects(tlsGet(port), { code });
      assert.equal((await tlsGet(port, { rejectUnauthorized: false })).status, 200);
    });
  }

  test('incomplete_chain verifies when the client supplies the intermediate', async () => {
    const r = await tlsGet(srv.tls.incomplete_chain, { ca: [ca(), fs.readFileSync(srv.certs.intermediate_ca)] });
    assert.equal(r.status, 200);
  });

  test('tls10only refuses modern clients, accepts TLS 1.0', async (t) => {
    if (!srv.tls.tls10only) return t.skip('TLS 1.0 not available in this Node/OpenSSL');
    await assert.rejects(tlsGet(srv.tls.tls10only), (e) => /protocol.?version/i.test(`${e.code} ${e.message}`));
    const r = await tlsGet(srv.tls.tls10only, { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    assert.equal(r.status, 200);
    assert.equal(r.socket.getProtocol?.() ?? 'TLSv1', 'TLSv1');
  });

  test('/client-cert reports presented and verified client certificates', async () => {
    const get = (opts) => request(`${srv.https}/client-cert`, { ca: ca(), ...opts }).then(json);
    let d = await get({});
    assert.equal(d.presented, false);
    d = await get({ cert: fs.readFileSync(srv.certs.client_cert), key: fs.readFileSync(srv.certs.client_key) });
    assert.deepEqual([d.presented, d.authorized, d.subject], [true, true, 'httpxx test client']);
    d = await get({ cert: fs.readFileSync(srv.certs.other_client_cert), key: fs.readFileSync(srv.certs.other_client_key) });
    assert.deepEqual([d.presented, d.authorized], [true, false]);
  });
});

// ---- runners ---------------------------------------------------------------------------------

/** Starts `node server.mjs ARGS`; resolves { p, info } once it printed its JSON line. */
function startServerProcess(args) {
  const p = spawn(process.execPath, [path.join(SERVER_DIR, 'server.mjs'), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve) => {
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ p, info: JSON.parse(out.split('\n')[0]) });
    });
  });
}

/** Run a process; resolves { code, stdout, stderr }. */
function run(args, { input } = {}) {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr, p }));
    if (input !== undefined) p.stdin.end(input);
  });
}

describe('runners', () => {
  test('with-server.mjs passes env vars and the exit code', async () => {
    const script = `
      const r = await fetch(process.env.HTTPXX_TEST_HTTP + '/get');
      const ok = r.status === 200 && /^https:\\/\\/127\\.0\\.0\\.1:\\d+$/.test(process.env.HTTPXX_TEST_HTTPS)
        && /^127\\.0\\.0\\.1:\\d+$/.test(process.env.HTTPXX_TEST_RAW)
        && (await import('node:fs')).existsSync(process.env.HTTPXX_TEST_CERTS + '/ca.crt')
        && /^https:/.test(process.env.HTTPXX_TEST_TLS_EXPIRED);
      process.exit(ok ? 7 : 1);`;
    const { code } = await run([path.join(SERVER_DIR, 'with-server.mjs'), '--', process.execPath, '--input-type=module', '-e', script], { input: '' });
    assert.equal(code, 7);
  });

  test('server.mjs prints one JSON line and exits when stdin ends', async () => {
    const { p, info } = await startServerProcess(['--port', '0', '--https-port', '0']);
    for (const k of ['http', 'https', 'h2', 'h2c', 'raw', 'httpPort', 'httpsPort', 'rawPort', 'tls', 'certs']) assert.ok(k in info, k);
    assert.equal((await fetch(`${info.http}/get`)).status, 200);
    const exited = new Promise((resolve) => p.on('exit', resolve));
    p.stdin.end();
    assert.equal(await exited, 0);
  });
});

describe('server.mjs as a tool', () => {
  const serverJs = () => path.join(SERVER_DIR, 'server.mjs');
  const freePort = () => new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

  test('--port and --https-port choose the ports', async () => {
    const [port, httpsPort] = [await freePort(), await freePort()];
    const { p, info } = await startServerProcess(['--port', String(port), '--https-port', String(httpsPort)]);
    assert.equal(info.http, `http://127.0.0.1:${port}`);
    assert.equal(info.httpsPort, httpsPort);
    assert.equal((await fetch(`http://127.0.0.1:${port}/get`)).status, 200);
    const exited = new Promise((resolve) => p.on('exit', resolve));
    p.stdin.end();
    assert.equal(await exited, 0);
  });

  test('a bad argument is a usage error (2); a port in use is exit 1 naming the option', async () => {
    for (const args of [['--prot', '1'], ['--port'], ['--port', 'x'], ['--port', '70000']]) {
      const { code, stderr } = await run([serverJs(), ...args], { input: '' });
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /usage: node tests\/server\/server\.mjs/);
    }
    const busy = net.createServer();
    await new Promise((resolve) => busy.listen(0, '127.0.0.1', resolve));
    try {
      const { code, stderr } = await run([serverJs(), '--port', String(busy.address().port), '--https-port', '0'], { input: '' });
      assert.equal(code, 1);
      assert.match(stderr, /EADDRINUSE.*--port/);
    } finally {
      busy.close();
    }
    const help = await run([serverJs(), '--help'], { input: '' });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--port N/);
  });
});

describe('proxy.mjs', () => {
  const rawExchange = (port, text) =>
    new Promise((resolve, reject) => {
      const sock = net.connect(port, '127.0.0.1', () => sock.write(text));
      const parts = [];
      sock.on('data', (c) => {
        parts.push(c);
        if (Buffer.concat(parts).includes('\r\n\r\n')) {
          resolve({ text: Buffer.concat(parts).toString('latin1'), sock });
        }
      });
      sock.on('error', reject);
    });

  test('forwards absolute-form requests, tunnels CONNECT, requires auth on the second port', async () => {
    const proxyPort = Number(new URL(srv.proxy).port);
    const authPort = Number(new URL(srv.proxyAuth).port);
    const target = `${srv.http}/headers`;

    const fwd = await rawExchange(proxyPort, `GET ${target} HTTP/1.1\r\nHost: ${new URL(srv.http).host}\r\nConnection: close\r\n\r\n`);
    assert.match(fwd.text, /^HTTP\/1\.1 200 /);
    assert.match(fwd.text, /x-proxied-by: httpxx-test-proxy/i);
    fwd.sock.destroy();

    const tunnel = await rawExchange(proxyPort, `CONNECT 127.0.0.1:${srv.httpPort} HTTP/1.1\r\nHost: 127.0.0.1:${srv.httpPort}\r\n\r\n`);
    assert.match(tunnel.text, /^HTTP\/1\.1 200 /);
    tunnel.sock.destroy();

    const denied = await rawExchange(authPort, `CONNECT 127.0.0.1:${srv.httpPort} HTTP/1.1\r\n\r\n`);
    assert.match(denied.text, /^HTTP\/1\.1 407 /);
    assert.match(denied.text, /Proxy-Authenticate: Basic/);
    denied.sock.destroy();

    const creds = Buffer.from(srv.proxyCredentials).toString('base64');
    const allowed = await rawExchange(authPort, `GET ${target} HTTP/1.1\r\nHost: x\r\nProxy-Authorization: Basic ${creds}\r\nConnection: close\r\n\r\n`);
    assert.match(allowed.text, /^HTTP\/1\.1 200 /);
    allowed.sock.destroy();

    const stats = json(await request(`${srv.proxy}/__proxy_stats`));
    assert.equal(stats.forwarded, 1);
    assert.equal(stats.tunnels, 1);
    assert.deepEqual(stats.targets, [`GET ${target}`, `CONNECT 127.0.0.1:${srv.httpPort}`]);
    const authStats = json(await request(`${srv.proxyAuth}/__proxy_stats`));
    assert.equal(authStats.refused, 1);
    assert.equal(authStats.forwarded, 1);
  });
});
