// Raw-TCP server: reads an HTTP/1.x request head, and for "GET /case/NAME[?then=..&delay=..]"
// writes the bytes of raw_cases.mjs[NAME] verbatim, then closes / keeps / hangs / resets.
// "GET /cases" answers a JSON list of the case names; unknown names get a 404.
// Request bodies (Content-Length or chunked) are read and discarded so 'keep' cases can serve
// several requests on one connection -- except for cases marked `early`, which answer as soon as
// the head is in and stop reading (the client is still sending its body). Every socket has an
// 'error' handler: a client going away at any moment never crashes the server.
//
// With `tls: { key, cert }` the same cases are also served over TLS on a second port
// (`tlsPort`); there 'close' ends with close_notify and 'destroy' closes the TCP connection
// without it.

import net from 'node:net';
import tls from 'node:tls';
import { writeAndDrain } from './http_util.mjs';
import { cases } from './raw_cases.mjs';

const MAX_HEAD = 64 * 1024;

function simpleResponse(status, reason, body, type = 'text/plain') {
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Consume a chunked request body from `buf` starting at `pos`; returns the end offset or -1 if incomplete. */
function skipChunked(buf, pos) {
  for (;;) {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) return -1;
    const size = parseInt(buf.subarray(pos, eol).toString('latin1').split(';')[0].trim(), 16);
    if (Number.isNaN(size)) return buf.length; // malformed: drop everything
    if (size === 0) {
      const end = buf.indexOf('\r\n\r\n', eol);
      if (buf.subarray(eol, eol + 4).toString() === '\r\n\r\n') return eol + 4;
      return end < 0 ? -1 : end + 4; // trailers present
    }
    if (buf.length < eol + 2 + size + 2) return -1;
    pos = eol + 2 + size + 2;
  }
}

/** The case a request-target names, or null. */
function caseOf(target) {
  const url = new URL(target, 'http://raw.invalid');
  const name = url.pathname.startsWith('/case/') ? decodeURIComponent(url.pathname.slice(6)) : null;
  return name !== null && Object.hasOwn(cases, name) ? cases[name] : null;
}

/**
 * Start the raw server on 127.0.0.1:port (and, given `tls: { key, cert }`, its TLS twin on an
 * ephemeral port). Resolves to { port, tlsPort, connections(), close() }.
 */
export async function startRawServer(port = 0, { tls: tlsOptions } = {}) {
  const sockets = new Set();
  const timers = new Set();

  const sleep = (ms, socket) =>
    new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        socket.off('close', onClose);
        resolve(true);
      }, ms);
      const onClose = () => {
        clearTimeout(t);
        timers.delete(t);
        resolve(false);
      };
      timers.add(t);
      socket.once('close', onClose);
    });

  const write = writeAndDrain;

  /**
   * Serve one parsed request on `socket` (`tcp` is the TCP socket under it: the same socket for
   * plain TCP). Returns 'keep' to continue with the next request on this socket.
   */
  async function serve(socket, tcp, target) {
    const url = new URL(target, 'http://raw.invalid');
    if (url.pathname === '/cases') {
      await write(socket, simpleResponse(200, 'OK', JSON.stringify(Object.keys(cases)), 'application/json'));
      return 'keep';
    }
    const c = caseOf(target);
    if (!c) {
      await write(socket, simpleResponse(404, 'Not Found', `unknown raw case ${url.pathname}\n`));
      return 'keep';
    }
    const then = url.searchParams.get('then') ?? c.then ?? 'close';
    const delayMs = url.searchParams.has('delay') ? Number(url.searchParams.get('delay')) : c.delayMs ?? 0;
    const chunks = typeof c.chunks === 'function' ? c.chunks() : c.chunks;
    let first = true;
    for await (const chunk of chunks) {
      if (!first && delayMs > 0 && !(await sleep(delayMs, socket))) return 'gone';
      first = false;
      if (!(await write(socket, chunk))) return 'gone';
    }
    if (then === 'reset' || then === 'destroy') {
      // Give the peer ~50 ms to receive what was written: an immediate RST makes the kernel drop
      // unsent data and the peer may then see a plain EOF instead of ECONNRESET.
      if (!first && !(await sleep(50, socket))) return 'gone';
      if (then === 'reset') tcp.resetAndDestroy();
      else tcp.destroy();
      if (socket !== tcp) socket.destroy();
    } else if (then === 'close') socket.end();
    return then;
  }

  /** Reads requests from `socket` and serves them; `tcp` is the TCP socket under it. */
  function handle(socket, tcp) {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buf = Buffer.alloc(0);
    let busy = false;
    let mode = 'keep'; // 'keep' while requests are accepted; anything else stops parsing

    const pump = async () => {
      if (busy) return;
      busy = true;
      try {
        while (mode === 'keep' && !socket.destroyed) {
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) {
            if (buf.length > MAX_HEAD) {
              socket.end(simpleResponse(431, 'Request Header Fields Too Large', 'request head too large\n'));
              mode = 'close';
            }
            break;
          }
          const headText = buf.subarray(0, end).toString('latin1');
          const [requestLine, ...headerLines] = headText.split('\r\n');
          const target = requestLine.split(' ')[1] ?? '/';
          if (caseOf(target)?.early) {
            // Answer before the body: stop reading, so that the client's upload stalls on a full
            // socket buffer and is still in progress when the answer (and the close) comes.
            socket.pause();
            buf = Buffer.alloc(0);
            mode = 'early';
            await serve(socket, tcp, target);
            break;
          }
          const headers = {};
          for (const l of headerLines) {
            const c = l.indexOf(':');
            if (c > 0) headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
          }
          // Discard the request body (wait until all of it has arrived).
          let bodyEnd = end + 4;
          if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
            bodyEnd = skipChunked(buf, end + 4);
            if (bodyEnd < 0) break;
          } else if (headers['content-length']) {
            bodyEnd = end + 4 + (Number(headers['content-length']) || 0);
            if (buf.length < bodyEnd) break;
          }
          buf = buf.subarray(bodyEnd);
          mode = await serve(socket, tcp, target);
        }
      } catch {
        socket.destroy();
      } finally {
        busy = false;
      }
      if (mode === 'keep' && buf.indexOf('\r\n\r\n') >= 0) pump();
    };

    socket.on('data', (d) => {
      if (mode !== 'keep') return; // hang/close: ignore further input
      buf = Buffer.concat([buf, d]);
      pump();
    });
  }

  const listen = (server, p) =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve(server.address().port));
    });

  const servers = [];
  const server = net.createServer((socket) => handle(socket, socket));
  servers.push(server);
  const plainPort = await listen(server, port);

  let tlsPort = null;
  if (tlsOptions) {
    const context = tls.createSecureContext({ key: tlsOptions.key, cert: tlsOptions.cert });
    const tlsServer = net.createServer((tcp) => {
      sockets.add(tcp);
      tcp.on('close', () => sockets.delete(tcp));
      tcp.on('error', () => {});
      const socket = new tls.TLSSocket(tcp, { isServer: true, secureContext: context });
      handle(socket, tcp);
    });
    servers.push(tlsServer);
    tlsPort = await listen(tlsServer, 0);
  }

  return {
    port: plainPort,
    tlsPort,
    connections: () => sockets.size,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = servers.map((s) => new Promise((resolve) => s.close(() => resolve())));
      for (const s of sockets) s.destroy();
      await Promise.all(closed);
    },
  };
}
