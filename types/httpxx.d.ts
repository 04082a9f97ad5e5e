// TypeScript declarations for the httpxx ES module (platform/wasm/bindings/httpxx.mjs):
// the C++ httpxx::AsyncClient compiled to WebAssembly, over the Fetch API.
// Kept in step with httpxx.mjs by tests/js/bindings_types.test.mjs (exported names and
// option names) and compiled against tests/js/types/api_usage.ts (tsc --strict).
// Needs the DOM (or @types/node) declarations of Blob, FormData, ReadableStream, Headers, AbortSignal.

/** Headers, query parameters or form fields: an object (an array value repeats the name), [name, value] pairs, or an iterable of pairs (Headers, URLSearchParams, Map). */
export type Pairs =
  | Record<string, string | number | boolean | ReadonlyArray<string | number | boolean>>
  | ReadonlyArray<readonly [string, string | number | boolean]>
  | Iterable<readonly [string, string]>;

/**
 * Milliseconds for every phase; `null` for no limit; or per phase (a phase left out keeps the
 * default of 5000 ms, `null` means no limit for it).
 *
 * Fetch does not tell connecting from waiting for the server: until the response head arrives
 * the `read` limit applies (`ReadTimeout`), or `connect` if `read` is null (`ConnectTimeout`);
 * then `read` applies to each body chunk. `write` and `pool` have no effect on this platform.
 */
export type Timeout =
  | number
  | null
  | { connect?: number | null; read?: number | null; write?: number | null; pool?: number | null };

/** Bytes: a Uint8Array, an ArrayBuffer or any typed array. */
export type Bytes = Uint8Array | ArrayBuffer | ArrayBufferView;

/** A request as event hooks and auth functions see it; they may change its headers. */
export interface HookRequest {
  /** The method, upper case ("GET"). */
  readonly method: string;
  /** The full URL the request goes to. */
  readonly url: string;
  /** The request's headers; changes are sent (names come out lower-case). */
  headers: Headers;
}

/** Basic authentication (RFC 7617). */
export class BasicAuth {
  /** Credentials sent with every request this auth is given to (UTF-8). */
  constructor(username: string, password: string);
  /** The user name. */
  readonly username: string;
  /** The password. */
  readonly password: string;
}

/** Digest authentication (RFC 7616: MD5, SHA-256, -sess forms; qop auth and auth-int). */
export class DigestAuth {
  /** Credentials used to answer a server's Digest challenge (a 401). */
  constructor(username: string, password: string);
  /** The user name. */
  readonly username: string;
  /** The password. */
  readonly password: string;
}

/**
 * Authentication: Basic, Digest, `[username, password]` (Basic), or a synchronous function
 * that changes the request's headers and returns the request (C++ FunctionAuth).
 */
export type Auth =
  | BasicAuth
  | DigestAuth
  | readonly [string, string]
  | ((request: HookRequest) => HookRequest | void);

/** Functions called for each request sent on the wire (each redirect hop, each auth request). */
export interface EventHooks {
  /** Run in order before the request is sent; may change its headers; may be async. */
  request?: ReadonlyArray<(request: HookRequest) => void | Promise<void>>;
  /** Run in order once the head arrived, before the body is read; may read it, or throw. */
  response?: ReadonlyArray<(response: Response) => void | Promise<void>>;
}

/** A stored cookie. */
export interface Cookie {
  /** The cookie's name. */
  name: string;
  /** The cookie's value, as received. */
  value: string;
  /** Lower case; empty for a cookie set without a domain (sent to every host). */
  domain: string;
  /** The path it applies to (and below); "/" for every path. */
  path: string;
  /** null for a session cookie. */
  expires: Date | null;
  /** Sent over https only. */
  secure: boolean;
  /** Stored and reported; an HTTP client sends it like any other cookie. */
  httpOnly: boolean;
}

/** Where a cookie applies: `domain`/`path` left out (or empty) match any. */
export interface CookieScope {
  /** Only cookies of this domain (lower case, no leading dot). */
  domain?: string;
  /** Only cookies of this path. */
  path?: string;
}

/**
 * A client's cookie jar (C++ httpxx::Cookies, RFC 6265): `client.cookies`. In browsers fetch
 * keeps cookies in the browser's jar and this one stays unused.
 */
export class Cookies implements Iterable<Cookie> {
  private constructor();
  /** The value of the cookie (the first one if several match), or null. */
  get(name: string, scope?: CookieScope): string | null;
  /** Sets a cookie, replacing one of the same name, domain and path. No domain: every host. */
  set(name: string, value: string, scope?: CookieScope): void;
  /** Removes the matching cookies; returns how many. */
  delete(name: string, scope?: CookieScope): number;
  /** True if a matching cookie is stored. */
  has(name: string, scope?: CookieScope): boolean;
  /** Removes every cookie. */
  clear(): void;
  /** How many cookies are stored. */
  readonly size: number;
  /** `for (const cookie of client.cookies)`: every stored cookie. */
  [Symbol.iterator](): Iterator<Cookie>;
  /** `{ name: value }` of every cookie. */
  toObject(): Record<string, string>;
}

/** Initial cookies of a client: pairs (for every host), cookie objects, or another client's jar. */
export type CookiesInit =
  | Pairs
  | ReadonlyArray<{ name: string; value: string; domain?: string; path?: string }>
  | Cookies;

/** A file of `files`: its content (filename "upload"), a Blob or File, or [filename, content, contentType?]. */
export type FileValue =
  | string
  | Bytes
  | Blob
  | readonly [string | undefined, string | Bytes | Blob]
  | readonly [string | undefined, string | Bytes | Blob, string | undefined];

/** Options of `new AsyncClient(options)` (C++ httpxx::ClientOptions). Each option has its C++ snake_case name and a camelCase alias. */
export interface ClientOptions {
  /** Prefix for relative request URLs (HTTPX rules). Alias: baseUrl. */
  base_url?: string | URL;
  baseUrl?: string | URL;
  /** Sent with every request (request headers of the same name replace them). */
  headers?: Pairs;
  /** Added to every request's query. */
  params?: Pairs;
  /** Default 5000 ms per phase. */
  timeout?: Timeout;
  /** Follow 3xx responses (default false, as HTTPX). In browsers fetch always follows them. Alias: followRedirects. */
  follow_redirects?: boolean;
  followRedirects?: boolean;
  /** Default 20. Alias: maxRedirects. */
  max_redirects?: number;
  maxRedirects?: number;
  /** Encoding of text() when the server declares no charset (default "utf-8"). Alias: defaultEncoding. */
  default_encoding?: string;
  defaultEncoding?: string;
  /**
   * Largest decoded body a response with a Content-Encoding may have, in bytes (DecodingError
   * beyond), buffered or streamed; 32 MiB by default; 0: no limit. Alias: maxDecodedSize.
   */
  max_decoded_size?: number;
  maxDecodedSize?: number;
  /**
   * Largest body a response read whole (a request without `stream`) may have, in bytes
   * (ResponseTooLarge beyond); streaming is never limited by it. 64 MiB by default; 0: no
   * limit. Alias: maxReadSize.
   */
  max_read_size?: number;
  maxReadSize?: number;
  /** The cookies the client's jar starts with. */
  cookies?: CookiesInit;
  /** Authentication for every request (a request's own auth replaces it). */
  auth?: Auth;
  /** Functions called around each request sent. Alias: eventHooks. */
  event_hooks?: EventHooks;
  eventHooks?: EventHooks;
  // C++ options the runtime decides instead: a TypeError unless left at their default.
  /** Not supported: the runtime keeps its own connection pool. */
  limits?: never;
  // TLS: honoured under Node.js (node:https); in a browser a TypeError unless left at the default.
  /** Verify servers' certificates and names (default true); false accepts any: for tests only. */
  verify?: boolean;
  /** A client certificate to present: a PEM file holding it and its key, or the files apart. */
  cert?: string | { cert_file?: string; certFile?: string; key_file?: string; keyFile?: string; password?: string };
  /** A PEM file of CA certificates to trust instead of the runtime's store. Alias: caFile. */
  ca_file?: string;
  caFile?: string;
  /** A directory of CA certificates (c_rehash) to trust instead of the runtime's store. Alias: caDir. */
  ca_dir?: string;
  caDir?: string;
  /** Not supported: the runtime chooses the proxy. */
  proxy?: never;
  /** Only `true`: the runtime chooses the proxy. Alias: trustEnv. */
  trust_env?: true;
  trustEnv?: true;
  /** Only 0: the runtime makes the connections, so connection attempts cannot be retried. */
  retries?: 0;
  /** Not supported: the transport is the runtime's (fetch in browsers, node:http under Node.js). */
  transport?: never;
  /** Only `true`: the runtime chooses the HTTP version (browsers negotiate HTTP/2 by themselves). */
  http1?: true;
  /** Only `true`: the runtime chooses the HTTP version (browsers negotiate HTTP/2 by themselves). */
  http2?: true;
}

/** Options of one request: `client.get(url, options)` and the other request methods (C++ httpxx::RequestOptions). */
export interface RequestOptions {
  /** Query parameters appended to the URL (they replace the client's of the same name). */
  params?: Pairs;
  /** Headers of this request (they replace the client's of the same name). */
  headers?: Pairs;
  /**
   * The body: a string (UTF-8) or bytes; a Blob (its type becomes the Content-Type unless one is
   * set); a FormData (multipart/form-data: its fields, then its files); a ReadableStream or an
   * async iterable of string/byte chunks (streamed upload, sent once: a 307/308 redirect or a
   * Digest challenge cannot resend it). At most one of content, data/files and json.
   */
  content?: string | Bytes | Blob | FormData | ReadableStream<Uint8Array> | AsyncIterable<string | Bytes>;
  /** A body sent as JSON (application/json). */
  json?: unknown;
  /** A form, sent as application/x-www-form-urlencoded (with `files`: multipart fields). */
  data?: Pairs;
  /** Files sent as multipart/form-data, by field name (a name may repeat in the pairs form). */
  files?: Record<string, FileValue> | ReadonlyArray<readonly [string, FileValue]>;
  /** Overrides the client's timeout. */
  timeout?: Timeout;
  /** Resolve as soon as the head arrived; read the body with read()/text()/stream()/lines(). */
  stream?: boolean;
  /** Overrides the client's follow_redirects. Alias: followRedirects. */
  follow_redirects?: boolean;
  followRedirects?: boolean;
  /** Cookies for this request only (not stored in the jar, not resent after a redirect). */
  cookies?: Pairs;
  /** Overrides the client's auth. */
  auth?: Auth;
  /**
   * Cancels the request (the fetch is aborted); it rejects with `signal.reason`. After the head
   * arrived, aborting closes a streamed body. Not for a Parallel's requests: give it to
   * client.parallel({ signal }).
   */
  signal?: AbortSignal;
}

/** Options of send() for a built Request. */
export interface SendOptions {
  /** Resolve as soon as the head arrived (see RequestOptions.stream). */
  stream?: boolean;
  /** Overrides the client's follow_redirects. Alias: followRedirects. */
  follow_redirects?: boolean;
  followRedirects?: boolean;
  /** Overrides the client's timeout. */
  timeout?: Timeout;
  /** Overrides the client's auth. */
  auth?: Auth;
  /** Cancels the send (AsyncClient.send only; a Parallel takes its signal in client.parallel()). */
  signal?: AbortSignal;
}

/** What buildRequest() takes: what is sent. How to send it (stream, follow_redirects, timeout, auth, signal) goes to send(). */
export type BuildOptions = Omit<RequestOptions, 'signal' | 'stream' | 'follow_redirects' | 'followRedirects' | 'timeout' | 'auth'>;

/** A request built by client.buildRequest(), to change and then send(). */
export class Request {
  private constructor();
  /** The method, upper case ("GET"). */
  readonly method: string;
  /** The full URL (base_url and params applied). */
  readonly url: string;
  /** The headers that will be sent; changes made before send() are sent. */
  headers: Headers;
  /** The encoded body (empty for a streamed one). */
  readonly content: Uint8Array;
}

/** The method and URL of a request. */
export interface RequestInfo {
  /** The method, upper case ("GET"). */
  method: string;
  /** The full URL. */
  url: string;
}

/** The request a redirect would send next. */
export interface NextRequest extends RequestInfo {
  /** The headers it would send, [[name, value], …]. */
  headers: Array<[string, string]>;
}

/** An HTTP response. */
export class Response {
  private constructor();
  /** The status code (200, 404, …). */
  readonly status: number;
  /** The reason phrase ("OK"); may be empty. */
  readonly reasonPhrase: string;
  /**
   * "HTTP/1.1", "HTTP/2", …: under Node.js as received; in a browser as its resource timing
   * reports it for the response's origin, and "" when it does not (a cross-origin server that
   * sends no Timing-Allow-Origin; see docs/platforms.md).
   */
  readonly httpVersion: string;
  /** [[name, value], …] as received, repeats kept. fetch joins repeated fields (except Set-Cookie) with ", ". */
  readonly headers: Array<[string, string]>;
  /** The URL of this response (the last of a redirect chain). */
  readonly url: string;
  /** `{ method, url }` of the request this response answers (the last one of a redirect chain). */
  readonly request: RequestInfo;
  /** The redirect responses that led here, oldest first. */
  readonly history: Response[];
  /** The request a redirect would send next, when redirects were not followed; else null. */
  readonly nextRequest: NextRequest | null;
  /** The cookies this response sets (browsers hide Set-Cookie: empty there). */
  readonly cookies: Cookie[];
  /** Milliseconds from sending the request until the response was closed (or now). */
  readonly elapsed: number;
  /** True once the body was read to its end, or the response was closed (a failed read closes it too). */
  readonly isClosed: boolean;
  /** True once reading the body began: read(), stream(), raw(), textStream() or lines(). */
  readonly isStreamConsumed: boolean;
  /** Status 1xx. */
  readonly isInformational: boolean;
  /** Status 2xx. */
  readonly isSuccess: boolean;
  /** Status 301, 302, 303, 307 or 308 (HTTPX's rule). */
  readonly isRedirect: boolean;
  /** Status 4xx. */
  readonly isClientError: boolean;
  /** Status 5xx. */
  readonly isServerError: boolean;
  /** Status 4xx or 5xx. */
  readonly isError: boolean;
  /** A redirect status with a Location header. */
  readonly hasRedirectLocation: boolean;
  /** The charset Content-Type declares (lower case), or null. */
  readonly charsetEncoding: string | null;
  /** The encoding of text()/textStream()/lines(): set here, else the declared charset, else default_encoding. */
  encoding: string;

  /** A header's value (case-insensitive; repeats joined with ", "), or null. */
  getHeader(name: string): string | null;
  /** Reads the rest of the body once and returns it (decoded: fetch undoes gzip/br). */
  read(): Promise<Uint8Array>;
  /** The same as read(). */
  bytes(): Promise<Uint8Array>;
  /** The body as text, in the charset of Content-Type (default UTF-8). */
  text(): Promise<string>;
  /** The body parsed as JSON; DecodingError if it is not JSON. */
  json(): Promise<any>;
  /**
   * The body chunk by chunk; leaving a for-await loop early closes the response. After read(),
   * the cached body. Its first next() rejects with StreamConsumed if the body was streamed
   * already, StreamClosed if the response was closed.
   */
  stream(): AsyncIterableIterator<Uint8Array>;
  /** The body as it came off the wire; fetch has decoded it already, so as stream(). StreamConsumed after read(). */
  raw(): AsyncIterableIterator<Uint8Array>;
  /** The body as text in pieces, decoded incrementally (a character split across chunks comes out whole). */
  textStream(): AsyncIterableIterator<string>;
  /** The body's text line by line, without line endings. */
  lines(): AsyncIterableIterator<string>;
  /** Releases the body and its connection. */
  close(): Promise<void>;
  /** Throws HTTPStatusError unless the status is 2xx. */
  raiseForStatus(): this;
}

/** Options of `client.parallel(options)` (C++ httpxx::ParallelOptions). */
export interface ParallelOptions {
  /** At most this many requests run at once; the others wait in submission order. 0 or absent: no limit. Alias: maxConcurrency. */
  max_concurrency?: number;
  maxConcurrency?: number;
  /** Cancels every request of the set; their getResponse() rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/** A request started by a Parallel (C++ httpxx::PendingResponse). */
export class PendingResponse {
  private constructor();
  /** The request as it was built (client base_url and params applied). */
  readonly request: RequestInfo;
  /** True once the request has finished (successfully or not). */
  readonly done: boolean;
  /**
   * This request's response (body read unless `stream: true`), or its own error. May be awaited
   * again: the same Response object, or the same error. RequestError if Parallel.close() cancelled it.
   */
  getResponse(): Promise<Response>;
}

/**
 * Requests running at the same time on one client (C++ httpxx::Parallel), from `client.parallel()`.
 * Each request starts when it is submitted. Each error belongs to its request: it rejects that
 * request's getResponse() or the nextResponse() returning it; an error no one took rejects close().
 */
export class Parallel {
  private constructor();
  /**
   * Starts a request and returns at once. Throws (nothing started) if it cannot be built:
   * InvalidURL, TypeError for bad options (a Blob in `files` must be read first), Error once closed.
   */
  request(method: string, url: string | URL, options?: RequestOptions): PendingResponse;
  /** `request('GET', url, options)`. */
  get(url: string | URL, options?: RequestOptions): PendingResponse;
  /** `request('POST', url, options)`. */
  post(url: string | URL, options?: RequestOptions): PendingResponse;
  /** `request('PUT', url, options)`. */
  put(url: string | URL, options?: RequestOptions): PendingResponse;
  /** `request('PATCH', url, options)`. */
  patch(url: string | URL, options?: RequestOptions): PendingResponse;
  /** `request('DELETE', url, options)`. */
  delete(url: string | URL, options?: RequestOptions): PendingResponse;
  /** `request('HEAD', url, options)`. */
  head(url: string | URL, options?: RequestOptions): PendingResponse;
  /** `request('OPTIONS', url, options)`. */
  options(url: string | URL, options?: RequestOptions): PendingResponse;
  /** Starts a Request built by client.buildRequest(). */
  send(request: Request, options?: Omit<SendOptions, 'signal'>): PendingResponse;
  /**
   * The next request to finish (completion order) not yet returned by nextResponse() or
   * getResponse(); rejects with its error if it failed, and with an Error if none is left.
   */
  nextResponse(): Promise<Response>;
  /** True while some request has not been returned by nextResponse() or getResponse(). */
  hasPending(): boolean;
  /** Requests not finished yet: running, or waiting for a max_concurrency slot. */
  running(): number;
  /** The responses of the requests not taken yet, in submission order; rejects with the first error once all finished. */
  gather(): Promise<Response[]>;
  /**
   * Cancels what still runs (fetches aborted), then rejects with the first error no one took,
   * if any. Later requests throw. Safe to call twice.
   */
  close(): Promise<void>;
}

/** An HTTP client (C++ httpxx::AsyncClient). Unknown or mistyped options are a TypeError. */
export class AsyncClient {
  /** A client; every option is optional (see ClientOptions). */
  constructor(options?: ClientOptions);
  /** Sends a request and resolves with its response (body read unless `stream: true`). Rejects with an HttpxxError subclass (ConnectError, ReadTimeout, …); a 4xx or 5xx status is a response, not an error (see Response.raiseForStatus()). */
  request(method: string, url: string | URL, options?: RequestOptions): Promise<Response>;
  /** `request('GET', url, options)`. */
  get(url: string | URL, options?: RequestOptions): Promise<Response>;
  /** `request('POST', url, options)`. */
  post(url: string | URL, options?: RequestOptions): Promise<Response>;
  /** `request('PUT', url, options)`. */
  put(url: string | URL, options?: RequestOptions): Promise<Response>;
  /** `request('PATCH', url, options)`. */
  patch(url: string | URL, options?: RequestOptions): Promise<Response>;
  /** `request('DELETE', url, options)`. */
  delete(url: string | URL, options?: RequestOptions): Promise<Response>;
  /** `request('HEAD', url, options)`. */
  head(url: string | URL, options?: RequestOptions): Promise<Response>;
  /** `request('OPTIONS', url, options)`. */
  options(url: string | URL, options?: RequestOptions): Promise<Response>;
  /**
   * The Request request() would send (base URL, merged params and headers, encoded body), to
   * inspect or change before send(). Blobs must be given as bytes here; no signal (give it to send()).
   */
  buildRequest(method: string, url: string | URL, options?: BuildOptions): Request;
  /** Sends a built Request. */
  send(request: Request, options?: SendOptions): Promise<Response>;
  /** Client-wide headers (snapshot); assign to replace them. */
  get headers(): Array<[string, string]>;
  set headers(value: Pairs);
  /** A set of parallel requests on this client. TypeError if max_concurrency is not a non-negative integer. */
  parallel(options?: ParallelOptions): Parallel;
  /** The client's cookie jar. */
  readonly cookies: Cookies;
  /** Closes the client: later requests throw ClientClosed, unread streamed responses StreamClosed. */
  close(): Promise<void>;
  /** True once close() has been called. */
  readonly isClosed: boolean;
}

/** Root of httpxx's errors. `name` is the C++/HTTPX class name ("ReadTimeout", …). */
export class HttpxxError extends Error {
  /** The request the error belongs to, when there is one. */
  request?: RequestInfo;
}
/** Any error of a request or of its response's status. */
export class HTTPError extends HttpxxError {}
/** Any error while sending a request and receiving its response. */
export class RequestError extends HTTPError {}
/** An error of the transport (fetch, node:http). */
export class TransportError extends RequestError {}
/** A timeout: one of the four below. */
export class TimeoutException extends TransportError {}
/** Connecting took longer than the `connect` timeout (only when `read` is null: see Timeout). */
export class ConnectTimeout extends TimeoutException {}
/** No response bytes arrived within the `read` timeout (before the head, too: see Timeout). */
export class ReadTimeout extends TimeoutException {}
/** Sending the request stalled (not raised by this platform: `write` has no effect). */
export class WriteTimeout extends TimeoutException {}
/** No free connection in the pool (not raised by this platform: `pool` has no effect). */
export class PoolTimeout extends TimeoutException {}
/**
 * Fetch failures keep the JS message and undici's cause ("fetch failed: connect ECONNREFUSED …").
 * Under Node.js the class follows the cause as natively: refused or DNS → ConnectError, reset →
 * ReadError, malformed response → RemoteProtocolError, corrupt gzip/br → DecodingError. Browsers
 * say nothing: ConnectError before the response head, ReadError after it.
 */
export class NetworkError extends TransportError {}
/** No connection could be made (refused, DNS failure, TLS failure; in browsers also a CORS refusal, which fetch does not tell apart). */
export class ConnectError extends NetworkError {}
/** Receiving the response failed (connection reset or closed before the end). */
export class ReadError extends NetworkError {}
/** Sending the request failed. */
export class WriteError extends NetworkError {}
/** Closing a connection failed (in HTTPX's hierarchy; not raised by this module). */
export class CloseError extends NetworkError {}
/** HTTP was broken, by the request (LocalProtocolError) or the server (RemoteProtocolError). */
export class ProtocolError extends TransportError {}
/** Also: fetch refused the request as given (e.g. a GET with a body). */
export class LocalProtocolError extends ProtocolError {}
/** The server broke HTTP (malformed response). */
export class RemoteProtocolError extends ProtocolError {}
/** A proxy failed the request (in HTTPX's hierarchy; the runtime chooses proxies here). */
export class ProxyError extends TransportError {}
/** The URL's scheme is not http or https. */
export class UnsupportedProtocol extends TransportError {}
/** The body could not be decoded (corrupt gzip/br, over max_decoded_size), or json() met text that is not JSON. */
export class DecodingError extends RequestError {}
/** A body read whole (a request without `stream`) passed `max_read_size`. */
export class ResponseTooLarge extends RequestError {}
/** Redirects went past max_redirects. */
export class TooManyRedirects extends RequestError {}
/** Thrown by Response.raiseForStatus() for a status that is not 2xx. */
export class HTTPStatusError extends HTTPError {
  /** The status code of the response that was not 2xx. */
  status: number;
  /** Set when thrown by Response.raiseForStatus(). */
  response?: Response;
}
/** The URL is not valid (syntax, forbidden characters). */
export class InvalidURL extends HttpxxError {}
/** Misuse of a response body stream. */
export class StreamError extends HttpxxError {}
/** The body was already consumed by stream()/raw()/textStream()/lines(). */
export class StreamConsumed extends StreamError {}
/** The response (or its client) was closed before the body was read. */
export class StreamClosed extends StreamError {}
/** The body was needed but not read yet. */
export class ResponseNotRead extends StreamError {}
/** The request body is a stream that was not read. */
export class RequestNotRead extends StreamError {}
/** A request was sent on a client after close(). */
export class ClientClosed extends HttpxxError {}
/**
 * A C++ exception that is not one of httpxx's errors reached JS (a bug, or an exception of a
 * library below httpxx); the message names its C++ type ("std::length_error: …").
 */
export class InternalError extends HttpxxError {}
/** Memory ran out: the WebAssembly heap could not grow (C++ `std::bad_alloc`). */
export class OutOfMemoryError extends InternalError {}
