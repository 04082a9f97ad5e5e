#pragma once
/// \file
/// Authentication flows: `Auth` and the built-in `BasicAuth`, `DigestAuth`
/// and `FunctionAuth`.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "httpxx/request.hpp"
#include "httpxx/response.hpp"
#include "httpxx/task.hpp"

namespace httpxx {

/// Sends one request of an auth flow through the rest of the client's
/// pipeline (cookies, hooks, redirects, the transport) and returns its
/// response, with its body not read yet. Sending again reads and closes the
/// previous response, which then goes to the final response's `history()`.
using AuthSend = std::function<Task<Response>(Request)>;

/// An authentication scheme, as HTTPX's `Auth`: a flow that sees the
/// request, may change it, sends it, looks at the response, and may send
/// more requests before it returns the response the caller gets.
///
///     class TokenAuth : public httpxx::Auth {
///       httpxx::Task<httpxx::Response> flow(httpxx::Request request,
///                                           const httpxx::AuthSend& send) override {
///         request.headers().set("X-Token", token_);
///         co_return co_await send(std::move(request));
///       }
///     };
///
/// One `Auth` object may serve many requests of a client (it is shared
/// through `std::shared_ptr`); it may keep state between them (as
/// `DigestAuth` keeps its challenge). Flows run on the client's loop
/// thread. An `Error` thrown by a flow gets the request attached.
class Auth {
 public:
  virtual ~Auth() = default;
  /// Runs the flow for `request`. `send` is valid until the returned task
  /// completes; the response returned is normally the last one `send` gave.
  [[nodiscard]] virtual Task<Response> flow(Request request, const AuthSend& send) = 0;
};

/// HTTP Basic authentication (RFC 7617): sets `Authorization: Basic ...`
/// on the request (user and password as UTF-8).
class BasicAuth final : public Auth {
 public:
  /// Credentials for every request this auth is given to.
  BasicAuth(std::string username, std::string password);
  [[nodiscard]] Task<Response> flow(Request request, const AuthSend& send) override;
  /// The header value: "Basic " + base64(username ":" password).
  [[nodiscard]] std::string header_value() const;

 private:
  std::string username_, password_;
};

/// HTTP Digest authentication (RFC 7616, and RFC 2069 without qop).
///
/// The first request goes without credentials (unless an earlier request
/// got a challenge, which is then reused with the next nonce count); a 401
/// with a `WWW-Authenticate: Digest` challenge is answered once. Supports
/// the algorithms HTTPX supports: MD5, SHA (SHA-1), SHA-256 and SHA-512,
/// each also in its `-sess` form (names case-insensitive), and qop `auth`
/// (preferred) and `auth-int`; a challenge with another algorithm (such as
/// RFC 7616's SHA-512-256) or qop is not answered (the 401 is returned).
/// A `stale=true` answer to a reused nonce is retried with the new nonce,
/// as any fresh challenge is.
class DigestAuth : public Auth {
 public:
  /// Credentials used to answer Digest challenges.
  DigestAuth(std::string username, std::string password);
  [[nodiscard]] Task<Response> flow(Request request, const AuthSend& send) override;

 protected:
  /// A fresh client nonce (16 random hex digits). Virtual for tests.
  [[nodiscard]] virtual std::string make_cnonce();

 private:
  struct Challenge {
    std::string realm, nonce, opaque, algorithm, qop;
  };
  bool parse_challenge(const Response& response);
  std::string authorization(const Request& request);

  std::string username_, password_;
  std::optional<Challenge> challenge_;
  std::uint32_t nonce_count_ = 0;
};

/// Auth by a function that changes each request (HTTPX's `FunctionAuth`),
/// for schemes that need no round trip:
/// `std::make_shared<FunctionAuth>([](Request& r) { r.headers().set("X-Key", "k"); })`.
class FunctionAuth final : public Auth {
 public:
  /// Calls `function` on each request before it is sent (each redirect hop too).
  explicit FunctionAuth(std::function<void(Request&)> function);
  [[nodiscard]] Task<Response> flow(Request request, const AuthSend& send) override;

 private:
  std::function<void(Request&)> function_;
};

}  // namespace httpxx
