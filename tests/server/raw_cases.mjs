// Raw HTTP/1.x responses served byte-for-byte by the raw-TCP server (raw_server.mjs) at
// GET /case/NAME. Each case:
//   chunks:  array of Buffer|string written in order, or a function returning an (async) iterable
//   delayMs: pause between chunks (default 0; the first chunk goes out at once)
//   then:    after the last chunk: 'close' (FIN, default) | 'keep' (keep the connection and serve
//            further requests on it) | 'hang' (never write or close again) | 'reset' (TCP RST) |
//            'destroy' (close the TCP connection at once; over TLS without close_notify)
//   early:   answer as soon as the request head is in, without reading the body, and stop reading
//            (for uploads the server refuses while the client is still sending)
// The comment above each case says what a correct client must do. "error" means the request fails
// with the named httpxx exception type (ProtocolError family unless stated) and no crash/hang.
// Query overrides: ?then=close|keep|hang|reset|destroy, ?delay=MS.

import zlib from 'node:zlib';

const CRLF = '\r\n';
/** Build a response head from lines; the blank line is added. */
const head = (...lines) => lines.join(CRLF) + CRLF + CRLF;
const OK_HEAD = 'HTTP/1.1 200 OK';

/** "HTTP/1.1 200 OK" + Content-Length + body. */
const withLength = (body, ...extra) => head(OK_HEAD, ...extra, `Content-Length: ${Buffer.byteLength(body)}`) + body;

export const cases = {
  // ---- valid responses -------------------------------------------------------------------

  // 200, Content-Length: 13, body "Hello, world!". Must return it; the connection may be reused.
  ok_content_length: { chunks: [withLength('Hello, world!', 'Content-Type: text/plain')], then: 'keep' },

  // Chunked "Hello, " + "world!". Must return "Hello, world!".
  ok_chunked: {
    chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), '7\r\nHello, \r\n', '6\r\nworld!\r\n', '0\r\n\r\n'],
    then: 'keep',
  },

  // Chunked with trailers X-Checksum and X-Count. Body "Hello, world!"; trailers ignored or exposed, never body.
  ok_chunked_trailers: {
    chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked', 'Trailer: X-Checksum, X-Count'),
      'd\r\nHello, world!\r\n0\r\nX-Checksum: abc123\r\nX-Count: 1\r\n\r\n'],
    then: 'keep',
  },

  // Chunk extensions (";name=value", ";flag", quoted ";q=\"x y\""), upper- and lower-case hex sizes,
  // leading zeros. Must ignore the extensions: body "0123456789abc0123456789" (23 bytes).
  ok_chunked_extensions: {
    chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), 'A;name=value\r\n0123456789\r\n', '0003;flag\r\nabc\r\n',
      'a;q="x y"\r\n0123456789\r\n', '0;last\r\n\r\n'],
    then: 'keep',
  },

  // HTTP/1.1 without Content-Length or Transfer-Encoding: body is everything until close.
  ok_read_until_close: { chunks: [head(OK_HEAD, 'Content-Type: text/plain'), 'all of this ', 'until close'], delayMs: 50 },

  // HTTP/1.0 response, no Content-Length, closed at the end. Body "HTTP/1.0 body"; version 1.0; not reusable.
  ok_http10: { chunks: [head('HTTP/1.0 200 OK', 'Content-Type: text/plain'), 'HTTP/1.0 body'] },

  // 100 Continue, then the real 200. Must skip the 1xx and return 200 "Hello, world!".
  ok_100_continue_then_200: { chunks: ['HTTP/1.1 100 Continue\r\n\r\n', withLength('Hello, world!')], delayMs: 20, then: 'keep' },

  // 200 × "103 Early Hints" (with Link headers), then 200. Must skip them all and return 200
  // "Hello, world!" -- or, if the client caps interim responses, fail with RemoteProtocolError.
  many_1xx: {
    chunks: [head('HTTP/1.1 103 Early Hints', 'Link: </style.css>; rel=preload; as=style').repeat(200), withLength('Hello, world!')],
    then: 'keep',
  },

  // Reason phrase missing (trailing space kept): valid. Must return 200 "ok".
  ok_empty_reason: { chunks: ['HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok'], then: 'keep' },

  // No reason phrase and no space after the code: not strictly valid, widely accepted. Accept (200 "ok") or ProtocolError.
  ok_no_reason_no_space: { chunks: ['HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok'], then: 'keep' },

  // Optional whitespace around field values (RFC 9110 §5.5): "Content-Length: <SP><HTAB>5<SP>" and
  // "X-Spaced: <SP><HTAB> value <SP><HTAB>". Must return "hello" with X-Spaced = "value".
  // (A trailing HTAB after the Content-Length digits is also valid but llhttp 8.1 and 9.3 reject it; not tested here.)
  ok_header_ows: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: \t5 \r\nX-Spaced: \t value \t\r\n\r\nhello'], then: 'keep' },

  // 101 Switching Protocols the client never asked for. Must fail (RemoteProtocolError) or return
  // the 101 without a body; the connection must never be reused.
  switching_protocols_101: {
    chunks: [head('HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade'), '\x81\x05hello'],
    then: 'keep',
  },

  // ---- Content-Length problems -----------------------------------------------------------

  // Two different Content-Length values. Must fail: RemoteProtocolError.
  conflicting_content_length: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!'] },

  // Two identical Content-Length values. RFC 9110 §8.6 allows treating them as one: accept "hello" (preferred) or fail.
  duplicate_same_content_length: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello'] },

  // "Content-Length: 5, 5" (a list of identical values). Same rule as above.
  content_length_list_same: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello'] },

  // "Content-Length: -1". Must fail: RemoteProtocolError.
  negative_content_length: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nhello'] },

  // "Content-Length: +5". Must fail: RemoteProtocolError (only DIGITs are allowed).
  plus_content_length: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello'] },

  // "Content-Length: 0x5". Must fail: RemoteProtocolError.
  hex_content_length: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: 0x5\r\n\r\nhello'] },

  // "Content-Length: 99999999999999999999999" (> 2^64). Must fail: RemoteProtocolError, no wraparound.
  content_length_overflow: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\nhello'] },

  // "Content-Length: 5abc" (letters after the digits). Must fail: RemoteProtocolError.
  content_length_letters: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: 5abc\r\n\r\nhello'] },

  // Content-Length 100, 50 bytes sent, then close. Must fail: RemoteProtocolError (incomplete body).
  truncated_body_content_length: { chunks: [head(OK_HEAD, 'Content-Length: 100') + 'x'.repeat(50)] },

  // Content-Length 5 followed at once by 10 bytes, connection kept. The body is "hello"; the rest
  // is not part of any response, so the connection must not be reused.
  body_longer_than_content_length: { chunks: [head(OK_HEAD, 'Content-Length: 5') + 'helloEXTRA'], then: 'keep' },

  // ---- Transfer-Encoding problems --------------------------------------------------------

  // "Transfer-Encoding: chunked, gzip": chunked is not last. RFC 9112 §6.3: the body is then read
  // until close (the bytes here are NOT valid chunked framing). Read-until-close or
  // RemoteProtocolError are both acceptable; parsing it as chunked is wrong.
  te_chunked_not_last: { chunks: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nnot chunked data'] },

  // "Transfer-Encoding: chunked" twice (chunked applied twice, forbidden by RFC 9112 §7). Must fail:
  // RemoteProtocolError. Note: llhttp (8.1 and 9.3) accepts this as one chunked coding ("hello"), so the client
  // has to check the Transfer-Encoding list itself.
  te_chunked_twice: { chunks: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'] },

  // Both Transfer-Encoding: chunked and Content-Length. Chunked wins (body "hello") and the
  // connection must not be reused -- or RemoteProtocolError. Never use the Content-Length.
  te_and_content_length: { chunks: ['HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n'], then: 'keep' },

  // "Transfer-Encoding: foo" (unknown coding). Read until close, or fail (RemoteProtocolError / DecodingError).
  te_unknown: { chunks: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: foo\r\n\r\nfoo-coded data'] },

  // Chunk size "ffffffffffffffffffff" (> 2^64). Must fail: RemoteProtocolError, no wraparound.
  chunk_size_overflow: { chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), 'ffffffffffffffffffff\r\nhello\r\n0\r\n\r\n'] },

  // Chunk size "zz". Must fail: RemoteProtocolError.
  bad_chunk_size_chars: { chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), 'zz\r\nhello\r\n0\r\n\r\n'] },

  // Chunk data not followed by CRLF ("5\r\nhelloXX0\r\n\r\n"). Must fail: RemoteProtocolError.
  // Note: llhttp 8.1 (non-strict) skips to the LF and accepts it; llhttp 9.3 rejects it.
  chunk_missing_crlf: { chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), '5\r\nhelloXX0\r\n\r\n'] },

  // One chunk, then close before the last-chunk. Must fail: RemoteProtocolError (incomplete body).
  truncated_chunked: { chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), '5\r\nhello\r\n'] },

  // ---- pathological trailers (after "5\r\nhello\r\n0\r\n") ----------------------------------

  // One trailer line of 100 KiB. Must fail (RemoteProtocolError, line too long) with bounded memory.
  trailer_line_too_long: {
    chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), `5\r\nhello\r\n0\r\nX-Huge: ${'t'.repeat(100 * 1024)}\r\n\r\n`],
  },

  // Ten trailer fields of 10 KiB each (each line under a line limit, 100 KiB in all). Must fail:
  // RemoteProtocolError (trailer section too large).
  trailers_too_large: {
    chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'),
      `5\r\nhello\r\n0\r\n${Array.from({ length: 10 }, (_, i) => `X-T${i}: ${'t'.repeat(10 * 1024)}\r\n`).join('')}\r\n`],
  },

  // 10 000 trailer fields. Must fail: RemoteProtocolError (too many fields), never crash or hang.
  too_many_trailers: {
    chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'),
      `5\r\nhello\r\n0\r\n${Array.from({ length: 10000 }, (_, i) => `X-T${i}: v\r\n`).join('')}\r\n`],
  },

  // A NUL byte inside a trailer value. Must fail: RemoteProtocolError.
  nul_in_trailer: { chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), '5\r\nhello\r\n0\r\nX-Bad: a\x00b\r\n\r\n'] },

  // A bare CR inside a trailer value. Must fail: RemoteProtocolError.
  cr_in_trailer: { chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), '5\r\nhello\r\n0\r\nX-Bad: a\rb\r\n\r\n'] },

  // A trailer line without a colon. Must fail: RemoteProtocolError.
  trailer_no_colon: { chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), '5\r\nhello\r\n0\r\nNotATrailer\r\n\r\n'] },

  // Obsolete line folding inside the trailers ("X-Folded: first\r\n   second"). Trailers carry no
  // framing: body "hello" (the trailer dropped or unfolded), or RemoteProtocolError; never body bytes.
  obs_fold_trailer: {
    chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), '5\r\nhello\r\n0\r\nX-Folded: first\r\n   second\r\n\r\n'],
    then: 'keep',
  },

  // The trailer section starts, then the connection closes before its blank line. Must fail:
  // RemoteProtocolError (incomplete body).
  truncated_trailers: { chunks: [head(OK_HEAD, 'Transfer-Encoding: chunked'), '5\r\nhello\r\n0\r\nX-Checksum: abc\r\n'] },

  // ---- head / framing problems -----------------------------------------------------------

  // Connection closed in the middle of the head. Must fail: RemoteProtocolError.
  truncated_head: { chunks: ['HTTP/1.1 200 OK\r\nContent-Ty'] },

  // Connection closed without a single byte. Must fail: RemoteProtocolError ("server disconnected").
  empty_response: { chunks: [] },

  // Connection closed inside the status line ("HTTP/1.1 20"). Must fail: RemoteProtocolError.
  truncated_status_line: { chunks: ['HTTP/1.1 20'] },

  // A complete 100 Continue, then close before the final response. Must fail: RemoteProtocolError.
  interim_then_close: { chunks: ['HTTP/1.1 100 Continue\r\n\r\n'] },

  // NUL byte inside the reason phrase. Must fail: RemoteProtocolError.
  nul_in_status_line: { chunks: ['HTTP/1.1 200 O\x00K\r\nContent-Length: 2\r\n\r\nok'] },

  // A reason phrase of 20 KiB. Must fail: RemoteProtocolError (line too long), bounded memory.
  status_line_too_long: { chunks: [`HTTP/1.1 200 ${'R'.repeat(20 * 1024)}\r\nContent-Length: 2\r\n\r\nok`] },

  // 100 header fields of 1 KiB each: every line and the field count are modest, the head (100 KiB)
  // is not. Must fail: RemoteProtocolError (head too large).
  head_too_large: {
    chunks: [`HTTP/1.1 200 OK\r\n${Array.from({ length: 100 }, (_, i) => `X-H${i}: ${'h'.repeat(1024)}\r\n`).join('')}Content-Length: 2\r\n\r\nok`],
  },

  // "103 Early Hints" responses without end (bounded: 60 s or 100 000 of them). Must fail once the
  // client's cap on interim responses is passed: RemoteProtocolError; never buffer them forever.
  endless_1xx: {
    chunks: async function* endless() {
      const hint = head('HTTP/1.1 103 Early Hints', 'Link: </style.css>; rel=preload; as=style');
      const start = Date.now();
      for (let i = 0; i < 100000 && Date.now() - start < 60000; i++) yield hint;
    },
  },

  // NUL byte inside a header value. Must fail: RemoteProtocolError.
  nul_in_header: { chunks: ['HTTP/1.1 200 OK\r\nX-Bad: a\x00b\r\nContent-Length: 2\r\n\r\nok'] },

  // Bare CR inside a header value. Must fail: RemoteProtocolError (RFC 9110 §5.5).
  cr_in_header_value: { chunks: ['HTTP/1.1 200 OK\r\nX-Bad: a\rb\r\nContent-Length: 2\r\n\r\nok'] },

  // Bare LF line endings throughout. RFC 9112 §2.2 lets a recipient accept them: accept
  // (200 "hello", preferred) or RemoteProtocolError; never misparse.
  bare_lf_line_endings: { chunks: ['HTTP/1.1 200 OK\nContent-Length: 5\nX-Lf: yes\n\nhello'], then: 'keep' },

  // Obsolete line folding "X-Folded: first\r\n   second". RFC 9112 §5.2: a user agent must replace
  // obs-fold with SP: header value "first second" (or "first    second"), body "hello"; or RemoteProtocolError.
  obs_fold_header: { chunks: ['HTTP/1.1 200 OK\r\nX-Folded: first\r\n   second\r\nContent-Length: 5\r\n\r\nhello'] },

  // A header line without a colon. Must fail: RemoteProtocolError.
  header_no_colon: { chunks: ['HTTP/1.1 200 OK\r\nThisIsNotAHeader\r\nContent-Length: 2\r\n\r\nok'] },

  // Whitespace between field name and colon ("X-Foo : bar"). RFC 9112 §5.1: must reject
  // (RemoteProtocolError) or drop that field; never a header named "X-Foo ".
  // Note: llhttp 8.1 accepts the line, so the client must check field names itself.
  header_space_before_colon: { chunks: ['HTTP/1.1 200 OK\r\nX-Foo : bar\r\nContent-Length: 2\r\n\r\nok'] },

  // One 100 KiB header line. Must fail (RemoteProtocolError, header too large) with bounded memory.
  // Note: llhttp has no size limits; the client must count header bytes itself.
  oversized_header_line: { chunks: [`HTTP/1.1 200 OK\r\nX-Huge: ${'a'.repeat(100 * 1024)}\r\nContent-Length: 2\r\n\r\nok`] },

  // 10 000 header lines. Must either fail with RemoteProtocolError (if headers are capped, as they
  // should be) or succeed; never crash or hang.
  too_many_headers: {
    chunks: [`HTTP/1.1 200 OK\r\n${Array.from({ length: 10000 }, (_, i) => `X-H${i}: v\r\n`).join('')}Content-Length: 2\r\n\r\nok`],
  },

  // Garbage instead of a status line. Must fail: RemoteProtocolError.
  status_line_garbage: { chunks: ['GARBAGE GARBAGE\r\nContent-Length: 2\r\n\r\nok'] },

  // Status code with 4 digits ("HTTP/1.1 2000 OK"). Must fail: RemoteProtocolError.
  bad_status_code: { chunks: ['HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok'] },

  // Unsupported version "HTTP/2.0" in an HTTP/1 status line. Must fail: RemoteProtocolError.
  // Note: llhttp (8.1 and 9.3) accepts it (http_major 2), so the client has to check the version itself.
  bad_http_version: { chunks: ['HTTP/2.0 200 OK\r\nContent-Length: 2\r\n\r\nok'] },

  // HTTP/0.9-style answer: a body with no status line, then close. Must fail: RemoteProtocolError.
  http09_response: { chunks: ['<html>hello from 1991</html>\n'] },

  // An HTTP/2 server preface + SETTINGS frame on an HTTP/1.1 connection. Must fail: RemoteProtocolError.
  http2_preface: { chunks: [Buffer.from('000000040000000000', 'hex')] },

  // ---- bodies that must be ignored -------------------------------------------------------

  // Send this to a HEAD request: 200 with Content-Length: 11 AND 11 body bytes. The client must
  // return an empty body (HEAD) and must not reuse the connection (the bytes are garbage).
  head_with_body: { chunks: [withLength('hello world')], then: 'keep' },

  // Send this to a HEAD request: 204 carrying a body. Empty body; the connection is not reusable.
  head_with_body_204: { chunks: ['HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello'], then: 'keep' },

  // 204 with Content-Length: 5 and 5 bytes. RFC 9112 §6.3: 204 ends at the blank line. Empty
  // body; the trailing "hello" must not be read as the body (and poisons the connection).
  status_204_with_body: { chunks: ['HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello'], then: 'keep' },

  // 304 with a body. Same rule: empty body, connection not reused.
  status_304_with_body: { chunks: ['HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\nhello'], then: 'keep' },

  // A complete response, then 100 ms later unsolicited garbage on the idle connection. The first
  // response must succeed ("Hello, world!"); a pooled connection that received unsolicited bytes
  // must be discarded (a second request must not see the garbage as its response).
  extra_bytes_after_response: { chunks: [withLength('Hello, world!'), 'HTTP/1.1 200 garbage\r\n\r\nxxx'], delayMs: 100, then: 'keep' },

  // ---- content-coding problems -----------------------------------------------------------

  // "Content-Encoding: gzip" but the body is not gzip. Decoding must fail: DecodingError.
  gzip_bad_data: { chunks: [withLength('this is not gzip data', 'Content-Encoding: gzip')] },

  // gzip body cut in the middle (complete HTTP framing, truncated gzip stream). Must fail: DecodingError.
  gzip_truncated: {
    chunks: (() => {
      const gz = zlib.gzipSync(Buffer.from('hello hello hello hello hello hello\n')).subarray(0, 15);
      return [Buffer.concat([Buffer.from(head(OK_HEAD, 'Content-Encoding: gzip', `Content-Length: ${gz.length}`)), gz])];
    })(),
  },

  // "Content-Encoding: gzip", read until close, gzip members of 16 MiB of zeros each without end
  // (bounded: 60 s or 1 GiB on the wire). A client with a decoded-size limit must stop at it
  // (DecodingError) with bounded memory.
  infinite_gzip_body: {
    chunks: async function* infiniteGzip() {
      yield head(OK_HEAD, 'Content-Type: application/octet-stream', 'Content-Encoding: gzip');
      const member = zlib.gzipSync(Buffer.alloc(16 * 1024 * 1024));
      const start = Date.now();
      for (let sent = 0; sent < 1024 * 1024 * 1024 && Date.now() - start < 60000; sent += member.length) yield member;
    },
  },

  // ---- timing and connection problems ----------------------------------------------------

  // Reads the request and never answers. Must fail with ReadTimeout when a read timeout is set.
  never_respond: { chunks: [], then: 'hang' },

  // Head at once, then body "hello" one byte per second (Content-Length: 5). A read timeout
  // below 1 s fails with ReadTimeout; otherwise "hello" after ~5 s.
  drip_one_byte_per_second: { chunks: [head(OK_HEAD, 'Content-Length: 5'), 'h', 'e', 'l', 'l', 'o'], delayMs: 1000 },

  // Read-until-close body that never ends (bounded: stops after 1 GiB or 60 s). A streaming
  // client reads as much as it wants and closes; a buffering client must enforce its limits.
  infinite_body: {
    chunks: async function* infinite() {
      yield head(OK_HEAD, 'Content-Type: application/octet-stream');
      const block = Buffer.alloc(64 * 1024, 'x');
      const start = Date.now();
      for (let sent = 0; sent < 1024 * 1024 * 1024 && Date.now() - start < 60000; sent += block.length) yield block;
    },
  },

  // Content-Length 100000, 50000 bytes, then (50 ms later) the TCP connection is closed at once --
  // over TLS without close_notify. Must fail: RemoteProtocolError (incomplete body), never a short
  // body taken as complete.
  abrupt_close_mid_body: { chunks: [head(OK_HEAD, 'Content-Length: 100000'), Buffer.alloc(50000, 'z')], delayMs: 20, then: 'destroy' },

  // Content-Length 100000, 50000 bytes, then (50 ms later) a TCP RST. Must fail: ReadError (or RemoteProtocolError).
  reset_mid_body: { chunks: [head(OK_HEAD, 'Content-Length: 100000'), Buffer.alloc(50000, 'y')], delayMs: 20, then: 'reset' },

  // RST right after reading the request. Must fail: ReadError / RemoteProtocolError (not a hang).
  reset_immediately: { chunks: [], then: 'reset' },

  // ---- answers during an upload ------------------------------------------------------------

  // For a large upload: once the request head is in, the server stops reading, answers 413 with
  // "Connection: close", and resets the connection 50 ms later while the client is still sending.
  // The client's write fails; it must still return the 413 and its body "upload refused\n" (as
  // httpcore does), and never reuse the connection.
  early_413_during_upload: {
    chunks: ['HTTP/1.1 413 Content Too Large\r\nContent-Type: text/plain\r\nContent-Length: 15\r\nConnection: close\r\n\r\nupload refused\n'],
    early: true,
    then: 'reset',
  },

  // For a large upload: once the request head is in, the server stops reading and resets the
  // connection without answering. Must fail: WriteError (the write that failed; there is no
  // response to return instead).
  early_reset_during_upload: { chunks: [], early: true, then: 'reset' },

  // ---- answers to CONNECT ------------------------------------------------------------------
  // Served by the test proxy (proxy.mjs) to "CONNECT NAME.raw.invalid:PORT"; `then: 'tunnel'`
  // opens the tunnel to 127.0.0.1:PORT after the bytes. The client reads them with the parser
  // and the limits of any response.

  // A 200 whose head is 72 KiB (8 fields of 9000 bytes: no line or count limit is reached).
  // Must fail: RemoteProtocolError (the head-size limit), as for an origin's response.
  connect_head_too_large: {
    chunks: [head('HTTP/1.1 200 Connection Established',
      ...Array.from({ length: 8 }, (_, i) => `X-Filler-${i}: ${'f'.repeat(9000)}`))],
    then: 'hang',
  },

  // A 200 with 201 header fields. Must fail: RemoteProtocolError (the field-count limit).
  connect_too_many_fields: {
    chunks: [head('HTTP/1.1 200 Connection Established', ...Array.from({ length: 201 }, (_, i) => `X-F${i}: v`))],
    then: 'hang',
  },

  // A status line that is not HTTP's. Must fail: RemoteProtocolError.
  connect_bad_status_line: { chunks: ['HTTP/1.1 2OO Connection Established\r\n\r\n'], then: 'hang' },

  // Half a head, then the connection closes. Must fail: RemoteProtocolError.
  connect_closed_mid_head: { chunks: ['HTTP/1.1 200 Connection Est'] },

  // A 407 with a Content-Length body. Must fail: ProxyError naming "407 Proxy Authentication Required".
  connect_407_with_body: {
    chunks: [head('HTTP/1.1 407 Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="raw"',
      'Content-Type: text/html', 'Content-Length: 44') + '<html><body>who are you?</body></html>\n\n\n\n\n\n'],
  },

  // A 200 with "Content-Length: 5", then the tunnel. The length means nothing in a 2xx to
  // CONNECT (RFC 9110 section 9.3.6): the tunnel must work.
  connect_200_content_length: {
    chunks: [head('HTTP/1.1 200 Connection Established', 'Content-Length: 5')],
    then: 'tunnel',
  },

  // A 200 with "Transfer-Encoding: gzip" (refused in any other response), then the tunnel. Ignored
  // as the length above: the tunnel must work.
  connect_200_transfer_encoding: {
    chunks: [head('HTTP/1.1 200 Connection Established', 'Transfer-Encoding: gzip')],
    then: 'tunnel',
  },

  // An interim 100, then a 200 written 3 bytes at a time, 2 ms apart; then the tunnel. Must work.
  connect_200_split: {
    chunks: ('HTTP/1.1 100 Continue\r\n\r\n' + head('HTTP/1.1 200 Connection Established', 'Via: 1.1 raw'))
      .match(/[^]{1,3}/g),
    delayMs: 2,
    then: 'tunnel',
  },

  // A 200 and, in the same write, bytes that cannot be the origin's (it speaks only after the
  // ClientHello). Must fail: ProxyError.
  connect_200_then_data: { chunks: [head('HTTP/1.1 200 Connection Established') + 'HTTP/1.1 200 OK\r\n'], then: 'hang' },
};
