// Echo, status, redirect, cookie, header, content-type and connection-behaviour endpoints.
// Each route: { path: RegExp, methods?: [..] (405 otherwise), handler(req, res, ctx, match) }.

import crypto from 'node:crypto';
import { echoDocument, headerObject, intParam, multiObject, readBody, sendJson, sendText } from './http_util.mjs';

/** Buffer the body, then answer with the echo document. */
async function echo(req, res, ctx, extra = {}) {
  const body = await readBody(req);
  sendJson(res, 200, { ...echoDocument(req, ctx, body), ...extra });
}

/** Statuses whose responses never carry content. */
const NO_BODY = new Set([204, 205, 304]);

/** Cookie header -> { name: value } (first occurrence wins, as browsers send most specific first). */
function parseCookies(header) {
  const out = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    if (k && !(k in out)) out[k] = part.slice(eq + 1).trim();
  }
  return out;
}

function redirect(res, location, status = 302, headers = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { ...headers, Location: location, 'Content-Length': 0 });
  res.end();
}

export const routes = [
  // --- echo -------------------------------------------------------------------------------
  { path: /^\/anything(\/.*)?$/, handler: (req, res, ctx) => echo(req, res, ctx) },
  { path: /^\/get$/, methods: ['GET', 'HEAD'], handler: (req, res, ctx) => echo(req, res, ctx) },
  { path: /^\/post$/, methods: ['POST'], handler: (req, res, ctx) => echo(req, res, ctx) },
  { path: /^\/put$/, methods: ['PUT'], handler: (req, res, ctx) => echo(req, res, ctx) },
  { path: /^\/patch$/, methods: ['PATCH'], handler: (req, res, ctx) => echo(req, res, ctx) },
  { path: /^\/delete$/, methods: ['DELETE'], handler: (req, res, ctx) => echo(req, res, ctx) },

  // --- status -----------------------------------------------------------------------------
  {
    // /status/CODE[?location=URL]: 200..999; body "status CODE" except for 204/205/304 (no content).
    path: /^\/status\/(\d{3})$/,
    handler: async (req, res, ctx, m) => {
      await readBody(req);
      const code = Number(m[1]);
      if (code < 200) return sendJson(res, 400, { error: 'use the raw server for 1xx responses' });
      const headers = {};
      if (ctx.params.has('location')) headers.Location = ctx.params.get('location');
      if (code === 401) headers['WWW-Authenticate'] = 'Basic realm="test"';
      if (NO_BODY.has(code)) {
        res.writeHead(code, code === 205 ? { ...headers, 'Content-Length': 0 } : headers);
        return res.end();
      }
      sendText(res, code, `status ${code}`, 'text/plain; charset=utf-8', headers);
    },
  },

  // --- redirects --------------------------------------------------------------------------
  {
    // /redirect/N: 302 -> /redirect/N-1 ... /redirect/1 -> /get (absolute paths, no scheme/host).
    path: /^\/redirect\/(\d+)$/,
    handler: (req, res, ctx, m) => {
      const n = Number(m[1]);
      redirect(res, n <= 1 ? '/get' : `/redirect/${n - 1}`);
    },
  },
  {
    // /relative-redirect/N: Location is a relative reference "N-1" (resolves against the current
    // path), and "../get" at the end. Tests URL resolution in the client.
    path: /^\/relative-redirect\/(\d+)$/,
    handler: (req, res, ctx, m) => {
      const n = Number(m[1]);
      redirect(res, n <= 1 ? '../get' : `${n - 1}`);
    },
  },
  {
    // /absolute-redirect/N: Location is a full URL built from the Host header and this server's scheme.
    path: /^\/absolute-redirect\/(\d+)$/,
    handler: (req, res, ctx, m) => {
      const n = Number(m[1]);
      const base = `${ctx.scheme}://${req.headers.host ?? ctx.hostPort}`;
      redirect(res, n <= 1 ? `${base}/get` : `${base}/absolute-redirect/${n - 1}`);
    },
  },
  {
    // /redirect-to?url=U&status_code=S (default 302; any 3xx or other code accepted as given).
    // With echo=1 the redirect's body is the echo document of the request (what each hop of a
    // chain received).
    path: /^\/redirect-to$/,
    handler: async (req, res, ctx) => {
      const body = await readBody(req);
      const url = ctx.params.get('url');
      if (url === null) return sendJson(res, 400, { error: 'url parameter required' });
      const status = intParam(ctx.params, 'status_code', 302, 100, 999);
      if (ctx.params.get('echo') === '1') return sendJson(res, status, echoDocument(req, ctx, body), { Location: url });
      redirect(res, url, status);
    },
  },

  // --- cookies ----------------------------------------------------------------------------
  { path: /^\/cookies$/, handler: (req, res) => sendJson(res, 200, { cookies: parseCookies(req.headers.cookie) }) },
  {
    // /cookies/set?a=1&b=2: "Set-Cookie: a=1; Path=/" for each, then 302 -> /cookies.
    path: /^\/cookies\/set$/,
    handler: (req, res, ctx) => {
      const cookies = [...ctx.params].map(([k, v]) => `${k}=${v}; Path=/`);
      redirect(res, '/cookies', 302, { 'Set-Cookie': cookies });
    },
  },
  {
    // /cookies/delete?a&b: expire each named cookie, then 302 -> /cookies.
    path: /^\/cookies\/delete$/,
    handler: (req, res, ctx) => {
      const cookies = [...ctx.params.keys()].map((k) => `${k}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/`);
      redirect(res, '/cookies', 302, { 'Set-Cookie': cookies });
    },
  },
  {
    // /set-cookie-raw?h=RAW&h=RAW2: each h value becomes one Set-Cookie header, verbatim; 200 JSON.
    path: /^\/set-cookie-raw$/,
    handler: (req, res, ctx) => {
      const values = ctx.params.getAll('h');
      sendJson(res, 200, { set_cookie: values }, values.length ? { 'Set-Cookie': values } : {});
    },
  },

  // --- headers ----------------------------------------------------------------------------
  { path: /^\/headers$/, handler: (req, res) => sendJson(res, 200, { headers: headerObject(req) }) },
  {
    // /response-headers?k=v&k=v2: sets each (repeated names -> repeated header lines); JSON echo of them.
    path: /^\/response-headers$/,
    handler: (req, res, ctx) => {
      const set = multiObject(ctx.params);
      sendJson(res, 200, set, set);
    },
  },
  { path: /^\/user-agent$/, handler: (req, res) => sendJson(res, 200, { 'user-agent': req.headers['user-agent'] ?? null }) },
  { path: /^\/ip$/, handler: (req, res) => sendJson(res, 200, { origin: req.socket.remoteAddress }) },

  // --- content types ----------------------------------------------------------------------
  {
    path: /^\/html$/,
    handler: (req, res) =>
      sendText(res, 200, '<!DOCTYPE html>\n<html><head><title>httpxx</title></head><body><h1>Hello, httpxx</h1></body></html>\n',
        'text/html; charset=utf-8'),
  },
  // "café naïve résumé\n" encoded as ISO-8859-1 (é = 0xE9, ï = 0xEF).
  { path: /^\/latin1$/, handler: (req, res) => sendText(res, 200, Buffer.from('café naïve résumé\n', 'latin1'), 'text/plain; charset=iso-8859-1') },
  {
    // "héllo wörld €\n" as UTF-16 little-endian with a BOM (FF FE).
    path: /^\/utf16$/,
    handler: (req, res) =>
      sendText(res, 200, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('héllo wörld €\n', 'utf16le')]), 'text/plain; charset=utf-16'),
  },
  {
    path: /^\/json$/,
    handler: (req, res) =>
      sendJson(res, 200, { slideshow: { title: 'Sample', author: 'httpxx', slides: [{ title: 'One', type: 'all' }, { title: 'Two', type: 'all', items: ['a', 'b'] }] }, unicode: 'é€😀' }),
  },

  // --- uploads ----------------------------------------------------------------------------
  {
    // /upload: streams the body (any size, chunked or not) and returns its length and SHA-256.
    path: /^\/upload$/,
    methods: ['POST', 'PUT'],
    handler: (req, res) => {
      const hash = crypto.createHash('sha256');
      let n = 0;
      req.on('data', (c) => {
        n += c.length;
        hash.update(c);
      });
      req.on('end', () => sendJson(res, 200, { received_bytes: n, sha256: hash.digest('hex'), chunked: req.headers['transfer-encoding'] !== undefined }));
    },
  },
  {
    // /echo-body: the request body, as-is, with the request's Content-Type (default application/octet-stream).
    path: /^\/echo-body$/,
    handler: async (req, res) => {
      const body = await readBody(req);
      sendText(res, 200, body, req.headers['content-type'] ?? 'application/octet-stream');
    },
  },

  // --- connection behaviour ---------------------------------------------------------------
  { path: /^\/conn-id$/, handler: (req, res, ctx) => sendJson(res, 200, { id: ctx.connId }) },
  {
    // /close-after: "Connection: close"; the server closes the socket after the response.
    path: /^\/close-after$/,
    handler: async (req, res, ctx) => {
      const body = await readBody(req);
      res.shouldKeepAlive = false;
      sendJson(res, 200, echoDocument(req, ctx, body), { Connection: 'close' });
    },
  },
  {
    // /keepalive-then-close?ms=100: normal keep-alive response, then the server destroys the
    // connection ms later (a stale pooled connection for the client).
    path: /^\/keepalive-then-close$/,
    handler: (req, res, ctx) => {
      const ms = intParam(ctx.params, 'ms', 100, 0, 60000);
      const sock = req.socket;
      sendJson(res, 200, { id: ctx.connId, close_in_ms: ms });
      ctx.timers.detached(ms, () => sock.destroy());
    },
  },
  {
    // /hang: reads the request and never answers (the socket is destroyed by stop()).
    path: /^\/hang$/,
    handler: (req) => req.resume(),
  },
  {
    // /stop-reading: reads nothing of the body and stops reading the connection, so a large
    // upload fills the socket buffers and blocks; never answers (destroyed by stop()).
    path: /^\/stop-reading$/,
    handler: (req) => req.socket.pause(),
  },
  {
    // /http10: raw "HTTP/1.0 200 OK" response without Content-Length; the body ends when the
    // connection closes. Written past `res`, so the CORS fields every response has are
    // repeated here (browsers reject the response without them).
    path: /^\/http10$/,
    handler: (req) => {
      const sock = req.socket;
      req.resume();
      sock.write('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Served-By: http10\r\n'
        + 'Access-Control-Allow-Origin: *\r\nAccess-Control-Expose-Headers: *\r\n'
        + '\r\nHTTP/1.0 body, ends at close\n');
      sock.end();
    },
  },
  {
    // /large-headers?n=1&size=8192: n response headers X-Large-0.. each with `size` 'a' characters.
    path: /^\/large-headers$/,
    handler: (req, res, ctx) => {
      const n = intParam(ctx.params, 'n', 1, 0, 100000);
      const size = intParam(ctx.params, 'size', 8192, 0, 16 * 1024 * 1024);
      const value = 'a'.repeat(size);
      const headers = {};
      for (let i = 0; i < n; i++) headers[`X-Large-${i}`] = value;
      sendJson(res, 200, { n, size }, headers);
    },
  },
  {
    // /client-cert (HTTPS): whether the client presented a certificate the client CA verifies.
    path: /^\/client-cert$/,
    handler: (req, res, ctx) => {
      const sock = req.socket;
      const cert = typeof sock.getPeerCertificate === 'function' ? sock.getPeerCertificate() : null;
      const presented = !!(cert && cert.subject);
      sendJson(res, 200, {
        tls: ctx.scheme === 'https',
        presented,
        authorized: presented && sock.authorized === true,
        error: presented && !sock.authorized ? String(sock.authorizationError) : null,
        subject: presented ? cert.subject.CN ?? null : null,
        issuer: presented ? cert.issuer?.CN ?? null : null,
      });
    },
  },
];

export { parseCookies };
