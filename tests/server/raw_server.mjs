// Raw-TCP server: reads an HTTP/1.x request head, and for "GET /case/NAME[?then=..&delay=..]"
// writes the bytes of raw_cases.mjs[NAME] verbatim, then closes / keeps / hangs / resets.
// "GET /cases" answers a JSON list of the case names; unknown names get a 404.
// Request bodies (Content-Length or chunked) are read and discarded so 'keep' cases can serve
// several requests on one connection. Every socket has an 'error' handler: a client going away
// at any moment never crashes the server.

import net from 'node:net';
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

/** Start the raw server on 127.0.0.1:port. Resolves to { port, close() }. */
export async function startRawServer(port = 0) {
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

  const write = (socket, chunk) =>
    new Promise((resolve) => {
      if (socket.destroyed) return resolve(false);
      if (socket.write(chunk)) return resolve(true);
      const done = (ok) => {
        socket.off('drain', onDrain);
        socket.off('close', onClose);
        resolve(ok);
      };
      const onDrain = () => done(true);
      const onClose = () => done(false);
      socket.on('drain', onDrain);
      socket.on('close', onClose);
    });

  /** Serve one parsed request; returns 'keep' to continue with the next request on this socket. */
  async function serve(socket, target) {
    const url = new URL(target, 'http://raw.invalid');
    if (url.pathname === '/cases') {
      await write(socket, simpleResponse(200, 'OK', JSON.stringify(Object.keys(cases)), 'application/json'));
      return 'keep';
    }
    const name = url.pathname.startsWith('/case/') ? decodeURIComponent(url.pathname.slice(6)) : null;
    const c = name !== null && Object.hasOwn(cases, name) ? cases[name] : null;
    if (!c) {
      await write(socket, simpleResponse(404, 'Not Found', `unknown raw case ${name ?? url.pathname}\n`));
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
    if (then === 'reset') {
      // Give the peer ~50 ms to receive what was written: an immediate RST makes the kernel drop
      // unsent data and the peer may then see a plain EOF instead of ECONNRESET.
      if (!first && !(await sleep(50, socket))) return 'gone';
      socket.resetAndDestroy();
    }
    else if (then === 'close') socket.end();
    return then;
  }

  const server = net.createServer((socket) => {
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
          const target = requestLine.split(' ')[1] ?? '/';
          mode = await serve(socket, target);
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
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });

  return {
    port: server.address().port,
    connections: () => sockets.size,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
