// Byte, streaming, timing, trailer and content-encoding endpoints.

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import {
  echoDocument, headerObject, intParam, multiObject, numParam, readBody, sendJson, sendText, sleepUnlessClosed, writeAndDrain,
} from './http_util.mjs';

// ---------------------------------------------------------------------------------------------
// Deterministic bytes for /bytes and /stream-bytes:
//
//     byte[i] = (i * 31 + 7 + seed) & 255        (i = 0-based offset in the body, seed default 0)
//
// The pattern has period 256, so one cached 64 KiB block (+256 for offsets) serves every slice.
// ---------------------------------------------------------------------------------------------
const BLOCK = 65536;
const blocks = new Map();

function patternBlock(seed) {
  const s = ((seed % 256) + 256) % 256;
  let b = blocks.get(s);
  if (!b) {
    b = Buffer.alloc(BLOCK + 256);
    for (let i = 0; i < b.length; i++) b[i] = (i * 31 + 7 + s) & 255;
    blocks.set(s, b);
  }
  return b;
}

/** `len` pattern bytes starting at body offset `start`. */
export function patternBytes(start, len, seed = 0) {
  const block = patternBlock(seed);
  const off = start % 256;
  if (len <= BLOCK) return block.subarray(off, off + len);
  const out = Buffer.alloc(len);
  for (let p = 0; p < len; p += BLOCK) block.copy(out, p, off, off + Math.min(BLOCK, len - p));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Content encodings
// ---------------------------------------------------------------------------------------------
let zstdCli; // undefined = not probed yet, then true/false

/** zstd-compress a Buffer: zlib.zstdCompressSync when Node has it, else the `zstd` CLI; null if neither. */
function zstdCompress(buf) {
  if (typeof zlib.zstdCompressSync === 'function') return zlib.zstdCompressSync(buf);
  if (zstdCli === undefined) {
    try {
      execFileSync('zstd', ['--version'], { stdio: 'ignore' });
      zstdCli = true;
    } catch {
      zstdCli = false;
    }
  }
  if (!zstdCli) return null;
  return execFileSync('zstd', ['-q', '-c', '-3'], { input: buf, maxBuffer: 1 << 30 });
}

/** Encoding name -> { token sent in Content-Encoding, encode(Buffer) -> Buffer|null }. */
const ENCODERS = {
  gzip: { token: 'gzip', encode: (b) => zlib.gzipSync(b) },
  'x-gzip': { token: 'x-gzip', encode: (b) => zlib.gzipSync(b) },
  deflate: { token: 'deflate', encode: (b) => zlib.deflateSync(b) }, // zlib-wrapped (RFC 1950), the correct form
  'raw-deflate': { token: 'deflate', encode: (b) => zlib.deflateRawSync(b) }, // what some broken servers send
  br: { token: 'br', encode: (b) => zlib.brotliCompressSync(b) },
  zstd: { token: 'zstd', encode: zstdCompress },
  identity: { token: 'identity', encode: (b) => b },
};

/** Apply encodings in order; unknown tokens are sent verbatim in the header with the body untouched. */
function encodeAll(body, names) {
  let out = body;
  const tokens = [];
  for (const name of names) {
    const enc = ENCODERS[name.toLowerCase()];
    if (!enc) {
      tokens.push(name);
      continue;
    }
    out = enc.encode(out);
    if (out === null) return null;
    tokens.push(enc.token);
  }
  return { body: out, contentEncoding: tokens.join(', ') };
}

/** /gzip, /deflate, /deflate-raw, /brotli, /zstd: a JSON document compressed with one encoding. */
function compressedJson(flag, encName) {
  return (req, res, ctx) => {
    const doc = Buffer.from(JSON.stringify({ [flag]: true, method: req.method, headers: headerObject(req) }, null, 2) + '\n');
    const r = encodeAll(doc, [encName]);
    if (!r) return sendJson(res, 501, { error: 'zstd unavailable: neither zlib.zstdCompressSync nor the zstd CLI' });
    sendText(res, 200, r.body, 'application/json', { 'Content-Encoding': r.contentEncoding, Vary: 'Accept-Encoding' });
  };
}

/** Cache of gzip bombs: MiB -> Promise<Buffer>. */
const bombs = new Map();

function gzipBomb(mb) {
  if (!bombs.has(mb)) {
    bombs.set(mb, new Promise((resolve, reject) => {
      const gz = zlib.createGzip({ level: 9 });
      const parts = [];
      gz.on('data', (c) => parts.push(c));
      gz.on('end', () => resolve(Buffer.concat(parts)));
      gz.on('error', reject);
      const zeros = Buffer.alloc(1 << 20);
      let i = 0;
      const pump = () => {
        while (i < mb) {
          i++;
          if (!gz.write(zeros)) return gz.once('drain', pump);
        }
        gz.end();
      };
      pump();
    }));
  }
  return bombs.get(mb);
}

/** Reads the request body, waits `ms` (unless the client leaves), then sends the echo document
 * with `extra` fields. */
async function delayed(req, res, ctx, ms, extra) {
  const body = await readBody(req);
  if (!(await sleepUnlessClosed(ctx.timers, res, ms))) return;
  sendJson(res, 200, { ...echoDocument(req, ctx, body), ...extra });
}

export const routes = [
  {
    // /bytes/N?seed=S: N pattern bytes (formula above), with Content-Length, streamed with back-pressure.
    path: /^\/bytes\/(\d+)$/,
    handler: async (req, res, ctx, m) => {
      const n = Number(m[1]);
      const seed = intParam(ctx.params, 'seed', 0, -1e9, 1e9);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': n });
      if (req.method === 'HEAD') return res.end();
      for (let p = 0; p < n; p += BLOCK) {
        if (!(await writeAndDrain(res, patternBytes(p, Math.min(BLOCK, n - p), seed)))) return;
      }
      res.end();
    },
  },
  {
    // /stream-bytes/N?chunk_size=10240&seed=S: same bytes, chunked transfer encoding, one HTTP chunk per chunk_size.
    path: /^\/stream-bytes\/(\d+)$/,
    handler: async (req, res, ctx, m) => {
      const n = Number(m[1]);
      const size = intParam(ctx.params, 'chunk_size', 10240, 1, 16 * 1024 * 1024);
      const seed = intParam(ctx.params, 'seed', 0, -1e9, 1e9);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' });
      for (let p = 0; p < n; p += size) {
        if (!(await writeAndDrain(res, patternBytes(p, Math.min(size, n - p), seed)))) return;
      }
      res.end();
    },
  },
  {
    // /drip?numbytes=10&duration=2&delay=0&code=200&chunks=numbytes
    // Waits `delay` s, sends the head, then `chunks` chunks of '*' (numbytes in all), one every
    // duration/chunks seconds (the first after one interval). Chunked; each chunk flushed at once.
    path: /^\/drip$/,
    handler: async (req, res, ctx) => {
      const numbytes = intParam(ctx.params, 'numbytes', 10, 0, 100 * 1024 * 1024);
      const duration = numParam(ctx.params, 'duration', 2, 0, 600);
      const delay = numParam(ctx.params, 'delay', 0, 0, 600);
      const code = intParam(ctx.params, 'code', 200, 200, 999);
      const chunks = Math.min(intParam(ctx.params, 'chunks', numbytes, 1, 1e6), Math.max(numbytes, 1));
      req.resume();
      if (delay > 0 && !(await sleepUnlessClosed(ctx.timers, res, delay * 1000))) return;
      res.writeHead(code, { 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      const interval = (duration * 1000) / chunks;
      let sent = 0;
      for (let i = 0; i < chunks && numbytes > 0; i++) {
        if (interval > 0 && !(await sleepUnlessClosed(ctx.timers, res, interval))) return;
        const size = Math.floor((numbytes * (i + 1)) / chunks) - sent;
        sent += size;
        if (size > 0 && !(await writeAndDrain(res, Buffer.alloc(size, '*')))) return;
      }
      res.end();
    },
  },
  {
    // /drip-lines?lines=5&interval_ms=100: "line 0\n", "line 1\n", ... one per interval (first at once).
    path: /^\/drip-lines$/,
    handler: async (req, res, ctx) => {
      const lines = intParam(ctx.params, 'lines', 5, 0, 1e6);
      const interval = intParam(ctx.params, 'interval_ms', 100, 0, 60000);
      req.resume();
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      for (let i = 0; i < lines; i++) {
        if (i > 0 && interval > 0 && !(await sleepUnlessClosed(ctx.timers, res, interval))) return;
        if (!(await writeAndDrain(res, `line ${i}\n`))) return;
      }
      res.end();
    },
  },
  {
    // /delay/S (seconds, as httpbin: a decimal number, at most 10): waits, then answers with the
    // echo document.
    path: /^\/delay\/(\d+(?:\.\d+)?)$/,
    handler: (req, res, ctx, m) => delayed(req, res, ctx, Math.min(Number(m[1]), 10) * 1000, {}),
  },
  {
    // /delay-ms/MS (milliseconds, at most 60000; not in httpbin): the same, plus `delay_ms`.
    path: /^\/delay-ms\/(\d+)$/,
    handler: (req, res, ctx, m) => {
      const ms = Math.min(Number(m[1]), 60000);
      return delayed(req, res, ctx, ms, { delay_ms: ms });
    },
  },
  {
    // /stream/N: N lines of JSON {"id": i, "url", "args", "headers"} (one chunk each), chunked.
    path: /^\/stream\/(\d+)$/,
    handler: async (req, res, ctx, m) => {
      const n = Math.min(Number(m[1]), 1e6);
      req.resume();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      const base = { url: req.url, args: multiObject(ctx.params), headers: headerObject(req) };
      for (let i = 0; i < n; i++) {
        if (!(await writeAndDrain(res, JSON.stringify({ id: i, ...base }) + '\n'))) return;
      }
      res.end();
    },
  },
  {
    // /trailers: chunked body "chunk 0\nchunk 1\nchunk 2\n" declared with "Trailer: X-Checksum",
    // and the trailer X-Checksum: sha256 hex of the body.
    path: /^\/trailers$/,
    handler: (req, res) => {
      req.resume();
      const parts = ['chunk 0\n', 'chunk 1\n', 'chunk 2\n'];
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', Trailer: 'X-Checksum' });
      for (const p of parts) res.write(p);
      res.addTrailers({ 'X-Checksum': crypto.createHash('sha256').update(parts.join('')).digest('hex') });
      res.end();
    },
  },
  { path: /^\/gzip$/, handler: compressedJson('gzipped', 'gzip') },
  { path: /^\/deflate$/, handler: compressedJson('deflated', 'deflate') },
  { path: /^\/deflate-raw$/, handler: compressedJson('deflated', 'raw-deflate') },
  { path: /^\/brotli$/, handler: compressedJson('brotli', 'br') },
  { path: /^\/zstd$/, handler: compressedJson('zstd', 'zstd') },
  {
    // /encoded?enc=gzip,br&body=TEXT&repeat=N&content_type=T: body TEXT×N encoded with each
    // encoding in order (Content-Encoding "gzip, br"). Known: gzip x-gzip deflate raw-deflate br
    // zstd identity; any other token is put in the header verbatim without touching the body.
    path: /^\/encoded$/,
    handler: (req, res, ctx) => {
      const text = ctx.params.get('body') ?? 'hello httpxx\n';
      const repeat = intParam(ctx.params, 'repeat', 1, 0, Math.floor((64 * 1024 * 1024) / Math.max(1, Buffer.byteLength(text))));
      const names = (ctx.params.get('enc') ?? 'gzip').split(',').map((s) => s.trim()).filter(Boolean);
      const r = encodeAll(Buffer.from(text.repeat(repeat)), names);
      if (!r) return sendJson(res, 501, { error: 'zstd unavailable' });
      const headers = r.contentEncoding ? { 'Content-Encoding': r.contentEncoding } : {};
      sendText(res, 200, r.body, ctx.params.get('content_type') ?? 'text/plain; charset=utf-8', headers);
    },
  },
  {
    // /gzip-bomb?mb=10 (max 4096): gzip that inflates to mb MiB of zeros. Built once per size, cached.
    path: /^\/gzip-bomb$/,
    handler: async (req, res, ctx) => {
      const mb = intParam(ctx.params, 'mb', 10, 1, 4096);
      const body = await gzipBomb(mb);
      sendText(res, 200, body, 'application/octet-stream', {
        'Content-Encoding': 'gzip',
        'X-Decompressed-Length': String(mb * 1024 * 1024),
      });
    },
  },
];
