// The httpxx test server: an httpbin-like HTTP + HTTPS server, extra HTTPS listeners with bad
// certificates, and a raw-TCP server for malformed responses. Node.js 20 built-ins only.
//
//   import { startServer } from './server.mjs';  const srv = await startServer();  ...  await srv.stop();
//   node tests/server/server.mjs [--port 8000] [--https-port 8443]
//       prints one JSON line (the result minus stop), runs until SIGTERM/SIGINT, or until stdin
//       ends when stdin is a pipe
//
// See README.md in this directory for every endpoint.

import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { pathToFileURL } from 'node:url';
import { ensureCerts } from './certs.mjs';
import { TimerSet, sendJson, splitTarget } from './http_util.mjs';
import { adaptResponse, startHttp2 } from './http2_listeners.mjs';
import { startProxy } from './proxy.mjs';
import { startRawServer } from './raw_server.mjs';
import { startH2RawServer } from './h2_raw_server.mjs';
import { newDigestState, routes as authRoutes } from './routes_auth.mjs';
import { routes as basicRoutes } from './routes_basic.mjs';
import { routes as faultRoutes } from './routes_faults.mjs';
import { routes as streamRoutes } from './routes_stream.mjs';
import { startTlsCutListeners } from './tls_cut.mjs';

const ROUTES = [...basicRoutes, ...streamRoutes, ...authRoutes, ...faultRoutes];
const HOST = '127.0.0.1';
/** Lets clients send large request heads (e.g. header-size tests); Node's default is 16 KiB. */
const MAX_HEADER_SIZE = 1024 * 1024;
/** Idle keep-alive connections are closed by the server after this long. */
const KEEP_ALIVE_TIMEOUT_MS = 15000;

function listen(server, port = 0) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

/** A TLS 1.0-only client handshake against `port`; true if it completes. */
function tls10Works(port) {
  return new Promise((resolve) => {
    const s = tls.connect({ host: HOST, port, rejectUnauthorized: false, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' });
    s.once('secureConnect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.setTimeout(2000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

/**
 * Start every listener. opts: { httpPort, httpsPort, rawPort (default 0 = ephemeral), certDir }.
 * Resolves to { http, https, h2 (https:// URL of the HTTP/2 listener), h2c (its clear-text twin), h2Raw (http:// URL of the raw-frame HTTP/2 server, h2c), raw, rawTls, httpPort, httpsPort, rawPort, rawTlsPort, tls: {name: port},
 * tlsCut: {name: port}, certs: {name: path}, proxy, proxyAuth (http://127.0.0.1:PORT of the proxies of
 * proxy.mjs), proxyCredentials, stop }.
 */
/** The credentials (user:password) the authenticating test proxy requires. */
export const PROXY_AUTH = 'proxyuser:proxypass';

export async function startServer(opts = {}) {
  const certs = ensureCerts(opts.certDir ? { dir: opts.certDir } : {});
  const pem = (p) => fs.readFileSync(p);
  const timers = new TimerSet();
  const state = { digest: newDigestState() };
  const sockets = new Set(); // every TCP socket of every HTTP(S) listener, destroyed by stop()
  const conns = new WeakMap(); // req.socket -> { id, requests, counted, key }
  let nextConnId = 0;
  const newStats = () => ({ connections_opened: 0, connections_open: 0, requests: 0 });
  const stats = { http: newStats(), https: newStats() };

  /**
   * Register a connection (the TCP socket for HTTP, the TLS socket for HTTPS); key = stats bucket or null.
   * `active`: requests being served on it now.
   */
  const trackConn = (sock, key) => {
    const rec = { id: ++nextConnId, requests: 0, active: 0, counted: key !== null, key };
    conns.set(sock, rec);
    if (key) {
      stats[key].connections_opened++;
      stats[key].connections_open++;
      sock.once('close', () => {
        if (rec.counted) stats[key].connections_open--;
      });
    }
    return rec;
  };

  const statsBody = () => {
    const sum = (f) => stats.http[f] + stats.https[f];
    return {
      connections_opened: sum('connections_opened'),
      connections_open: sum('connections_open'),
      requests: sum('requests'),
      http: { ...stats.http },
      https: { ...stats.https },
    };
  };

  /** The request handler shared by every HTTP(S) listener. */
  const makeHandler = (scheme, key, hostPort) => async (req, res) => {
    res.on('error', () => {});
    req.on('error', () => {});
    adaptResponse(req, res);
    // An HTTP/2 connection is its session (req.socket is a per-request proxy there).
    const connKey = req.httpVersionMajor === 2 ? req.stream.session : req.socket;
    const rec = conns.get(connKey) ?? trackConn(connKey, null);
    rec.requests++;
    rec.active++;
    res.once('close', () => rec.active--);
    const { path, query } = splitTarget(req.url);
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', '*');

    // Control endpoints: never counted as requests. A connection opened just for them is not
    // counted either (and is closed after the answer), so tests see only their own traffic.
    if (path === '/__stats' || path === '/__stats/reset') {
      req.resume();
      const headers = {};
      if (rec.requests === 1 && rec.counted) {
        rec.counted = false;
        stats[rec.key].connections_opened--;
        stats[rec.key].connections_open--;
        headers.Connection = 'close';
      }
      if (path === '/__stats/reset') {
        if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST only' }, { ...headers, Allow: 'POST' });
        for (const k of Object.keys(stats)) {
          stats[k].connections_opened = 0;
          stats[k].requests = 0;
        }
      }
      return sendJson(res, 200, statsBody(), headers);
    }
    if (key) stats[key].requests++;

    // CORS preflight.
    if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
      req.resume();
      const reqHeaders = req.headers['access-control-request-headers'];
      res.writeHead(204, {
        'Access-Control-Allow-Methods': `*, ${req.headers['access-control-request-method']}`,
        // "*" does not cover Authorization, so the requested names are listed as well.
        'Access-Control-Allow-Headers': reqHeaders ? `*, ${reqHeaders}` : '*',
        'Access-Control-Max-Age': '600',
        'Content-Length': 0,
      });
      return res.end();
    }

    const ctx = { scheme, path, query, params: new URLSearchParams(query), connId: rec.id, conn: rec, timers, state, hostPort };
    try {
      for (const route of ROUTES) {
        const m = route.path.exec(path);
        if (!m) continue;
        if (route.methods && !route.methods.includes(req.method)) {
          req.resume();
          const allow = [...route.methods, 'OPTIONS'].join(', ');
          if (req.method === 'OPTIONS') {
            res.writeHead(204, { Allow: allow, 'Content-Length': 0 });
            return res.end();
          }
          return sendJson(res, 405, { error: `method ${req.method} not allowed` }, { Allow: allow });
        }
        return await route.handler(req, res, ctx, m);
      }
      req.resume();
      sendJson(res, 404, { error: 'not found', path });
    } catch (e) {
      if (!res.headersSent && !res.destroyed) sendJson(res, e.status ?? 500, { error: String(e.message ?? e) });
      else res.destroy();
    }
  };

  const serverOpts = { maxHeaderSize: MAX_HEADER_SIZE, requestTimeout: 0 };
  const configure = (server, key) => {
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('error', () => {});
      s.once('close', () => sockets.delete(s));
      if (key === 'http') trackConn(s, key);
    });
    if (key === 'https') server.on('secureConnection', (s) => trackConn(s, key));
    server.on('tlsClientError', () => {});
    return server;
  };

  const servers = [];
  const httpServer = configure(http.createServer(serverOpts), 'http');
  const httpPort = await listen(httpServer, opts.httpPort ?? 0);
  httpServer.on('request', makeHandler('http', 'http', `${HOST}:${httpPort}`));
  servers.push(httpServer);

  // Main HTTPS: the good certificate; asks for (but does not require) a client certificate.
  const httpsServer = configure(
    https.createServer({
      ...serverOpts,
      key: pem(certs.server_key),
      cert: pem(certs.server_cert),
      ca: pem(certs.client_ca),
      requestCert: true,
      rejectUnauthorized: false,
    }),
    'https',
  );
  const httpsPort = await listen(httpsServer, opts.httpsPort ?? 0);
  httpsServer.on('request', makeHandler('https', 'https', `${HOST}:${httpsPort}`));
  servers.push(httpsServer);

  // One extra HTTPS listener per bad certificate (same endpoints, not counted in /__stats).
  const tlsPorts = {};
  const bad = {
    expired: { key: certs.expired_key, cert: certs.expired_cert },
    notyet: { key: certs.notyet_key, cert: certs.notyet_cert },
    wronghost: { key: certs.wronghost_key, cert: certs.wronghost_cert },
    selfsigned: { key: certs.selfsigned_key, cert: certs.selfsigned_cert },
    unknownca: { key: certs.unknownca_key, cert: certs.unknownca_cert },
    incomplete_chain: { key: certs.incomplete_key, cert: certs.incomplete_cert }, // leaf only, no intermediate
    tls10only: {
      key: certs.server_key, cert: certs.server_cert, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0',
    },
  };
  for (const [name, o] of Object.entries(bad)) {
    let server;
    try {
      server = configure(https.createServer({ ...serverOpts, ...o, key: pem(o.key), cert: pem(o.cert) }), null);
    } catch {
      continue; // e.g. this Node's OpenSSL refuses TLS 1.0 settings
    }
    const port = await listen(server, 0);
    server.on('request', makeHandler('https', null, `${HOST}:${port}`));
    servers.push(server);
    if (name === 'tls10only' && !(await tls10Works(port))) {
      server.close();
      continue;
    }
    tlsPorts[name] = port;
  }

  // HTTP/2 (h2 over TLS with ALPN, h2c with prior knowledge): same routes, not counted in /__stats.
  const h2 = await startHttp2({
    key: pem(certs.server_key), cert: pem(certs.server_cert), host: HOST,
    configure: (server) => configure(server, null), listen: (server) => listen(server, 0),
    handler: (scheme, hostPort) => makeHandler(scheme, null, hostPort),
    onSession: (session) => {
      session.on('error', () => {});
      trackConn(session, null);
    },
  });
  servers.push(...h2.servers);

  const raw = await startRawServer(opts.rawPort ?? 0, { tls: { key: pem(certs.server_key), cert: pem(certs.server_cert) } });
  const tlsCut = await startTlsCutListeners(raw.tlsPort);
  const h2Raw = await startH2RawServer();
  // Forwarding proxies (proxy.mjs): one open, one requiring Basic credentials PROXY_AUTH.
  const proxy = await startProxy();
  const proxyAuth = await startProxy({ auth: PROXY_AUTH });

  let stopped = null;
  const stop = () => {
    stopped ??= (async () => {
      timers.clearAll();
      const closing = servers.map((s) => new Promise((resolve) => s.close(() => resolve())));
      for (const s of sockets) s.destroy();
      await Promise.all([...closing, raw.close(), h2Raw.close(), tlsCut.close(), proxy.stop(), proxyAuth.stop()]);
    })();
    return stopped;
  };

  return {
    http: `http://${HOST}:${httpPort}`,
    https: `https://${HOST}:${httpsPort}`,
    h2: `https://${HOST}:${h2.h2Port}`,
    h2c: `http://${HOST}:${h2.h2cPort}`,
    h2Raw: `http://${HOST}:${h2Raw.port}`,
    raw: `${HOST}:${raw.port}`,
    rawTls: `${HOST}:${raw.tlsPort}`,
    httpPort,
    httpsPort,
    rawPort: raw.port,
    rawTlsPort: raw.tlsPort,
    tls: tlsPorts,
    tlsCut: tlsCut.ports,
    certs,
    proxy: proxy.url,
    proxyAuth: proxyAuth.url,
    proxyCredentials: PROXY_AUTH,
    stop,
  };
}

// ---- run directly ----------------------------------------------------------------------------
const USAGE = `usage: node tests/server/server.mjs [--port N] [--https-port N]
  --port N        the HTTP port (default 8000, as the docs' samples assume; 0: any free port)
  --https-port N  the HTTPS port (default 8443; 0: any free port)
The other listeners (raw, TLS faults, proxies) take free ports; all of them are in the JSON line.
`;

/** { httpPort, httpsPort } from the command line; a bad one prints the usage and exits 2. */
function parseServerArgs(argv) {
  const opts = { httpPort: 8000, httpsPort: 8443 };
  const names = { '--port': 'httpPort', '--https-port': 'httpsPort' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--help' || argv[i] === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    }
    const key = names[argv[i]];
    const value = argv[i + 1];
    if (!key || !/^\d+$/.test(value ?? '') || Number(value) > 65535) {
      process.stderr.write(key ? `${argv[i]} needs a port number (0-65535)\n${USAGE}` : `unknown argument '${argv[i]}'\n${USAGE}`);
      process.exit(2);
    }
    opts[key] = Number(value);
    i++;
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
  const ports = parseServerArgs(process.argv.slice(2));
  let srv;
  try {
    srv = await startServer(ports);
  } catch (e) {
    process.stderr.write(`cannot start the test server: ${e.message}` +
      (e.code === 'EADDRINUSE' ? ' (choose another with --port / --https-port, 0 for any free one)' : '') + '\n');
    process.exit(1);
  }
  const { stop, ...info } = srv;
  process.stdout.write(JSON.stringify(info) + '\n');
  const shutdown = async () => {
    await stop();
    process.exit(0);
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Stop when a controlling parent closes our stdin -- only if stdin is a pipe or socket
  // (a TTY or /dev/null must not stop a backgrounded server).
  const st = fs.fstatSync(0);
  if (st.isFIFO() || st.isSocket()) {
    process.stdin.on('end', shutdown);
    process.stdin.resume();
  }
}
