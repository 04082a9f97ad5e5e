// A forwarding HTTP proxy for tests. Node.js built-ins only (node:http, node:net).
//
//   import { startProxy } from './proxy.mjs';
//   const p = await startProxy({ auth: 'user:pass' });  // auth optional
//   p.url  -> 'http://127.0.0.1:PORT'  ...  await p.stop();
//
// - Absolute-form requests ("GET http://host:port/path HTTP/1.1") are forwarded to their origin;
//   the forwarded request carries `Via: 1.1 httpxx-test-proxy` and loses Proxy-Authorization and
//   Proxy-Connection; the response gets `X-Proxied-By: httpxx-test-proxy`.
// - CONNECT host:port opens a TCP tunnel (200), or answers 502 if the target refuses.
// - With `auth`, both need `Proxy-Authorization: Basic base64(auth)`; otherwise 407 with
//   `Proxy-Authenticate: Basic realm="httpxx-test-proxy"`.
// - CONNECT NAME.raw.invalid:port answers with the bytes of raw case NAME (raw_cases.mjs) instead,
//   the replies of a broken proxy; a case with `then: 'tunnel'` then tunnels to 127.0.0.1:port.
// - GET /__proxy_stats (origin-form, on the proxy itself; no auth) answers JSON counters:
//   { forwarded, tunnels, refused, targets: ["GET http://...", "CONNECT host:port", ...] }.

import http from 'node:http';
import net from 'node:net';
import { cases } from './raw_cases.mjs';

const HOST = '127.0.0.1';
const NAME = 'httpxx-test-proxy';
const RAW_SUFFIX = '.raw.invalid';

/** Writes raw case `c` to `client` as a reply to CONNECT, then ends or hangs or calls `tunnel()`. */
async function replyWithCase(c, client, tunnel) {
  client.setNoDelay(true); // each chunk its own segment
  const chunks = typeof c.chunks === 'function' ? c.chunks() : c.chunks;
  let first = true;
  for await (const chunk of chunks) {
    if (!first && c.delayMs) await new Promise((resolve) => setTimeout(resolve, c.delayMs));
    first = false;
    if (client.destroyed) return;
    client.write(chunk);
  }
  if (c.then === 'tunnel') tunnel();
  else if (c.then !== 'hang') client.end();
}

export async function startProxy({ auth = null, port = 0 } = {}) {
  const expected = auth === null ? null : `Basic ${Buffer.from(auth).toString('base64')}`;
  const stats = { forwarded: 0, tunnels: 0, refused: 0, targets: [] };
  const sockets = new Set();
  const authorized = (req) => expected === null || req.headers['proxy-authorization'] === expected;
  const challenge = { 'Proxy-Authenticate': `Basic realm="${NAME}"` };

  const server = http.createServer((req, res) => {
    req.on('error', () => {});
    res.on('error', () => {});
    if (req.url === '/__proxy_stats') {
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return res.end(JSON.stringify(stats));
    }
    let target;
    try {
      target = new URL(req.url);
    } catch {
      req.resume();
      res.writeHead(400, { 'Content-Type': 'text/plain' });
      return res.end('absolute-form request expected\n');
    }
    stats.targets.push(`${req.method} ${req.url}`);
    if (!authorized(req)) {
      stats.refused++;
      req.resume();
      res.writeHead(407, { ...challenge, 'Content-Length': 0 });
      return res.end();
    }
    stats.forwarded++;
    const headers = { ...req.headers, via: `1.1 ${NAME}` };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = http.request(
      { host: target.hostname.replace(/^\[|\]$/g, ''), port: target.port || 80, method: req.method,
        path: target.pathname + target.search, headers, agent: false },
      (up) => {
        res.writeHead(up.statusCode, up.statusMessage, { ...up.headers, 'x-proxied-by': NAME });
        up.pipe(res);
      },
    );
    upstream.on('error', (e) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`upstream error: ${e.message}\n`);
      } else {
        res.destroy();
      }
    });
    req.pipe(upstream);
  });

  server.on('connection', (sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });

  server.on('connect', (req, client, head) => {
    client.on('error', () => {});
    stats.targets.push(`CONNECT ${req.url}`);
    if (!authorized(req)) {
      stats.refused++;
      client.end(`HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: ${challenge['Proxy-Authenticate']}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
      return;
    }
    const colon = req.url.lastIndexOf(':');
    let host = req.url.slice(0, colon).replace(/^\[|\]$/g, '');
    const targetPort = Number(req.url.slice(colon + 1));
    const rawCase = host.endsWith(RAW_SUFFIX) ? cases[host.slice(0, -RAW_SUFFIX.length)] : undefined;
    if (rawCase !== undefined) host = HOST;
    const upstream = net.connect(targetPort, host);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => {
      if (rawCase !== undefined) client.destroy();
      else if (!client.writableEnded) client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    const pipe = () => {
      stats.tunnels++;
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    };
    upstream.on('connect', () => {
      if (rawCase !== undefined) {
        client.on('close', () => upstream.destroy());
        replyWithCase(rawCase, client, pipe).catch(() => client.destroy());
        return;
      }
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      pipe();
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, resolve);
  });
  const actualPort = server.address().port;
  let stopped = null;
  const stop = () => {
    stopped ??= new Promise((resolve) => {
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
    return stopped;
  };
  return { url: `http://${HOST}:${actualPort}`, port: actualPort, stats, stop };
}
