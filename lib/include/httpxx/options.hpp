#pragma once
/// \file
/// Options of a request (`RequestOptions`) and of a client (`ClientOptions`).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "httpxx/headers.hpp"
#include "httpxx/json.hpp"
#include "httpxx/limits.hpp"
#include "httpxx/timeout.hpp"
#include "httpxx/url.hpp"

namespace httpxx {

class Transport;

/// Per-request options, as designated initialisers:
/// `client.get(url, {.params = {{"q", "x"}}, .timeout = 2s})`.
/// At most one of `content`, `data` and `json` may be set.
struct RequestOptions {
  /// Query parameters appended to the URL (after the client's).
  QueryParams params{};
  /// Headers; they replace the client's headers of the same name.
  Headers headers{};
  /// Raw body bytes.
  std::optional<std::string> content{};
  /// A form, sent as `application/x-www-form-urlencoded`.
  std::optional<QueryParams> data{};
  /// A JSON body, sent as `application/json`.
  std::optional<Json> json{};
  /// Overrides the client's timeout.
  std::optional<Timeout> timeout{};
  /// Return as soon as the head arrived; read the body with
  /// `read()`/`stream()`/`raw()`.
  bool stream = false;
  /// Overrides the client's `follow_redirects`.
  std::optional<bool> follow_redirects{};
};

/// Options for `Client::send` / `AsyncClient::send` of a built `Request`.
struct SendOptions {
  bool stream = false;
  std::optional<bool> follow_redirects{};
  std::optional<Timeout> timeout{};
};

/// Client-wide settings.
struct ClientOptions {
  /// Prefix for relative request URLs (HTTPX semantics: the base path gets a
  /// trailing '/', the request path is appended to it).
  URL base_url{};
  /// Sent with every request (merged under the request's headers).
  Headers headers{};
  /// Added to every request's query.
  QueryParams params{};
  Timeout timeout{};
  /// Follow 3xx responses (off by default, as in HTTPX).
  bool follow_redirects = false;
  int max_redirects = 20;
  /// Encoding for `text()` when the server declares no charset.
  std::string default_encoding = "utf-8";
  /// The connection pool's limits (native; the browser has its own pool).
  Limits limits{};
  /// Verify servers' TLS certificates and names. `false` accepts any
  /// certificate: for tests only. (Native; in the browser it is always on.)
  bool verify = true;
  /// PEM file of CA certificates to trust instead of the system's store.
  /// (This and `ca_dir`, `cert`: a file that cannot be loaded throws
  /// `std::invalid_argument` from the client's constructor.)
  std::string ca_file{};
  /// Directory of hashed CA certificates (`c_rehash`) to trust.
  std::string ca_dir{};
  /// A TLS client certificate to present.
  std::optional<ClientCert> cert{};
  /// Largest decoded body a response may produce (stops decompression
  /// bombs); `DecodingError` beyond it. 0 means no limit.
  std::uint64_t max_decoded_size = 0;
  /// The transport; null means the platform's (sockets natively, fetch in
  /// the browser).
  std::shared_ptr<Transport> transport{};
};

}  // namespace httpxx
