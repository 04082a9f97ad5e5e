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
// Options use HTTPX's names (base_url, follow_redirects); the camelCase
// spellings (baseUrl, followRedirects) are accepted too. Timeouts are in
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

const errorClasses = {
  HTTPError, RequestError, TransportError, TimeoutException, ConnectTimeout, ReadTimeout,
  WriteTimeout, PoolTimeout, NetworkError, ConnectError, ReadError, WriteError, CloseError,
  ProtocolError, LocalProtocolError, RemoteProtocolError, ProxyError, UnsupportedProtocol,
  DecodingError, TooManyRedirects, HTTPStatusError, InvalidURL, StreamError, StreamConsumed,
  StreamClosed, ResponseNotRead, RequestNotRead, ClientClosed,
};

/** An error value from C++ ({ httpxxError, name, message, request?, status? }) as an Error. */
function toError(value) {
  if (!value || value.httpxxError !== true) return value;
  const Class = errorClasses[value.name] ?? HttpxxError;
  const error = new Class(value.message, value);
  if (Class === HttpxxError) error.name = value.name;
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

/** Headers, params or form data as [[name, value], …]: objects (array values repeat a name), arrays of pairs, or iterables of pairs (Headers, URLSearchParams, Map). */
function pairs(value, what) {
  if (value === undefined || value === null) return undefined;
  const out = [];
  if (typeof value !== 'object') throw new TypeError(`${what} must be an object or [name, value] pairs`);
  const entries = Array.isArray(value) || typeof value[Symbol.iterator] === 'function'
    ? value : Object.entries(value);
  for (const [name, v] of entries) {
    for (const one of Array.isArray(v) && !Array.isArray(value) ? v : [v]) out.push([String(name), String(one)]);
  }
  return out;
}

function timeout(value) {
  if (value === undefined || value === null) return value;
  if (typeof value === 'number') return { connect: value, read: value, write: value, pool: value };
  if (typeof value === 'object') {
    const t = {};
    for (const phase of ['connect', 'read', 'write', 'pool']) if (phase in value) t[phase] = value[phase];
    return t;
  }
  throw new TypeError('timeout must be milliseconds, null (no limit) or { connect, read, write, pool }');
}

function bytes(content) {
  if (content === undefined || content === null) return undefined;
  if (typeof content === 'string') return new TextEncoder().encode(content);
  if (content instanceof Uint8Array) return content;
  if (content instanceof ArrayBuffer) return new Uint8Array(content);
  if (ArrayBuffer.isView(content)) return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  throw new TypeError('content must be a string, a Uint8Array, an ArrayBuffer or a typed array');
}

const pick = (o, snake, camel) => (o[snake] !== undefined ? o[snake] : o[camel]);

function requestOptions(o = {}) {
  return {
    params: pairs(o.params, 'params'),
    headers: pairs(o.headers, 'headers'),
    content: bytes(o.content),
    json: o.json === undefined ? undefined : JSON.stringify(o.json),
    data: pairs(o.data, 'data'),
    timeout: timeout(o.timeout),
    stream: !!o.stream,
    followRedirects: pick(o, 'follow_redirects', 'followRedirects'),
  };
}

function clientOptions(o = {}) {
  const baseUrl = pick(o, 'base_url', 'baseUrl');
  return {
    baseUrl: baseUrl === undefined || baseUrl === null ? undefined : String(baseUrl),
    headers: pairs(o.headers, 'headers'),
    params: pairs(o.params, 'params'),
    timeout: timeout(o.timeout),
    followRedirects: pick(o, 'follow_redirects', 'followRedirects'),
    maxRedirects: pick(o, 'max_redirects', 'maxRedirects'),
    defaultEncoding: pick(o, 'default_encoding', 'defaultEncoding'),
  };
}

function parallelOptions(o = {}) {
  const n = pick(o, 'max_concurrency', 'maxConcurrency');
  if (n !== undefined && n !== null && !(Number.isInteger(n) && n >= 0 && n <= 0xffffffff)) {
    throw new TypeError('max_concurrency must be a non-negative integer (0: no limit)');
  }
  return { maxConcurrency: n };
}

// -------------------------------------------------------------- Response

/** An HTTP response. Buffered (the default) or streamed (`stream: true`). */
export class Response {
  #core;
  #reading = null;
  #reads = Promise.resolve();

  /** @internal */
  constructor(handle) {
    this.#core = handle;
    this.status = handle.status();
    this.reasonPhrase = handle.reasonPhrase();
    this.httpVersion = handle.httpVersion();
    /** [[name, value], …] as received (names as the server spelt them, repeats kept). */
    this.headers = handle.headers();
    this.url = handle.url();
    this.request = { method: handle.method(), url: this.url };
  }

  /** The value of a header (case-insensitive; repeats joined with ", "), or null. */
  getHeader(name) {
    const lower = String(name).toLowerCase();
    const values = this.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
    return values.length ? values.join(', ') : null;
  }

  get isSuccess() { return this.status >= 200 && this.status < 300; }
  get isRedirect() { return [301, 302, 303, 307, 308].includes(this.status); }
  get isError() { return this.status >= 400; }
  /** Milliseconds from sending the request until the response was closed (or now). */
  get elapsed() { return this.#core.elapsedMs(); }
  get isClosed() { return this.#core.isClosed(); }
  get isStreamConsumed() { return this.#core.isStreamConsumed(); }
  /** The redirect responses that led here, oldest first. */
  get history() { return this.#core.history().map((h) => new Response(h)); }

  /** Reads the rest of the body (once; later calls return the same bytes). */
  async read() {
    this.#reading ??= call((res, rej) => this.#core.read(res, rej));
    await this.#reading;
    return unwrap(this.#core.bytes());
  }
  async bytes() { return this.read(); }
  /** The body as text, decoded with the charset of Content-Type (default UTF-8). */
  async text() {
    await this.read();
    return unwrap(this.#core.text());
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
   * The body chunk by chunk, as Uint8Arrays: `for await (const chunk of r.stream())`.
   * Leaving the loop early closes the response.
   */
  stream() {
    const next = () => {
      const chunk = this.#reads.then(() => call((res, rej) => this.#core.next(res, rej)));
      this.#reads = chunk.catch(() => {});
      return chunk.then((value) => (value === null ? { done: true, value: undefined } : { done: false, value }));
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

  /** Releases the body and its connection. Safe to call twice. */
  async close() {
    await call((res, rej) => this.#core.close(res, rej));
  }

  /** Throws HTTPStatusError (with `.response`) unless the status is 2xx; else returns this. */
  raiseForStatus() {
    const error = this.#core.statusError();
    if (error === null) return this;
    const e = toError(error);
    e.response = this;
    throw e;
  }
}

// --------------------------------------------------------------- Parallel

/** A request started by a Parallel; its response is awaited with getResponse(). */
export class PendingResponse {
  #core;
  #response = null;

  /** @internal */
  constructor(handle) {
    this.#core = handle;
    /** `{ method, url }` of the request as it was built. */
    this.request = { method: handle.method(), url: handle.url() };
  }

  /**
   * This request's Response, or its error (never another request's). May be
   * awaited again: the same Response object, or the same error, each time.
   */
  getResponse() {
    this.#response ??= call((res, rej) => this.#core.getResponse(res, rej)).then((h) => new Response(h));
    return this.#response;
  }
  /** True once the request has finished (successfully or not). */
  get done() { return this.#core.done(); }
}

/**
 * Requests running at the same time on one client (C++ httpxx::Parallel), from
 * `client.parallel()`. Each error belongs to its request: it rejects that
 * request's getResponse() or the nextResponse() returning it, never another's;
 * an error no one took rejects close().
 */
export class Parallel {
  #core;

  /** @internal */
  constructor(handle) {
    this.#core = handle;
  }

  /**
   * Starts a request now and returns its PendingResponse. Throws at once
   * (nothing started) if the request cannot be built: InvalidURL, TypeError
   * for bad options, Error once closed.
   */
  request(method, url, options = {}) {
    const opts = requestOptions(options);
    return new PendingResponse(unwrap(this.#core.request(String(method), String(url), opts)));
  }
  get(url, options) { return this.request('GET', url, options); }
  post(url, options) { return this.request('POST', url, options); }
  put(url, options) { return this.request('PUT', url, options); }
  patch(url, options) { return this.request('PATCH', url, options); }
  delete(url, options) { return this.request('DELETE', url, options); }
  head(url, options) { return this.request('HEAD', url, options); }
  options(url, options) { return this.request('OPTIONS', url, options); }

  /**
   * The next request to finish (completion order) that no nextResponse() or
   * getResponse() returned yet; rejects with its error if it failed, and with
   * an Error if none is left (see hasPending()).
   */
  async nextResponse() {
    return new Response(await call((res, rej) => this.#core.nextResponse(res, rej)));
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
    const handles = await call((res, rej) => this.#core.gather(res, rej));
    return handles.map((h) => new Response(h));
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

  constructor(options = {}) {
    this.#core = unwrap(core.Client.create(clientOptions(options)));
  }

  /** Sends a request; resolves with a Response (body read unless `stream: true`). */
  async request(method, url, options = {}) {
    const opts = requestOptions(options);
    const handle = await call((res, rej) => this.#core.request(String(method), String(url), opts, res, rej));
    return new Response(handle);
  }
  get(url, options) { return this.request('GET', url, options); }
  post(url, options) { return this.request('POST', url, options); }
  put(url, options) { return this.request('PUT', url, options); }
  patch(url, options) { return this.request('PATCH', url, options); }
  delete(url, options) { return this.request('DELETE', url, options); }
  head(url, options) { return this.request('HEAD', url, options); }
  options(url, options) { return this.request('OPTIONS', url, options); }

  /** A set of parallel requests on this client. Options: max_concurrency (alias maxConcurrency; 0 or absent: no limit). */
  parallel(options = {}) {
    return new Parallel(unwrap(this.#core.parallel(parallelOptions(options))));
  }

  /** Closes the client: later requests throw ClientClosed, unread streams StreamClosed. */
  async close() {
    await call((res, rej) => this.#core.close(res, rej));
  }
  get isClosed() { return this.#core.isClosed(); }
}
