// Hostile HTTP/2 responses served frame by frame by the raw-frame server (h2_raw_server.mjs) at
// "/case/NAME" over h2c with prior knowledge. Each case is { run(c) }, run once the request's
// HEADERS are in, with `c` a CaseContext: c.id (the stream), c.conn (the connection: index,
// streams, silent), c.url, c.write(bytes), c.headers(fields, opts), c.ok(body), c.sleep(ms).
// The comment above each case says what a correct client must do; "error" means the request
// fails with the named httpxx exception, never a crash, a hang or unbounded memory.

import {
  CODE, FLAG, TYPE, data, frame, goaway, headerBlock, ping, rstStream, settings, windowUpdate,
} from './h2_frames.mjs';

const MAX_FRAME = 16384; // SETTINGS_MAX_FRAME_SIZE's default, which the client keeps

/** Writes `count` copies of `one`, a thousand at a time, until done or the client goes away. */
async function flood(c, one, count) {
  const batch = Buffer.concat(Array(1000).fill(one));
  for (let sent = 0; sent < count; sent += 1000) {
    if (!(await c.write(batch))) return;
  }
}

/** A header block split into HEADERS + CONTINUATION frames of at most MAX_FRAME bytes. */
function fragmented(id, block, end) {
  const frames = [];
  for (let at = 0; at === 0 || at < block.length; at += MAX_FRAME) {
    const last = at + MAX_FRAME >= block.length;
    const type = at === 0 ? TYPE.HEADERS : TYPE.CONTINUATION;
    const flags = (last ? FLAG.END_HEADERS : 0) | (at === 0 && end ? FLAG.END_STREAM : 0);
    frames.push(frame(type, flags, id, block.subarray(at, at + MAX_FRAME)));
  }
  return Buffer.concat(frames);
}

export const cases = {
  // 200 "ok" (x-conn: the connection's number). Must return it.
  ok: { run: (c) => c.ok() },

  // 200 "slow" after ?ms= milliseconds (300 by default).
  slow: {
    run: async (c) => {
      if (await c.sleep(Number(c.url.searchParams.get('ms') ?? 300))) await c.ok('slow');
    },
  },

  // RST_STREAM (INTERNAL_ERROR) on the request's stream. Error: RemoteProtocolError for that
  // request only; the connection serves the next request.
  rst_stream: { run: (c) => c.write(rstStream(c.id, CODE.INTERNAL_ERROR)) },

  // On a stream above 1: GOAWAY whose last_stream_id is the stream before this one; the streams
  // up to it are still answered, this one never is. Must send the request again on a new
  // connection, where (as stream 1) it gets 200 "ok".
  goaway: {
    run: (c) => (c.id > 1 ? c.write(goaway(c.id - 2)) : c.ok()),
  },

  // Nothing more of any kind on this connection (no ACKs either). Error: ReadTimeout.
  silent: {
    run: (c) => {
      c.conn.silent = true;
    },
  },

  // 200, then 65 DATA frames of 16 KiB at once (1 MiB + 16 KiB), more than the stream window the
  // client advertised (1 MiB) when it reads nothing. Error: RemoteProtocolError (flow control).
  window_overflow: {
    run: async (c) => {
      const piece = Buffer.alloc(MAX_FRAME, 'w');
      const frames = Array.from({ length: 65 }, (_, i) => data(c.id, piece, i === 64));
      await c.write(Buffer.concat([c.headers(c.okFields()), ...frames]));
    },
  },

  // Never gives window back for the request body (nor answers): once the first 65 535 bytes are
  // in, the client's window is zero for good. Error: WriteTimeout.
  upload_no_window: {
    run: (c) => {
      c.conn.streams.get(c.id).holdWindow = true;
    },
  },

  // 200 with 100 fields of 1 000 bytes (about 104 KB, in HEADERS + CONTINUATION frames), more
  // than the client's 64 KiB max_header_bytes. Error: RemoteProtocolError.
  big_headers: {
    run: (c) => {
      const fields = c.okFields(Array.from({ length: 100 }, (_, i) => [`x-big-${i}`, 'b'.repeat(1000)]));
      return c.write(Buffer.concat([fragmented(c.id, headerBlock(fields), false), data(c.id, 'big', true)]));
    },
  },

  // HEADERS without END_HEADERS, then 100 000 CONTINUATION frames of one small field each, never
  // END_HEADERS. Error: RemoteProtocolError, in bounded memory, well before the flood ends.
  continuation_flood: {
    run: async (c) => {
      await c.write(frame(TYPE.HEADERS, 0, c.id, headerBlock(c.okFields())));
      await flood(c, frame(TYPE.CONTINUATION, 0, c.id, headerBlock([['x-flood', '1']])), 100000);
    },
  },

  // The same with empty CONTINUATION frames (no field ever grows the head). Error:
  // RemoteProtocolError (a limit on the frames of one header block).
  continuation_flood_empty: {
    run: async (c) => {
      await c.write(frame(TYPE.HEADERS, 0, c.id, headerBlock(c.okFields())));
      await flood(c, frame(TYPE.CONTINUATION, 0, c.id), 100000);
    },
  },

  // 100 000 SETTINGS frames, each owed an ACK. Error: RemoteProtocolError (the connection is
  // closed as a flood), bounded.
  settings_flood: { run: (c) => flood(c, settings(), 100000) },

  // 100 000 PINGs, each owed an ACK. Error: RemoteProtocolError, bounded.
  ping_flood: { run: (c) => flood(c, ping(), 100000) },

  // 200, then 100 000 empty DATA frames without END_STREAM. Error: RemoteProtocolError, bounded.
  empty_data_flood: {
    run: async (c) => {
      await c.write(c.headers(c.okFields()));
      await flood(c, data(c.id, ''), 100000);
    },
  },

  // 200, then a DATA frame of 16 385 bytes, one more than SETTINGS_MAX_FRAME_SIZE. Error:
  // RemoteProtocolError (FRAME_SIZE_ERROR).
  frame_too_large: {
    run: (c) => c.write(Buffer.concat([c.headers(c.okFields()), data(c.id, Buffer.alloc(MAX_FRAME + 1), true)])),
  },

  // A response head without :status. Error: RemoteProtocolError.
  missing_status: {
    run: (c) => c.write(c.headers([['content-type', 'text/plain']], { end: true })),
  },

  // A response head with a request pseudo-header (:path). Error: RemoteProtocolError.
  request_pseudo_header: {
    run: (c) => c.write(c.headers([[':status', '200'], [':path', '/']], { end: true })),
  },

  // PUSH_PROMISE on the request's stream although the client sent SETTINGS_ENABLE_PUSH=0, then
  // nothing. Error: RemoteProtocolError (a connection error).
  push_promise: {
    run: (c) => {
      const promised = Buffer.alloc(4);
      promised.writeUInt32BE(2);
      const block = headerBlock([[':method', 'GET'], [':scheme', 'http'], [':authority', 'raw'], [':path', '/pushed']]);
      return c.write(frame(TYPE.PUSH_PROMISE, FLAG.END_HEADERS, c.id, Buffer.concat([promised, block])));
    },
  },

  // A whole response on a stream the client never opened (this one + 10), then 200 "ok" on the
  // request's own. Must return 200 "ok", or fail with RemoteProtocolError; never hang.
  headers_unopened_stream: {
    run: async (c) => {
      await c.write(c.headers(c.okFields(), { id: c.id + 10, end: true }));
      await c.ok();
    },
  },

  // 200 declaring content-length 100 000, 1 000 bytes of it, then the connection closes (FIN).
  // Error: RemoteProtocolError while reading the body.
  closed_mid_body: {
    run: async (c) => {
      await c.write(Buffer.concat([c.headers(c.okFields([['content-length', '100000']])),
        data(c.id, Buffer.alloc(1000, 'm'))]));
      if (await c.sleep(50)) c.conn.socket.end();
    },
  },

  // A WINDOW_UPDATE that takes the connection's send window past 2^31-1. Error:
  // RemoteProtocolError (FLOW_CONTROL_ERROR).
  window_update_overflow: { run: (c) => c.write(windowUpdate(0, 0x7fffffff)) },

  // A header block that grows the HPACK dynamic table to 1 MiB, beyond the 4 096 bytes the client
  // allows. Error: RemoteProtocolError (COMPRESSION_ERROR).
  hpack_table_too_large: {
    run: (c) => {
      const sizeUpdate = Buffer.from([0x3f, 0xe1, 0xff, 0x3f]); // 001 11111 + 1 048 545 in 7-bit groups
      const block = Buffer.concat([sizeUpdate, headerBlock(c.okFields())]);
      return c.write(frame(TYPE.HEADERS, FLAG.END_HEADERS | FLAG.END_STREAM, c.id, block));
    },
  },
};
