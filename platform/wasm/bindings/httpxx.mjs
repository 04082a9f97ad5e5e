// httpxx for JavaScript: the C++ AsyncClient compiled to WebAssembly, over the
// Fetch API. Node.js >= 20 and browsers (wasm tail calls and exceptions).
//
//   import { AsyncClient } from 'httpxx';
//   const client = new AsyncClient({ base_url: 'https://example.org', timeout: 10_000 });
//   const r = await client.get('/items', { params: { page: 2 } });
//   console.log(r.status, r.getHeader('content-type'), await r.json());
//   await client.close();
//
// Parallel requests (C++ client.parallel()): each request starts at once.
//
//   const p = client.parallel({ max_concurrency: 10 });
//   const one = p.get('/a');                       // a PendingResponse
//   p.get('/b');
//   const a = await one.getResponse();             // that one's response
//   while (p.hasPending()) await p.nextResponse(); // the others, as they finish
//   await p.close();
//
// Also: auth (BasicAuth, DigestAuth, a function), event_hooks, client.cookies,
// files / FormData / Blob / ReadableStream bodies, response.lines() and
// textStream(), nextRequest, buildRequest() + send(), and an AbortSignal
// (`signal`) per request or per parallel. docs/browser.md has the whole API.
//
// Options use HTTPX's names (base_url, follow_redirects); the camelCase
// spellings (baseUrl, followRedirects) are accepted too. An unknown name or a
// wrong type is a TypeError naming the option. Timeouts are in
// milliseconds. Errors are instances of the classes below, named after the
// C++ (and HTTPX) exceptions: `e.name === 'ReadTimeout'`,
// `e instanceof TimeoutException`. Types: httpxx.d.ts.

import createHttpxxCore from './httpxx_core.mjs';

const isNode = typeof process !== 'undefined' && !!process.versions && !!process.versions.node;

async function loadCore() {
  const options = {};
  if (isNode) {
    // Emscripten 3.1.6 would open the .wasm as a file: URL path; hand it the bytes.
    const { readFile } = await import('node:fs/promises');
    options.wasmBinary = await readFile(new URL('./httpxx_core.wasm', import.meta.url));
  }
  return createHttpxxCore(options);
}

const core = await loadCore();

// ---------------------------------------------------------------- errors

/** Root of the errors httpxx throws (C++ `httpxx::Error`). */
export class HttpxxError extends Error {
  constructor(message, details = {}) {
    super(message);
    this.name = new.target.name;
    /** `{ method, url }` of the request the error belongs to, if any. */
    if (details.request) this.request = details.request;
  }
}
export class HTTPError extends HttpxxError {}
export class RequestError extends HTTPError {}
export class TransportError extends RequestError {}
export class TimeoutException extends TransportError {}
export class ConnectTimeout extends TimeoutException {}
export class ReadTimeout extends TimeoutException {}
export class WriteTimeout extends TimeoutException {}
export class PoolTimeout extends TimeoutException {}
export class NetworkError extends TransportError {}
export class ConnectError extends NetworkError {}
export class ReadError extends NetworkError {}
export class WriteError extends NetworkError {}
export class CloseError extends NetworkError {}
export class ProtocolError extends TransportError {}
export class LocalProtocolError extends ProtocolError {}
export class RemoteProtocolError extends ProtocolError {}
export class ProxyError extends TransportError {}
export class UnsupportedProtocol extends TransportError {}
export class DecodingError extends RequestError {}
/** A body read whole (a request without `stream`) passed `max_read_size`. */
export class ResponseTooLarge extends RequestError {}
export class TooManyRedirects extends RequestError {}
export class HTTPStatusError extends HTTPError {
  constructor(message, details = {}) {
    super(message, details);
    /** The status code of the response that was not 2xx. */
    this.status = details.status;
  }
}
export class InvalidURL extends HttpxxError {}
export class StreamError extends HttpxxError {}
export class StreamConsumed extends StreamError {}
export class StreamClosed extends StreamError {}
export class ResponseNotRead extends StreamError {}
export class RequestNotRead extends StreamError {}
export class ClientClosed extends HttpxxError {}
/**
 * A C++ exception that is not one of httpxx's errors reached JS (a bug, or an
 * exception of a library below httpxx); the message names its C++ type.
 */
export class InternalError extends HttpxxError {}
/** Memory ran out: the WebAssembly heap could not grow (C++ `std::bad_alloc`). */
export class OutOfMemoryError extends InternalError {}

const errorClasses = {
  HTTPError, RequestError, TransportError, TimeoutException, ConnectTimeout, ReadTimeout,
  WriteTimeout, PoolTimeout, NetworkError, ConnectError, ReadError, WriteError, CloseError,
  ProtocolError, LocalProtocolError, RemoteProtocolError, ProxyError, UnsupportedProtocol,
  DecodingError, ResponseTooLarge, TooManyRedirects, HTTPStatusError, InvalidURL, StreamError,
  StreamConsumed, StreamClosed, ResponseNotRead, RequestNotRead, ClientClosed, InternalError,
  OutOfMemoryError,
};

/**
 * An error value from C++ ({ httpxxError, name, message, usage?, request?, status? }) as an
 * Error. The root httpxx::Error is HttpxxError; a misuse of the API (C++ std::logic_error:
 * a closed Parallel, nothing left to wait for) a plain Error; a name this module does not know
 * (a newer core) an InternalError keeping that name.
 */
function toError(value) {
  if (!value || value.httpxxError !== true) return value;
  if (value.usage === true) return new Error(value.message);
  const Class = value.name === 'Error' ? HttpxxError : errorClasses[value.name] ?? InternalError;
  const error = new Class(value.message, value);
  if (!(value.name in errorClasses) && value.name !== 'Error') error.name = value.name;
  return error;
}

/** A synchronous result from C++: the value, or its error thrown. */
function unwrap(value) {
  if (value && typeof value === 'object' && value.httpxxError === true) throw toError(value);
  return value;
}

/** Calls a C++ method taking (resolve, reject); its promise rejects with an Error. */
function call(start) {
  return new Promise((resolve, reject) => start(resolve, (e) => reject(toError(e))));
}

// --------------------------------------------------------------- options
//
// Every options object is checked here: a name this module does not know,
// or a value of the wrong type, is a TypeError naming the option (never a
// silent drop). The C++ side (js_options.cpp) checks the normalised objects
// again, for callers of the core module.

/** Option names by kind: HTTPX's snake_case name -> camelCase alias (null: one word). */
const optionNames = {
  client: {
    base_url: 'baseUrl', headers: null, params: null, timeout: null,
    follow_redirects: 'followRedirects', max_redirects: 'maxRedirects',
    default_encoding: 'defaultEncoding', max_decoded_size: 'maxDecodedSize',
    max_read_size: 'maxReadSize', cookies: null, auth: null, event_hooks: 'eventHooks',
    // C++ options the runtime's fetch decides instead: refused unless left at their default.
    limits: null, verify: null, cert: null, ca_file: 'caFile', ca_dir: 'caDir', proxy: null,
    trust_env: 'trustEnv', retries: null, transport: null, http1: null, http2: null,
  },
  request: {
    params: null, headers: null, content: null, data: null, json: null, files: null,
    timeout: null, stream: null, follow_redirects: 'followRedirects', cookies: null, auth: null,
    signal: null,
  },
  send: { stream: null, follow_redirects: 'followRedirects', timeout: null, auth: null, signal: null },
  parallel: { max_concurrency: 'maxConcurrency', signal: null },
};

/** Why each C++-only client option cannot be honoured here, and the default that is accepted. */
const nativeOnly = {
  limits: { why: 'the runtime keeps its own connection pool (the browser\'s fetch, or a Node.js http.Agent)' },
  // These four are honoured under Node.js (node:https takes them).
  verify: { accept: true, node: true, why: 'the browser verifies TLS certificates and offers no way to turn that off' },
  cert: { node: true, why: 'fetch cannot present a TLS client certificate chosen by the page' },
  ca_file: { node: true, why: 'the browser trusts its own certificate store' },
  ca_dir: { node: true, why: 'the browser trusts its own certificate store' },
  proxy: { why: 'the runtime chooses the proxy (browser settings; none under Node.js)' },
  trust_env: { accept: true, why: 'the runtime chooses the proxy, not the environment variables' },
  retries: { accept: 0, why: 'the runtime makes the connections, so failed connection attempts cannot be retried' },
  http1: { accept: true, why: 'the runtime chooses the HTTP version (browsers negotiate HTTP/2 by themselves)' },
  http2: { accept: true, why: 'the runtime chooses the HTTP version (browsers negotiate HTTP/2 by themselves)' },
  transport: { why: 'the transport is the runtime\'s (fetch in browsers, node:http under Node.js)' },
};

/** The options of `kind` given in `o`, by snake_case name; TypeError for unknown names. */
function readOptions(o, kind) {
  if (o === undefined || o === null) return {};
  if (typeof o !== 'object' || Array.isArray(o)) throw new TypeError(`${kind} options must be an object`);
  const names = optionNames[kind];
  const camel = {};
  for (const [snake, alias] of Object.entries(names)) if (alias) camel[alias] = snake;
  const out = {};
  for (const key of Object.keys(o)) {
    const snake = Object.hasOwn(names, key) ? key : camel[key];
    if (snake === undefined) throw new TypeError(`unknown option '${key}'`);
    if (o[key] === undefined) continue;
    if (snake in out) throw new TypeError(`option '${snake}' is given twice (as ${snake} and ${names[snake]})`);
    out[snake] = o[key];
  }
  return out;
}

const isObject = (v) => typeof v === 'object' && v !== null;
const hasBlob = typeof Blob === 'function';
const isBlob = (v) => hasBlob && v instanceof Blob;
const isFormData = (v) => typeof FormData === 'function' && v instanceof FormData;
const isReadableStream = (v) => typeof ReadableStream === 'function' && v instanceof ReadableStream;

function check(ok, name, expected) {
  if (!ok) throw new TypeError(`option '${name}' must be ${expected}`);
}

function boolean(value, name) {
  if (value === undefined || value === null) return undefined;
  check(typeof value === 'boolean', name, 'a boolean');
  return value;
}

function count(value, name, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined || value === null) return undefined;
  check(Number.isInteger(value) && value >= 0 && value <= max, name, 'a non-negative integer');
  return value;
}

function string(value, name) {
  if (value === undefined || value === null) return undefined;
  check(typeof value === 'string' || value instanceof URL, name, 'a string');
  return String(value);
}

/** Headers, params or form data as [[name, value], …]: objects (array values repeat a name), arrays of pairs, or iterables of pairs (Headers, URLSearchParams, Map). */
function pairs(value, what) {
  if (value === undefined || value === null) return undefined;
  const out = [];
  check(typeof value === 'object', what, 'an object or [name, value] pairs');
  const entries = Array.isArray(value) || typeof value[Symbol.iterator] === 'function'
    ? value : Object.entries(value);
  for (const entry of entries) {
    check(Array.isArray(entry) && entry.length === 2, what, '[name, value] pairs');
    const [name, v] = entry;
    for (const one of Array.isArray(v) && !Array.isArray(value) ? v : [v]) {
      check(['string', 'number', 'boolean'].includes(typeof one), what, 'made of string, number or boolean values');
      out.push([String(name), String(one)]);
    }
  }
  return out;
}

const timeoutPhases = ['connect', 'read', 'write', 'pool'];

function timeout(value) {
  if (value === undefined || value === null) return value;
  const ms = (v, name) => {
    check(v === null || (typeof v === 'number' && v >= 0), name, 'milliseconds (a number >= 0) or null');
    return v;
  };
  if (typeof value === 'number') {
    ms(value, 'timeout');
    return { connect: value, read: value, write: value, pool: value };
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const t = {};
    for (const key of Object.keys(value)) {
      if (!timeoutPhases.includes(key)) throw new TypeError(`unknown option 'timeout.${key}'`);
      if (value[key] !== undefined) t[key] = ms(value[key], `timeout.${key}`);
    }
    return t;
  }
  throw new TypeError("option 'timeout' must be milliseconds, null (no limit) or { connect, read, write, pool }");
}

/** Bytes of a string, a Uint8Array, an ArrayBuffer or a typed array; null if `content` is none of them. */
function toBytes(content) {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  if (content instanceof Uint8Array) return content;
  if (content instanceof ArrayBuffer) return new Uint8Array(content);
  if (ArrayBuffer.isView(content)) return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  return null;
}

/** Settles a core Waker with the outcome of `run()` (sync or async), then frees it. */
function settleWaker(waker, run) {
  Promise.resolve()
    .then(run)
    .then((v) => waker.resolve(v), (e) => waker.reject(e))
    .finally(() => waker.delete());
}

/** A streamed upload (ReadableStream or async iterable of chunks) as the core's pull function. */
function pullFrom(source) {
  const iterator = isReadableStream(source) && typeof source[Symbol.asyncIterator] !== 'function'
    ? (() => { const reader = source.getReader(); return { next: () => reader.read() }; })()
    : source[Symbol.asyncIterator]();
  return (_, waker) => settleWaker(waker, async () => {
    const { done, value } = await iterator.next();
    if (done) return null;
    const chunk = toBytes(value);
    if (chunk === null) throw new TypeError('a streamed content chunk must be a string or bytes');
    return chunk;
  });
}

/** A request as hooks and auth functions see it: { method, url, headers (a WHATWG Headers) }. */
function hookRequest(info) {
  return { method: info.method, url: info.url, headers: new Headers(info.headers) };
}

/** The headers of `request` for the core, or undefined if they did not change. */
function changedHeaders(request, before) {
  check(isObject(request) && request.headers instanceof Headers, 'auth', 'a function returning the request');
  const after = [...request.headers];
  return JSON.stringify(after) === before ? undefined : after;
}

/** Basic authentication (RFC 7617) for the `auth` option. */
export class BasicAuth {
  constructor(username, password) {
    this.username = String(username);
    this.password = String(password);
  }
}

/** Digest authentication (RFC 7616: MD5, SHA-256 and their -sess forms; qop auth, auth-int). */
export class DigestAuth {
  constructor(username, password) {
    this.username = String(username);
    this.password = String(password);
  }
}

function auth(value) {
  if (value === undefined || value === null) return undefined;
  if (value instanceof BasicAuth) return { scheme: 'basic', username: value.username, password: value.password };
  if (value instanceof DigestAuth) return { scheme: 'digest', username: value.username, password: value.password };
  if (Array.isArray(value) && value.length === 2) return { scheme: 'basic', username: String(value[0]), password: String(value[1]) };
  check(typeof value === 'function', 'auth', 'a BasicAuth, a DigestAuth, [username, password] or a function (request) => request');
  return {
    scheme: 'function',
    // C++ FunctionAuth calls this synchronously; it reports errors as { error }.
    fn: (info) => {
      try {
        const request = hookRequest(info);
        const before = JSON.stringify([...request.headers]);
        const out = value(request);
        if (out && typeof out.then === 'function') {
          out.catch(() => {});
          throw new TypeError('an auth function must be synchronous (for async work use event_hooks.request)');
        }
        return { headers: changedHeaders(out ?? request, before) };
      } catch (error) {
        return { error };
      }
    },
  };
}

function eventHooks(value) {
  if (value === undefined || value === null) return undefined;
  check(isObject(value), 'event_hooks', 'an object { request: [fn], response: [fn] }');
  for (const key of Object.keys(value)) {
    if (key !== 'request' && key !== 'response') throw new TypeError(`unknown option 'event_hooks.${key}'`);
  }
  const list = (name) => {
    const fns = value[name] ?? [];
    check(Array.isArray(fns) && fns.every((f) => typeof f === 'function'), `event_hooks.${name}`, 'an array of functions');
    return fns;
  };
  return {
    request: list('request').map((fn) => (info, waker) => settleWaker(waker, async () => {
      const request = hookRequest(info);
      const before = JSON.stringify([...request.headers]);
      await fn(request);
      return changedHeaders(request, before);
    })),
    response: list('response').map((fn) => (handle, waker) => settleWaker(waker, async () => { await fn(new Response(handle)); })),
  };
}

/** Cookies for a client's jar: pairs (for every host), cookie objects, or a Cookies. */
function jarCookies(value) {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Cookies) return [...value].map(({ name, value: v, domain, path }) => ({ name, value: v, domain, path }));
  if (Array.isArray(value) && value.every((c) => isObject(c) && !Array.isArray(c))) {
    return value.map((c) => {
      check(typeof c.name === 'string' && typeof c.value === 'string', 'cookies', 'cookie objects { name, value, domain?, path? }');
      return { name: c.name, value: c.value, domain: string(c.domain, 'cookies.domain') ?? '', path: string(c.path, 'cookies.path') ?? '/' };
    });
  }
  return pairs(value, 'cookies').map(([name, v]) => ({ name, value: v, domain: '', path: '/' }));
}

/** One file of `files`: content, a Blob/File, or [filename, content, contentType?]. */
function file(value, read) {
  let filename;
  let content = value;
  let contentType;
  if (Array.isArray(value)) [filename, content, contentType] = value;
  if (isBlob(content)) {
    filename ??= typeof File === 'function' && content instanceof File ? content.name : 'blob';
    contentType ??= content.type || undefined;
    if (!read.has(content)) throw new TypeError('a Blob in a parallel request cannot be read synchronously: pass its bytes (await blob.arrayBuffer())');
    content = read.get(content);
  }
  const bytes = toBytes(content);
  check(bytes !== null, 'files', 'contents as strings, bytes, Blobs, or [filename, content, contentType]');
  return { filename: string(filename, 'files filename') ?? 'upload', content: bytes, contentType: string(contentType, 'files content type') };
}

/** The [field, file] entries of `files`: an object, pairs, or an iterable of pairs (Map). */
function fileEntries(value) {
  return Array.isArray(value) || typeof value[Symbol.iterator] === 'function' ? [...value] : Object.entries(value);
}

function files(value, read) {
  if (value === undefined || value === null) return undefined;
  check(isObject(value) && !isBlob(value), 'files', 'an object or [field, file] pairs');
  return fileEntries(value).map((entry) => {
    check(Array.isArray(entry) && entry.length === 2, 'files', 'an object or [field, file] pairs');
    return [String(entry[0]), file(entry[1], read)];
  });
}

/** Blobs of `o` (its content, its files, its FormData) read into a Map, for requestOptions. */
async function readBlobs(o) {
  const blobs = [];
  const content = o.content;
  if (isBlob(content)) blobs.push(content);
  if (isFormData(content)) for (const [, v] of content) if (isBlob(v)) blobs.push(v);
  if (isObject(o.files) && !isBlob(o.files)) {
    for (const entry of fileEntries(o.files)) {
      const f = Array.isArray(entry) ? entry[1] : undefined;
      const inner = Array.isArray(f) ? f[1] : f;
      if (isBlob(inner)) blobs.push(inner);
    }
  }
  const read = new Map();
  for (const b of blobs) read.set(b, new Uint8Array(await b.arrayBuffer()));
  return read;
}

/**
 * Request options for the core, and the signal (handled here). `read` holds
 * the bytes of the Blobs readBlobs() read; a Blob content not in it is
 * streamed, a Blob file not in it is a TypeError.
 */
function requestOptions(options, read = new Map()) {
  const o = readOptions(options, 'request');
  const out = {
    params: pairs(o.params, 'params'),
    headers: pairs(o.headers, 'headers'),
    json: o.json === undefined ? undefined : JSON.stringify(o.json),
    data: pairs(o.data, 'data'),
    files: files(o.files, read),
    timeout: timeout(o.timeout),
    stream: boolean(o.stream, 'stream'),
    followRedirects: boolean(o.follow_redirects, 'follow_redirects'),
    cookies: pairs(o.cookies, 'cookies'),
    auth: auth(o.auth),
  };
  const c = o.content;
  if (c !== undefined && c !== null) {
    const bytes = toBytes(c);
    if (bytes !== null) {
      out.content = bytes;
    } else if (isFormData(c)) {
      // Fields first, then files: the C++ multipart encoder's order.
      check(out.data === undefined && out.files === undefined, 'content', 'the only body when it is a FormData');
      const fields = [];
      const parts = [];
      for (const [name, v] of c) {
        if (typeof v === 'string') fields.push([name, v]);
        else parts.push([name, file(v, read)]);
      }
      // A FormData without files is multipart/form-data all the same, as
      // fetch sends it: its fields then go as parts without a filename.
      out.data = parts.length ? fields : undefined;
      out.files = parts.length ? parts : fields.map(([name, v]) => [name, { content: toBytes(v) }]);
    } else if (isBlob(c)) {
      const typed = (out.headers ?? []).some(([n]) => n.toLowerCase() === 'content-type');
      if (c.type && !typed) out.headers = [...(out.headers ?? []), ['Content-Type', c.type]];
      if (read.has(c)) out.content = read.get(c);
      else out.contentStream = pullFrom(c.stream());
    } else if (isReadableStream(c) || typeof c[Symbol.asyncIterator] === 'function') {
      out.contentStream = pullFrom(c);
    } else {
      throw new TypeError("option 'content' must be a string, bytes (Uint8Array, ArrayBuffer, typed array), a Blob, a FormData, a ReadableStream or an async iterable of chunks");
    }
  }
  if (o.signal !== undefined) check(typeof AbortSignal === 'function' && o.signal instanceof AbortSignal, 'signal', 'an AbortSignal');
  return { core: out, signal: o.signal };
}

function sendOptions(options) {
  const o = readOptions(options, 'send');
  if (o.signal !== undefined) check(typeof AbortSignal === 'function' && o.signal instanceof AbortSignal, 'signal', 'an AbortSignal');
  return {
    core: {
      stream: boolean(o.stream, 'stream'),
      followRedirects: boolean(o.follow_redirects, 'follow_redirects'),
      timeout: timeout(o.timeout),
      auth: auth(o.auth),
    },
    signal: o.signal,
  };
}

function clientOptions(options) {
  const o = readOptions(options, 'client');
  for (const [name, rule] of Object.entries(nativeOnly)) {
    if (o[name] === undefined || o[name] === null) continue;
    if ('accept' in rule && o[name] === rule.accept) continue;
    if (rule.node && isNode) continue;
    throw new TypeError(`option '${name}' is not supported in WebAssembly: ${rule.why}`);
  }
  return {
    baseUrl: string(o.base_url, 'base_url'),
    headers: pairs(o.headers, 'headers'),
    params: pairs(o.params, 'params'),
    timeout: timeout(o.timeout),
    followRedirects: boolean(o.follow_redirects, 'follow_redirects'),
    maxRedirects: count(o.max_redirects, 'max_redirects', 0x7fffffff),
    defaultEncoding: string(o.default_encoding, 'default_encoding'),
    maxDecodedSize: count(o.max_decoded_size, 'max_decoded_size'),
    maxReadSize: count(o.max_read_size, 'max_read_size'),
    cookies: jarCookies(o.cookies),
    auth: auth(o.auth),
    eventHooks: eventHooks(o.event_hooks),
    verify: boolean(o.verify, 'verify'),
    caFile: string(o.ca_file, 'ca_file'),
    caDir: string(o.ca_dir, 'ca_dir'),
    cert: clientCert(o.cert),
  };
}

/** `cert`: a PEM file holding the certificate and its key, or { cert_file, key_file?, password? }. */
function clientCert(value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return { certFile: value };
  check(isObject(value) && !Array.isArray(value), 'cert', 'a file name or { cert_file, key_file, password }');
  const names = { cert_file: 'certFile', key_file: 'keyFile', password: null };
  const out = {};
  for (const key of Object.keys(value)) {
    const snake = Object.hasOwn(names, key) ? key : Object.keys(names).find((n) => names[n] === key);
    if (snake === undefined) throw new TypeError(`unknown option 'cert.${key}'`);
    out[names[snake] ?? snake] = string(value[key], `cert.${snake}`);
  }
  check(typeof out.certFile === 'string' && out.certFile !== '', 'cert.cert_file', 'a file name');
  return out;
}

function parallelOptions(options) {
  const o = readOptions(options, 'parallel');
  const n = o.max_concurrency;
  if (n !== undefined && n !== null && !(Number.isInteger(n) && n >= 0 && n <= 0xffffffff)) {
    throw new TypeError('max_concurrency must be a non-negative integer (0: no limit)');
  }
  if (o.signal !== undefined) check(typeof AbortSignal === 'function' && o.signal instanceof AbortSignal, 'signal', 'an AbortSignal');
  return { core: { maxConcurrency: n }, signal: o.signal };
}

const noop = () => {};

/** The core options object, or undefined when no option is set (the core then reads none). */
function given(options) {
  for (const key in options) if (options[key] !== undefined) return options;
  return undefined;
}

// Responses and pending responses the core module keeps by number
// (js_response_table.hpp, js_parallel.hpp) until their JS object is collected.
const responseEntries = new FinalizationRegistry((id) => core.dropResponse(id));
const pendingEntries = new FinalizationRegistry(({ set, id }) => set.forgetPending(id));

// --------------------------------------------------------------- Request

const requestHandles = new WeakMap();

/**
 * A request built by client.buildRequest(), sent with client.send() (or a
 * Parallel's send()). Its headers may be changed before sending.
 */
export class Request {
  /** @internal */
  constructor(handle) {
    this.method = handle.method();
    this.url = handle.url();
    /** The headers to send (a WHATWG Headers: names come out lower-case). */
    this.headers = new Headers(handle.headers());
    requestHandles.set(this, { handle, before: JSON.stringify([...this.headers]) });
  }
  /** The body bytes (empty for a streamed body). */
  get content() { return requestHandles.get(this).handle.content(); }
}

/** The core handle of a Request, its header changes applied. */
function requestHandle(request) {
  const entry = request instanceof Request ? requestHandles.get(request) : undefined;
  if (!entry) throw new TypeError('send() takes a Request made by client.buildRequest()');
  const after = [...request.headers];
  if (JSON.stringify(after) !== entry.before) {
    unwrap(entry.handle.setHeaders(after));
    entry.before = JSON.stringify(after);
  }
  return entry.handle;
}

// -------------------------------------------------------------- Response

/** A cookie as JS sees it: expires is a Date or null. */
function cookieOf(c) {
  return { ...c, expires: c.expires === null ? null : new Date(c.expires) };
}

/** An HTTP response. Buffered (the default) or streamed (`stream: true`). */
export class Response {
  #id;
  #core = null;
  #closed;
  #read;
  #redirect;
  #reading = null;
  #signal;
  #onAbort = null;

  /** @internal `value`: the head of a response the core module keeps (js_response_table.hpp). */
  constructor(value, signal) {
    this.#id = value.id;
    this.#closed = value.closed;
    this.#read = value.read;
    this.#redirect = value.redirect;
    responseEntries.register(this, value.id);
    this.status = value.status;
    this.reasonPhrase = value.reasonPhrase;
    this.httpVersion = value.httpVersion;
    /** [[name, value], …] as received (names as the server spelt them, repeats kept). */
    this.headers = value.headers;
    this.url = value.url;
    this.request = { method: value.method, url: this.url };
    if (signal && !this.#closed) {
      // Aborting after the head arrived closes the body, as fetch does.
      this.#signal = signal;
      this.#onAbort = () => { this.close().catch(noop); };
      signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  /** The core module's Response, fetched when a method first needs more than the head. */
  get #handle() {
    this.#core ??= unwrap(core.takeResponse(this.#id));
    return this.#core;
  }

  /** The request a redirect would send next (redirects not followed), else null. */
  get nextRequest() { return this.#redirect ? this.#handle.nextRequest() : null; }

  /** The value of a header (case-insensitive; repeats joined with ", "), or null. */
  getHeader(name) {
    const lower = String(name).toLowerCase();
    const values = this.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
    return values.length ? values.join(', ') : null;
  }

  get isInformational() { return this.status >= 100 && this.status < 200; }
  get isSuccess() { return this.status >= 200 && this.status < 300; }
  get isRedirect() { return [301, 302, 303, 307, 308].includes(this.status); }
  get isClientError() { return this.status >= 400 && this.status < 500; }
  get isServerError() { return this.status >= 500 && this.status < 600; }
  get isError() { return this.status >= 400; }
  /** A redirect status with a Location header. */
  get hasRedirectLocation() { return this.isRedirect && this.getHeader('location') !== null; }
  /** The charset Content-Type declares (lower case), or null. */
  get charsetEncoding() { return this.#handle.charsetEncoding(); }
  /**
   * The encoding text(), textStream() and lines() use: the one set here, else the
   * declared charset, else the client's default_encoding.
   */
  get encoding() { return this.#handle.encoding(); }
  set encoding(value) {
    if (typeof value !== 'string') throw new TypeError('encoding must be a string');
    this.#handle.setEncoding(value);
  }
  /** Milliseconds from sending the request until the response was closed (or now). */
  get elapsed() { return this.#handle.elapsedMs(); }
  get isClosed() { return this.#closed || this.#handle.isClosed(); }
  get isStreamConsumed() { return this.#handle.isStreamConsumed(); }
  /** The redirect responses that led here, oldest first. */
  get history() { return this.#handle.history().map((v) => new Response(v)); }
  /** The cookies this response sets (its Set-Cookie fields, as a jar would store them). */
  get cookies() { return unwrap(this.#handle.cookies()).map(cookieOf); }

  #aborted() {
    if (this.#signal?.aborted) throw this.#signal.reason;
  }

  /** Reads the rest of the body (once; later calls return the same bytes). */
  async read() {
    await this.#readBody();
    return unwrap(this.#core === null ? core.responseBytes(this.#id) : this.#core.bytes());
  }
  async bytes() { return this.read(); }
  /** The body as text, decoded with the charset of Content-Type (default UTF-8). */
  async text() {
    await this.#readBody();
    return unwrap(this.#handle.text());
  }

  /** Reads the body into the core's cache unless a buffered request did already. */
  async #readBody() {
    this.#aborted();
    if (this.#read && this.#core === null) return;
    this.#reading ??= call((res, rej) => this.#handle.read(res, rej));
    await this.#reading;
  }
  async json() {
    const text = await this.text();
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new DecodingError(`response body is not valid JSON: ${e.message}`, { request: this.request });
    }
  }

  /**
   * An async iterator over one reading of the body (`kind` as js_response.hpp's
   * JsReader::Kind). The C++ rules are applied now; their error (StreamConsumed,
   * StreamClosed) rejects the first next(). Leaving a loop early closes the response.
   */
  #iterate(kind) {
    const opened = this.#handle.open(kind);
    let reads = Promise.resolve();
    const next = () => {
      const piece = reads.then(() => {
        this.#aborted();
        const reader = unwrap(opened);
        return call((res, rej) => reader.next(res, rej));
      });
      reads = piece.catch(noop);
      return piece.then((value) => (value === null ? { done: true, value: undefined } : { done: false, value }));
    };
    return {
      [Symbol.asyncIterator]() { return this; },
      next,
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** The decoded body chunk by chunk, as Uint8Arrays: `for await (const chunk of r.stream())`. */
  stream() { return this.#iterate(0); }
  /** The body as it came off the wire. fetch has decoded it already, so here: as stream(). */
  raw() { return this.#iterate(1); }
  /** The body as text in pieces (strings), decoded incrementally with the response's charset. */
  textStream() { return this.#iterate(2); }
  /** The body's text line by line, without line endings ("\n", "\r\n" or "\r"). */
  lines() { return this.#iterate(3); }

  /** Releases the body and its connection. Safe to call twice. */
  async close() {
    if (this.#onAbort) {
      // A long-lived signal must not keep every response it ever saw.
      this.#signal.removeEventListener('abort', this.#onAbort);
      this.#onAbort = null;
    }
    if (this.#closed && this.#core === null) return;
    await call((res, rej) => this.#handle.close(res, rej));
  }

  /** Throws HTTPStatusError (with `.response`) unless the status is 2xx; else returns this. */
  raiseForStatus() {
    if (this.isSuccess) return this;
    const error = this.#handle.statusError();
    if (error === null) return this;
    const e = toError(error);
    e.response = this;
    throw e;
  }
}

// ---------------------------------------------------------------- Cookies

/**
 * A client's cookie jar (C++ httpxx::Cookies, RFC 6265), as `client.cookies`.
 * Iterating gives cookie objects { name, value, domain, path, expires, secure,
 * httpOnly }. In browsers fetch keeps cookies in the browser's own jar, and
 * this one stays unused.
 */
export class Cookies {
  #core;

  /** @internal */
  constructor(clientHandle) {
    this.#core = clientHandle;
  }

  /** The value of the cookie `name` (the first if several match), or null. */
  get(name, { domain = '', path = '' } = {}) {
    return this.#core.cookieGet(String(name), String(domain), String(path));
  }
  /** Sets a cookie (replacing one of the same name, domain and path); no domain: every host. */
  set(name, value, { domain = '', path = '/' } = {}) {
    unwrap(this.#core.cookieSet(String(name), String(value), String(domain), String(path)));
  }
  /** Removes the cookies `name` (only those of `domain`/`path` when given); returns how many. */
  delete(name, { domain = '', path = '' } = {}) {
    return this.#core.cookieDelete(String(name), String(domain), String(path));
  }
  has(name, options) { return this.get(name, options) !== null; }
  clear() { this.#core.cookieClear(); }
  get size() { return this.#core.cookieList().length; }
  [Symbol.iterator]() { return this.#core.cookieList().map(cookieOf)[Symbol.iterator](); }
  /** { name: value } of every cookie (later namesakes win). */
  toObject() { return Object.fromEntries([...this].map((c) => [c.name, c.value])); }
}

// --------------------------------------------------------------- Parallel

/** A request started by a Parallel; its response is awaited with getResponse(). */
export class PendingResponse {
  #set;
  #id;
  #request = null;
  #response = null;
  #signal;

  /** @internal */
  constructor(setHandle, id, signal) {
    this.#set = setHandle;
    this.#id = id;
    this.#signal = signal;
    pendingEntries.register(this, { set: setHandle, id });
  }

  /** `{ method, url }` of the request as it was built. */
  get request() {
    this.#request ??= this.#set.pendingRequest(this.#id);
    return this.#request;
  }
  /**
   * This request's Response, or its error (never another request's). May be
   * awaited again: the same Response object, or the same error, each time.
   * Once the parallel's signal aborted, the signal's reason.
   */
  getResponse() {
    this.#response ??= withSignal(
      call((res, rej) => this.#set.pendingResponse(this.#id, res, rej)).then((v) => new Response(v, this.#signal)),
      this.#signal);
    return this.#response;
  }
  /** True once the request has finished (successfully or not). */
  get done() { return this.#set.pendingDone(this.#id); }
}

/** `promise`, rejecting with the signal's reason instead of the cancellation error once it aborted. */
function withSignal(promise, signal) {
  if (!signal) return promise;
  return promise.catch((e) => {
    throw signal.aborted ? signal.reason : e;
  });
}

/**
 * Requests running at the same time on one client (C++ httpxx::Parallel), from
 * `client.parallel()`. Each error belongs to its request: it rejects that
 * request's getResponse() or the nextResponse() returning it, never another's;
 * an error no one took rejects close(). Its `signal` option cancels them all.
 */
export class Parallel {
  #core;
  #signal;

  /** @internal */
  constructor(handle, signal) {
    this.#core = handle;
    this.#signal = signal;
    if (signal) {
      const onAbort = () => this.#core.close(noop, noop);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
  }

  /**
   * Starts a request now and returns its PendingResponse. Throws at once
   * (nothing started) if the request cannot be built: InvalidURL, TypeError
   * for bad options (a `signal` belongs to the parallel), Error once closed.
   */
  request(method, url, options = {}) {
    const { core: opts, signal } = requestOptions(options);
    if (signal !== undefined) {
      throw new TypeError("option 'signal' cancels a whole parallel: give it to client.parallel({ signal })");
    }
    this.#signal?.throwIfAborted();
    const id = unwrap(this.#core.request(String(method), String(url), given(opts)));
    return new PendingResponse(this.#core, id, this.#signal);
  }
  // get, post, put, patch, delete, head, options: addVerbs() at the end of the file.
  /** Starts a Request from client.buildRequest() (options: stream, follow_redirects, timeout, auth). */
  send(request, options = {}) {
    const { core: opts, signal } = sendOptions(options);
    if (signal !== undefined) {
      throw new TypeError("option 'signal' cancels a whole parallel: give it to client.parallel({ signal })");
    }
    this.#signal?.throwIfAborted();
    const id = unwrap(this.#core.send(requestHandle(request), given(opts)));
    return new PendingResponse(this.#core, id, this.#signal);
  }

  /**
   * The next request to finish (completion order) that no nextResponse() or
   * getResponse() returned yet; rejects with its error if it failed, and with
   * an Error if none is left (see hasPending()).
   */
  async nextResponse() {
    const value = await withSignal(call((res, rej) => this.#core.nextResponse(res, rej)), this.#signal);
    return new Response(value, this.#signal);
  }
  /** True while some request has not been returned by nextResponse() or getResponse(). */
  hasPending() { return this.#core.hasPending(); }
  /** Requests not finished yet (running, or waiting for a max_concurrency slot). */
  running() { return this.#core.running(); }
  /**
   * Waits for every request not yet taken; their responses in submission
   * order. Rejects with the first error once all have finished.
   */
  async gather() {
    const values = await withSignal(call((res, rej) => this.#core.gather(res, rej)), this.#signal);
    return values.map((v) => new Response(v, this.#signal));
  }
  /**
   * Cancels the requests still running (their fetches aborted), then rejects
   * with the first error no one took, if any. A cancelled request's
   * getResponse() rejects with RequestError. Safe to call twice.
   */
  async close() {
    await call((res, rej) => this.#core.close(res, rej));
  }
}

// ------------------------------------------------------------ AsyncClient

/** An HTTP client (C++ httpxx::AsyncClient). Close it with `await client.close()`. */
export class AsyncClient {
  #core;
  #cookies;

  constructor(options = {}) {
    this.#core = unwrap(core.Client.create(clientOptions(options)));
    this.#cookies = new Cookies(this.#core);
  }

  /** The client's cookie jar: sent with each request, filled from each response. */
  get cookies() { return this.#cookies; }

  /** Client-wide headers, [[name, value], …]; assign pairs (or an object) to replace them. */
  get headers() { return this.#core.headers(); }
  set headers(value) {
    unwrap(this.#core.setHeaders(pairs(value, 'headers') ?? []));
  }

  /** Sends a request; resolves with a Response (body read unless `stream: true`). */
  async request(method, url, options = {}) {
    const { core: opts, signal } = requestOptions(options, await readBlobs(options ?? {}));
    if (!signal) {
      return new Response(await call((res, rej) => this.#core.request(String(method), String(url), given(opts), res, rej)));
    }
    return this.#cancellable(signal, (set) => set.request(String(method), String(url), given(opts)));
  }

  /**
   * The Request request() would send (base URL, merged params and headers,
   * encoded body), to inspect or change before send(). Throws InvalidURL,
   * LocalProtocolError, TypeError. Blobs must be given as bytes here.
   */
  buildRequest(method, url, options = {}) {
    const { core: opts, signal } = requestOptions(options);
    if (signal !== undefined) throw new TypeError("option 'signal' belongs to send(): give it there");
    return new Request(unwrap(this.#core.buildRequest(String(method), String(url), opts)));
  }

  /** Sends a built Request. Options: stream, follow_redirects, timeout, auth, signal. */
  async send(request, options = {}) {
    const handle = requestHandle(request);
    const { core: opts, signal } = sendOptions(options);
    if (!signal) return new Response(await call((res, rej) => this.#core.send(handle, given(opts), res, rej)));
    return this.#cancellable(signal, (set) => set.send(handle, given(opts)));
  }

  /** Runs one request, started by `start(coreParallel)`, that `signal` cancels. */
  async #cancellable(signal, start) {
    signal.throwIfAborted();
    // A one-request Parallel: closing it is how C++ cancels a request.
    const set = unwrap(this.#core.parallel({}));
    let onAbort;
    const aborted = new Promise((resolve, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const id = unwrap(start(set));
      const value = await Promise.race([call((res, rej) => set.pendingResponse(id, res, rej)), aborted]);
      return new Response(value, signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      set.close(noop, noop);
    }
  }
  // get, post, put, patch, delete, head, options: addVerbs() at the end of the file.

  /** A set of parallel requests on this client. Options: max_concurrency (0 or absent: no limit), signal. */
  parallel(options = {}) {
    const { core: opts, signal } = parallelOptions(options);
    signal?.throwIfAborted();
    return new Parallel(unwrap(this.#core.parallel(opts)), signal);
  }

  /** Closes the client: later requests throw ClientClosed, unread streams StreamClosed. */
  async close() {
    await call((res, rej) => this.#core.close(res, rej));
  }
  get isClosed() { return this.#core.isClosed(); }
}

// The HTTP verbs, written once for both kinds that send (as Verbs in the C++
// verbs.hpp): `get(url, options)` is `request('GET', url, options)`.
const verbs = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD', options: 'OPTIONS' };
function addVerbs(cls) {
  for (const [name, method] of Object.entries(verbs)) {
    // Named `name`, and like a class method: writable, configurable, not enumerable.
    const { [name]: fn } = { [name](url, options) { return this.request(method, url, options); } };
    Object.defineProperty(cls.prototype, name, { value: fn, writable: true, configurable: true });
  }
}
addVerbs(Parallel);
addVerbs(AsyncClient);
