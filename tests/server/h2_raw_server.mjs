// Raw-frame HTTP/2 server: h2c with prior knowledge over plain TCP, every frame written by hand
// (h2_frames.mjs), so that a case can send what no HTTP/2 library would (h2_raw_cases.mjs).
// A request "/case/NAME" runs cases[NAME] once its HEADERS are in; "/cases" lists the names;
// "/goaways" lists the GOAWAY frames clients have sent, as JSON [{ conn, code }]; anything else is
// a 404. Until a case says otherwise the connection behaves: the server's
// SETTINGS go out first, SETTINGS and PINGs are acknowledged, and window is given back for every
// DATA frame of a request body. Every socket has an 'error' handler: a client going away at any
// moment never crashes the server. Connections are numbered from 1 (`x-conn` in responses).

import net from 'node:net';
import { cases } from './h2_raw_cases.mjs';
import {
  FLAG, HpackDecoder, PREFACE, TYPE, data, frame, headerBlock, parseFrame, settings, settingsAck, ping,
  windowUpdate,
} from './h2_frames.mjs';
import { writeAndDrain } from './http_util.mjs';

const MAX_BLOCK = 1 << 20; // a request header block larger than this closes the connection

/** What a case gets: its connection and stream, and ways to write to them. */
class CaseContext {
  constructor(conn, id, fields) {
    this.conn = conn;
    this.id = id;
    this.fields = fields;
    this.url = new URL(fields.find(([n]) => n === ':path')?.[1] ?? '/', 'http://raw.invalid');
  }

  /** Writes `bytes`; resolves true once the socket takes more, false if it closed. */
  write(bytes) {
    return writeAndDrain(this.conn.socket, bytes);
  }

  /** A HEADERS frame (END_HEADERS) of `fields` on `id` (this stream by default). */
  headers(fields, { end = false, id = this.id } = {}) {
    return frame(TYPE.HEADERS, FLAG.END_HEADERS | (end ? FLAG.END_STREAM : 0), id, headerBlock(fields));
  }

  /** The fields of a plain 200 response: status, type, and this connection's number. */
  okFields(extra = []) {
    return [[':status', '200'], ['content-type', 'text/plain'], ['x-conn', String(this.conn.index)], ...extra];
  }

  /** A whole 200 response with `body`. */
  ok(body = 'ok') {
    return this.write(Buffer.concat([this.headers(this.okFields()), data(this.id, body, true)]));
  }

  /** Resolves after `ms` (true), or as soon as the connection closes (false). */
  sleep(ms) {
    const socket = this.conn.socket;
    return new Promise((resolve) => {
      if (socket.destroyed) return resolve(false);
      const onClose = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        socket.off('close', onClose);
        resolve(true);
      }, ms);
      socket.once('close', onClose);
    });
  }
}

class RawConnection {
  constructor(socket, index, goaways) {
    this.socket = socket;
    this.index = index;
    this.goaways = goaways; // the server's record of every GOAWAY received
    this.buf = Buffer.alloc(0);
    this.prefaceSeen = false;
    this.decoder = new HpackDecoder();
    this.block = null; // { id, flags, chunks, size }: a header block awaiting END_HEADERS
    this.streams = new Map(); // id -> { holdWindow }
    this.silent = false; // a case asked for no more answers of any kind
    socket.on('error', () => {});
    socket.on('data', (d) => this.#receive(d));
    socket.write(settings({ 3: 100 }));
  }

  #receive(chunk) {
    if (this.silent || this.socket.destroyed) return;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    if (!this.prefaceSeen) {
      if (this.buf.length < PREFACE.length) return;
      if (!this.buf.subarray(0, PREFACE.length).equals(PREFACE)) return this.socket.destroy();
      this.prefaceSeen = true;
      this.buf = this.buf.subarray(PREFACE.length);
    }
    for (let f = parseFrame(this.buf); f && !this.silent; f = parseFrame(this.buf)) {
      this.buf = this.buf.subarray(f.size);
      try {
        this.#frame(f);
      } catch {
        this.socket.destroy();
        return;
      }
    }
  }

  #frame({ type, flags, streamId, payload }) {
    if (type === TYPE.SETTINGS && !(flags & FLAG.ACK)) this.socket.write(settingsAck());
    else if (type === TYPE.PING && !(flags & FLAG.ACK)) this.socket.write(ping(true, payload));
    else if (type === TYPE.GOAWAY && payload.length >= 8) {
      this.goaways.push({ conn: this.index, code: payload.readUInt32BE(4) });
    }
    else if (type === TYPE.DATA && payload.length > 0 && !this.streams.get(streamId)?.holdWindow) {
      this.socket.write(Buffer.concat([windowUpdate(0, payload.length), windowUpdate(streamId, payload.length)]));
    } else if (type === TYPE.HEADERS) {
      let start = 0;
      let end = payload.length;
      if (flags & FLAG.PADDED) {
        start = 1;
        end -= payload[0];
      }
      if (flags & FLAG.PRIORITY) start += 5;
      this.block = { id: streamId, flags, chunks: [payload.subarray(start, end)], size: end - start };
      if (flags & FLAG.END_HEADERS) this.#request();
    } else if (type === TYPE.CONTINUATION && this.block) {
      this.block.chunks.push(payload);
      this.block.size += payload.length;
      if (this.block.size > MAX_BLOCK) throw new Error('header block too large');
      if (flags & FLAG.END_HEADERS) this.#request();
    }
  }

  #request() {
    const { id, chunks } = this.block;
    this.block = null;
    const fields = this.decoder.decode(Buffer.concat(chunks));
    this.streams.set(id, { holdWindow: false });
    const ctx = new CaseContext(this, id, fields);
    const path = ctx.url.pathname;
    const name = path.startsWith('/case/') ? decodeURIComponent(path.slice(6)) : null;
    let run;
    if (path === '/cases') run = (c) => c.ok(JSON.stringify(Object.keys(cases)));
    else if (path === '/goaways') run = (c) => c.ok(JSON.stringify(this.goaways));
    else if (name !== null && Object.hasOwn(cases, name)) run = cases[name].run;
    else {
      run = (c) => c.write(Buffer.concat([c.headers([[':status', '404']]), data(id, `unknown case ${path}\n`, true)]));
    }
    Promise.resolve()
      .then(() => run(ctx))
      .catch(() => this.socket.destroy());
  }
}

/** Starts the server on 127.0.0.1:port. Resolves to { port, connections(), accepted(), close() }. */
export async function startH2RawServer(port = 0) {
  const sockets = new Set();
  let accepted = 0;
  const goaways = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    accepted += 1;
    new RawConnection(socket, accepted, goaways); // eslint-disable-line no-new
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    connections: () => sockets.size,
    accepted: () => accepted,
    close: async () => {
      const closed = new Promise((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
