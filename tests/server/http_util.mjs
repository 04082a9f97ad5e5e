// Small helpers shared by the route modules of the httpxx test server.

import crypto from 'node:crypto';
import { parseMultipart } from './multipart.mjs';

/** Largest request body the buffering endpoints accept (the /upload endpoint streams instead). */
export const MAX_BUFFERED_BODY = 256 * 1024 * 1024;

/** Split a request-target into `{ path, query }` (raw, not percent-decoded). Absolute-form is reduced to its path. */
export function splitTarget(target) {
  let t = target;
  const abs = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(t);
  if (abs) t = t.slice(abs[0].length) || '/';
  const q = t.indexOf('?');
  return q < 0 ? { path: t, query: '' } : { path: t.slice(0, q), query: t.slice(q + 1) };
}

/** Query/form string -> object; a name given several times maps to an array of its values. */
export function multiObject(searchParams) {
  const out = {};
  for (const [k, v] of searchParams) {
    if (!(k in out)) out[k] = v;
    else if (Array.isArray(out[k])) out[k].push(v);
    else out[k] = [out[k], v];
  }
  return out;
}

/** Request headers as `{ lower-case name: value }`, repeated headers joined with ", " (built from rawHeaders). */
export function headerObject(req) {
  const out = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i].toLowerCase();
    out[k] = k in out ? `${out[k]}, ${raw[i + 1]}` : raw[i + 1];
  }
  return out;
}

/** Request headers as an array of `[name, value]` pairs, in order, names as received. */
export function rawHeaderPairs(req) {
  const out = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) out.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  return out;
}

/** Read the whole request body into a Buffer (rejects with `.status = 413` above `limit`). */
export function readBody(req, limit = MAX_BUFFERED_BODY) {
  return new Promise((resolve, reject) => {
    const parts = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > limit) {
        const e = new Error('request body too large');
        e.status = 413;
        req.destroy();
        reject(e);
        return;
      }
      parts.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('aborted')));
  });
}

/** Send `obj` as pretty JSON with Content-Length. */
export function sendJson(res, status, obj, headers = {}) {
  if (res.destroyed || res.writableEnded) return;
  const body = Buffer.from(JSON.stringify(obj, null, 2) + '\n');
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': body.length });
  res.end(body);
}

/** Send a plain (or given content-type) body with Content-Length. */
export function sendText(res, status, text, contentType = 'text/plain; charset=utf-8', headers = {}) {
  if (res.destroyed || res.writableEnded) return;
  const body = Buffer.isBuffer(text) ? text : Buffer.from(text);
  res.writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}

/** Integer query parameter with default, clamped to [min, max]. */
export function intParam(params, name, def, min = 0, max = Number.MAX_SAFE_INTEGER) {
  const v = params.get(name);
  if (v === null || v === '' || !/^-?\d+$/.test(v)) return def;
  return Math.min(max, Math.max(min, Number(v)));
}

/** Float query parameter with default, clamped to [min, max]. */
export function numParam(params, name, def, min = 0, max = Number.MAX_VALUE) {
  const v = Number(params.get(name));
  if (params.get(name) === null || params.get(name) === '' || !Number.isFinite(v)) return def;
  return Math.min(max, Math.max(min, v));
}

/**
 * The echo document returned by /anything, /get, /post, ... (and embedded by several others).
 * `body` is the request body Buffer (empty when there is none).
 */
export function echoDocument(req, ctx, body = Buffer.alloc(0)) {
  const headers = headerObject(req);
  const ctype = (headers['content-type'] ?? '').toLowerCase();
  const text = body.toString('utf8');
  let json = null;
  if (body.length) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  let form = {};
  let files = {};
  if (ctype.startsWith('application/x-www-form-urlencoded')) {
    form = multiObject(new URLSearchParams(text));
  } else if (ctype.startsWith('multipart/form-data')) {
    const parsed = parseMultipart(body, headers['content-type']);
    form = parsed.form;
    files = parsed.files;
  }
  return {
    method: req.method,
    url: req.url,
    path: ctx.path,
    args: multiObject(ctx.params),
    headers,
    rawHeaders: rawHeaderPairs(req),
    body: text,
    body_base64: body.toString('base64'),
    body_length: body.length,
    form,
    files,
    json,
    origin: req.socket.remoteAddress,
    http_version: req.httpVersion,
    scheme: ctx.scheme,
    conn_id: ctx.connId,
  };
}

export const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

/**
 * Timers that die with the request: `later(res, ms, fn)` runs fn after ms unless the response's
 * connection closes first (or the server stops: see TimerSet.clearAll).
 */
export class TimerSet {
  #timers = new Set();

  later(res, ms, fn) {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      res.off('close', cancel);
      fn();
    }, ms);
    const cancel = () => {
      clearTimeout(t);
      this.#timers.delete(t);
    };
    this.#timers.add(t);
    res.once('close', cancel);
    return cancel;
  }

  /** A timer not tied to a response (still cleared by clearAll). */
  detached(ms, fn) {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      fn();
    }, ms);
    this.#timers.add(t);
    return t;
  }

  clearAll() {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
  }
}

/** Sleep that resolves early (with false) when the response closes; true after `ms`. */
export function sleepUnlessClosed(timers, res, ms) {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve(false);
    const onClose = () => resolve(false);
    res.once('close', onClose);
    timers.later(res, ms, () => {
      res.off('close', onClose);
      resolve(true);
    });
  });
}

/** Write a chunk to a response or socket and wait for 'drain' if needed; false if it closed. */
export function writeAndDrain(res, chunk) {
  if (res.destroyed) return Promise.resolve(false);
  if (res.write(chunk)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
