// TypeScript declarations for the httpxx ES module (platform/wasm/bindings/httpxx.mjs):
// the C++ httpxx::AsyncClient compiled to WebAssembly, over the Fetch API.

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
}

export interface RequestOptions {
  /** Query parameters appended to the URL (they replace the client's of the same name). */
  params?: Pairs;
  headers?: Pairs;
  /** The raw body (a string is sent as UTF-8). At most one of content, data and json. */
  content?: string | Uint8Array | ArrayBuffer | ArrayBufferView;
  /** A body sent as JSON (application/json). */
  json?: unknown;
  /** A form, sent as application/x-www-form-urlencoded. */
  data?: Pairs;
  /** Overrides the client's timeout. */
  timeout?: Timeout;
  /** Resolve as soon as the head arrived; read the body with read()/text()/stream(). */
  stream?: boolean;
  /** Overrides the client's follow_redirects. Alias: followRedirects. */
  follow_redirects?: boolean;
  followRedirects?: boolean;
}

export interface RequestInfo {
  method: string;
  url: string;
}

/** An HTTP response. */
export class Response {
  private constructor();
  readonly status: number;
  readonly reasonPhrase: string;
  /** Always "HTTP/1.1": fetch does not report the protocol version. */
  readonly httpVersion: string;
  /** [[name, value], …] as received, repeats kept. fetch joins repeated fields (except Set-Cookie) with ", ". */
  readonly headers: Array<[string, string]>;
  /** The URL of this response (the last of a redirect chain). */
  readonly url: string;
  readonly request: RequestInfo;
  /** The redirect responses that led here, oldest first. */
  readonly history: Response[];
  /** Milliseconds from sending the request until the response was closed (or now). */
  readonly elapsed: number;
  readonly isClosed: boolean;
  readonly isStreamConsumed: boolean;
  readonly isSuccess: boolean;
  readonly isRedirect: boolean;
  readonly isError: boolean;

  /** A header's value (case-insensitive; repeats joined with ", "), or null. */
  getHeader(name: string): string | null;
  /** Reads the rest of the body once and returns it (decoded: fetch undoes gzip/br). */
  read(): Promise<Uint8Array>;
  bytes(): Promise<Uint8Array>;
  /** The body as text, in the charset of Content-Type (default UTF-8). */
  text(): Promise<string>;
  /** The body parsed as JSON; DecodingError if it is not JSON. */
  json(): Promise<any>;
  /** The body chunk by chunk; leaving a for-await loop early closes the response. StreamConsumed if read already. */
  stream(): AsyncIterableIterator<Uint8Array>;
  /** Releases the body and its connection. */
  close(): Promise<void>;
  /** Throws HTTPStatusError unless the status is 2xx. */
  raiseForStatus(): this;
}

export interface ParallelOptions {
  /** At most this many requests run at once; the others wait in submission order. 0 or absent: no limit. Alias: maxConcurrency. */
  max_concurrency?: number;
  maxConcurrency?: number;
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
   * InvalidURL, TypeError for bad options, Error once closed.
   */
  request(method: string, url: string | URL, options?: RequestOptions): PendingResponse;
  get(url: string | URL, options?: RequestOptions): PendingResponse;
  post(url: string | URL, options?: RequestOptions): PendingResponse;
  put(url: string | URL, options?: RequestOptions): PendingResponse;
  patch(url: string | URL, options?: RequestOptions): PendingResponse;
  delete(url: string | URL, options?: RequestOptions): PendingResponse;
  head(url: string | URL, options?: RequestOptions): PendingResponse;
  options(url: string | URL, options?: RequestOptions): PendingResponse;
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

/** An HTTP client (C++ httpxx::AsyncClient). */
export class AsyncClient {
  constructor(options?: ClientOptions);
  request(method: string, url: string | URL, options?: RequestOptions): Promise<Response>;
  get(url: string | URL, options?: RequestOptions): Promise<Response>;
  post(url: string | URL, options?: RequestOptions): Promise<Response>;
  put(url: string | URL, options?: RequestOptions): Promise<Response>;
  patch(url: string | URL, options?: RequestOptions): Promise<Response>;
  delete(url: string | URL, options?: RequestOptions): Promise<Response>;
  head(url: string | URL, options?: RequestOptions): Promise<Response>;
  options(url: string | URL, options?: RequestOptions): Promise<Response>;
  /** A set of parallel requests on this client. TypeError if max_concurrency is not a non-negative integer. */
  parallel(options?: ParallelOptions): Parallel;
  /** Closes the client: later requests throw ClientClosed, unread streamed responses StreamClosed. */
  close(): Promise<void>;
  readonly isClosed: boolean;
}

/** Root of httpxx's errors. `name` is the C++/HTTPX class name ("ReadTimeout", …). */
export class HttpxxError extends Error {
  /** The request the error belongs to, when there is one. */
  request?: RequestInfo;
}
export class HTTPError extends HttpxxError {}
export class RequestError extends HTTPError {}
export class TransportError extends RequestError {}
export class TimeoutException extends TransportError {}
export class ConnectTimeout extends TimeoutException {}
export class ReadTimeout extends TimeoutException {}
export class WriteTimeout extends TimeoutException {}
export class PoolTimeout extends TimeoutException {}
/** Fetch failures keep the JS message ("fetch failed: connect ECONNREFUSED …"). */
export class NetworkError extends TransportError {}
export class ConnectError extends NetworkError {}
export class ReadError extends NetworkError {}
export class WriteError extends NetworkError {}
export class CloseError extends NetworkError {}
export class ProtocolError extends TransportError {}
/** Also: fetch refused the request as given (e.g. a GET with a body). */
export class LocalProtocolError extends ProtocolError {}
export class RemoteProtocolError extends ProtocolError {}
export class ProxyError extends TransportError {}
export class UnsupportedProtocol extends TransportError {}
export class DecodingError extends RequestError {}
export class TooManyRedirects extends RequestError {}
export class HTTPStatusError extends HTTPError {
  status: number;
  /** Set when thrown by Response.raiseForStatus(). */
  response?: Response;
}
export class InvalidURL extends HttpxxError {}
export class StreamError extends HttpxxError {}
export class StreamConsumed extends StreamError {}
export class StreamClosed extends StreamError {}
export class ResponseNotRead extends StreamError {}
export class RequestNotRead extends StreamError {}
export class ClientClosed extends HttpxxError {}
