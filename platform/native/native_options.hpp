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

/// Everything `NativeTransport` can be configured with.
struct NativeOptions {
  Limits limits;
  TlsOptions tls;
  HttpLimits http;
};

}  // namespace httpxx::native
