#pragma once
// Settings of the native transport: the connection pool (HTTPX's `Limits`),
// TLS, and the limits of the HTTP/1.1 response reader. Plain values, no
// Asio or OpenSSL types, so that `ClientOptions` can carry the same fields.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "httpxx/limits.hpp"

namespace httpxx::native {

/// The connection pool's limits: the public `httpxx::Limits`.
using Limits = httpxx::Limits;

/// TLS settings for `https` URLs.
struct TlsOptions {
  /// Verify the server's certificate chain and its name (host name or IP
  /// address). `false` accepts any certificate: only for tests.
  bool verify = true;
  /// PEM file of trusted CA certificates; empty means the system's store.
  std::string ca_file;
  /// Directory of hashed CA certificates (`c_rehash`); empty: none.
  std::string ca_dir;
  /// Client certificate (PEM, may hold the chain) and its private key (PEM;
  /// empty means the key is in `cert_file`).
  std::string cert_file;
  std::string key_file;
  /// Password of an encrypted private key.
  std::string key_password;
};

/// Limits of the response reader. Exceeding one is a `RemoteProtocolError`.
struct HttpLimits {
  /// Status line plus header fields of one response head (and, separately,
  /// of the trailers of a chunked body).
  std::uint64_t max_header_bytes = 64 * 1024;
  /// Header fields in one response head (and in its trailers).
  std::size_t max_header_count = 200;
  /// One status line or one header field line.
  std::uint64_t max_line_bytes = 16 * 1024;
  /// 1xx interim responses skipped before the final response.
  int max_interim_responses = 50;
  /// Bytes asked from the socket per read: the most that is read ahead of
  /// what the body consumer asked for.
  std::size_t read_buffer_size = 64 * 1024;
};

/// Which proxy each request goes through (see docs/proxies.md). Proxy URLs
/// are "http://[user:pass@]host[:port]" (port 80 by default); empty means
/// direct. `from_env()` reads the environment as HTTPX and curl do.
struct ProxyOptions {
  /// For http:// URLs: requests go to it in absolute form.
  std::string http;
  /// For https:// URLs: a CONNECT tunnel to the target, TLS inside it.
  std::string https;
  /// Hosts reached directly: a comma list of host names (a name also
  /// matches its subdomains; a leading dot is ignored), "host:port", IP
  /// addresses, or "*" for every host.
  std::string no_proxy;

  /// HTTP_PROXY, HTTPS_PROXY, ALL_PROXY (the fallback of both) and
  /// NO_PROXY; the lower-case name wins over the upper-case one. A value
  /// without a scheme gets "http://".
  [[nodiscard]] static ProxyOptions from_env();
};

/// Retrying failed connection attempts (HTTPX's `HTTPTransport(retries=)`).
struct RetryOptions {
  /// How many times a connection attempt that failed with `ConnectError`
  /// or `ConnectTimeout` is repeated.
  int retries = 0;
  /// Retry n (1, 2, ...) waits `backoff × 2^(n-1)`.
  std::chrono::steady_clock::duration backoff = std::chrono::milliseconds(500);
};

/// Everything `NativeTransport` can be configured with.
struct NativeOptions {
  /// The protocols offered (`ClientOptions::http1` and `http2`).
  bool http1 = true;
  bool http2 = true;
  Limits limits;
  TlsOptions tls;
  HttpLimits http;
  ProxyOptions proxy;
  RetryOptions retry;
};

}  // namespace httpxx::native
