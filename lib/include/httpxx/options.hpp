#pragma once
/// \file
/// Options of a request (`RequestOptions`) and of a client (`ClientOptions`).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "httpxx/cookies.hpp"
#include "httpxx/headers.hpp"
#include "httpxx/hooks.hpp"
#include "httpxx/json_body.hpp"
#include "httpxx/limits.hpp"
#include "httpxx/multipart.hpp"
#include "httpxx/request.hpp"
#include "httpxx/timeout.hpp"
#include "httpxx/url.hpp"

namespace httpxx {

class Transport;
class Auth;

/// Per-request options, as designated initialisers:
/// `client.get(url, {.params = {{"q", "x"}}, .timeout = 2s})`.
/// At most one of `content`, `content_stream`, `data` (with or without
/// `files`) and `json` may be set.
struct RequestOptions {
  /// Query parameters appended to the URL (after the client's).
  QueryParams params{};
  /// Headers; they replace the client's headers of the same name.
  Headers headers{};
  /// Raw body bytes.
  std::optional<std::string> content{};
  /// A form, sent as `application/x-www-form-urlencoded`.
  std::optional<QueryParams> data{};
  /// A JSON body, sent as `application/json`: `.json = Json{...}` with
  /// `<httpxx/json.hpp>` included.
  std::optional<JsonBody> json{};
  /// Files, sent as `multipart/form-data` (with the fields of `data`
  /// before them). A Content-Type header of `multipart/form-data;
  /// boundary=...` chooses the boundary; else a random one is used.
  Files files{};
  /// A body streamed while it is sent (see `ByteSource`): chunked, or with
  /// the source's length. It cannot be sent twice.
  std::optional<ByteSource> content_stream{};
  /// Overrides the client's timeout.
  std::optional<Timeout> timeout{};
  /// Return as soon as the head arrived; read the body with
  /// `read()`/`stream()`/`raw()`.
  bool stream = false;
  /// Overrides the client's `follow_redirects`.
  std::optional<bool> follow_redirects{};
  /// Cookies for this request only: sent with it (over the jar's cookies of
  /// the same name), not stored in the client's jar, not sent again after
  /// a redirect.
  Cookies cookies{};
  /// Overrides the client's `auth` (see `auth.hpp`).
  std::shared_ptr<Auth> auth{};
};

/// Options for `Client::send` / `AsyncClient::send` of a built `Request`.
struct SendOptions {
  /// Return as soon as the head arrived (see `RequestOptions::stream`).
  bool stream = false;
  /// Overrides the client's `follow_redirects`.
  std::optional<bool> follow_redirects{};
  /// Overrides the client's `timeout`.
  std::optional<Timeout> timeout{};
  /// Overrides the client's `auth`.
  std::shared_ptr<Auth> auth{};
};

/// The default `ClientOptions::max_decoded_size`: 32 MiB.
inline constexpr std::uint64_t kDefaultMaxDecodedSize = 32ull * 1024 * 1024;
/// The default `ClientOptions::max_read_size`: 64 MiB.
inline constexpr std::uint64_t kDefaultMaxReadSize = 64ull * 1024 * 1024;

/// Client-wide settings.
struct ClientOptions {
  /// Prefix for relative request URLs (HTTPX semantics: the base path gets a
  /// trailing '/', the request path is appended to it).
  URL base_url{};
  /// Sent with every request (merged under the request's headers).
  Headers headers{};
  /// Added to every request's query.
  QueryParams params{};
  /// Limits of each phase of a request (5 s each by default; see `Timeout`).
  Timeout timeout{};
  /// Follow 3xx responses (off by default, as in HTTPX).
  bool follow_redirects = false;
  /// Redirects followed at most, per request (`TooManyRedirects` beyond).
  int max_redirects = 20;
  /// Encoding for `text()` when the server declares no charset.
  std::string default_encoding = "utf-8";
  /// The connection pool's limits. (Native. In WebAssembly the runtime has
  /// its own pool, and the client's constructor throws
  /// `std::invalid_argument` for limits other than the default; so do
  /// `proxy`, `trust_env = false`, `retries` and, in a browser, the TLS
  /// settings below: see docs/platforms.md.)
  Limits limits{};
  /// Verify servers' TLS certificates and names. `false` accepts any
  /// certificate: for tests only. (Native and Node.js; browsers always
  /// verify.)
  bool verify = true;
  /// PEM file of CA certificates to trust instead of the system's store.
  /// (This and `ca_dir`, `cert`: a file that cannot be loaded throws
  /// `std::invalid_argument` from the client's constructor.)
  std::string ca_file{};
  /// Directory of hashed CA certificates (`c_rehash`) to trust.
  std::string ca_dir{};
  /// A TLS client certificate to present.
  std::optional<ClientCert> cert{};
  /// Largest decoded body a response with a `Content-Encoding` may produce,
  /// buffered or streamed (stops decompression bombs: a few KiB on the wire
  /// can inflate to gigabytes); `DecodingError` naming this option beyond
  /// it. 32 MiB by default (see docs/clients.md); 0 means no limit, as in
  /// HTTPX. Bodies without a `Content-Encoding` are not counted.
  std::uint64_t max_decoded_size = kDefaultMaxDecodedSize;
  /// Largest body `read()` buffers in memory (after decoding), and so any
  /// request sent without `stream = true`; beyond it `read()` throws
  /// `ResponseTooLarge` naming this option. 64 MiB by default; 0 means no
  /// limit, as in HTTPX.
  /// Streaming (`stream()`, `raw()`, `text_stream()`, `lines()`) is never
  /// limited by it.
  std::uint64_t max_read_size = kDefaultMaxReadSize;
  /// The transport; null means the platform's (sockets natively, fetch in
  /// the browser).
  std::shared_ptr<Transport> transport{};
  /// Cookies the client's jar starts with (see `cookies.hpp`).
  Cookies cookies{};
  /// Authentication for every request (`BasicAuth`, `DigestAuth`, ... in
  /// `auth.hpp`); a request's own `auth` replaces it. Without either, a URL
  /// with user info (`http://user:pass@host/`) uses Basic auth.
  std::shared_ptr<Auth> auth{};
  /// Functions called around each request sent (see `hooks.hpp`).
  EventHooks event_hooks{};
  /// A proxy for every request, "http://[user:pass@]host:port" (see
  /// docs/proxies.md): http URLs are sent to it in absolute form, https URLs
  /// through a CONNECT tunnel. Userinfo becomes `Proxy-Authorization: Basic`.
  /// A malformed proxy URL or one not `http://` throws
  /// `std::invalid_argument` from the client's constructor. (Native; in the
  /// browser and Node.js the runtime chooses the proxy.)
  std::optional<std::string> proxy{};
  /// Without `proxy`: take proxies from HTTP_PROXY, HTTPS_PROXY, ALL_PROXY
  /// and NO_PROXY (and their lower-case forms), read when the client is made.
  bool trust_env = true;
  /// Connection attempts repeated after a `ConnectError` or `ConnectTimeout`
  /// (exponential backoff; see docs/retries.md). Never once a byte of the
  /// request was sent. (Native.)
  int retries = 0;
  /// Offer HTTP/1.1 (HTTPX's name). With `http2` too, an https server picks
  /// one of the two in the TLS handshake (ALPN); with `http2` alone, https
  /// requires HTTP/2 and http:// speaks HTTP/2 with prior knowledge (h2c).
  /// Both false throws `std::invalid_argument` from the client's
  /// constructor. (In browsers and Node.js only the default is accepted.)
  bool http1 = true;
  /// Offer HTTP/2 on https (ALPN "h2"). On by default, as in curl and the
  /// browsers (HTTPX's default is off); requests to one origin then share
  /// one connection, up to the server's limit of concurrent streams (see
  /// docs/http2.md). (Native; browsers negotiate HTTP/2 by themselves.)
  bool http2 = true;
};

}  // namespace httpxx
