#pragma once
/// \file
/// The transport interface: the one seam between the API (`lib/`) and a
/// platform. A transport sends one request and returns the response head and
/// a pull-based body stream; everything a client *means* (redirects,
/// decoding, streaming rules, parallelism) is built above it.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "httpxx/headers.hpp"
#include "httpxx/request.hpp"
#include "httpxx/task.hpp"
#include "httpxx/timeout.hpp"
#include "httpxx/url.hpp"

namespace httpxx {

/// A response body, pulled chunk by chunk. Nothing is read from the network
/// before `next()` asks for it, which bounds memory for any body size.
///
/// Destroying a stream that was not read to its end or closed must release
/// what it holds at once, without blocking (a native connection is then
/// dropped, a fetch aborted). It must stay safe to destroy after its
/// transport was closed or destroyed.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  /// The next chunk of body bytes, or nullopt at the end. Throws a
  /// `TransportError` subclass on failure.
  [[nodiscard]] virtual Task<std::optional<std::string>> next() = 0;
  /// Stops reading; releases the connection (reusable only if the body was
  /// read to its end). Never throws.
  [[nodiscard]] virtual Task<void> close() = 0;
};

/// What a transport does by itself, so that `lib/` does not do it twice.
struct TransportCapabilities {
  /// The transport follows redirects (the browser's fetch): `lib/` does not,
  /// and reports the final URL the transport gives.
  bool follows_redirects = false;
  /// Bodies arrive already decoded (fetch undoes gzip/br): `raw()` gives
  /// decoded bytes and `Content-Encoding` is not acted upon.
  bool decodes_content = false;
  /// The transport keeps cookies itself (the browser's jar).
  bool manages_cookies = false;
};

/// The head of a response and its body stream, as a transport returns it.
struct TransportResponse {
  /// The status code.
  int status = 0;
  /// The reason phrase as received (may be empty).
  std::string reason{};
  /// The protocol version ("HTTP/1.1", "HTTP/2"); empty when the transport
  /// cannot tell (the Fetch transport in a browser, when resource timing does
  /// not say: docs/platforms.md).
  std::string http_version = "HTTP/1.1";
  /// The header fields as received, repeats kept.
  Headers headers{};
  /// The body; null means an empty body.
  std::unique_ptr<BodyStream> body{};
  /// Set when the transport followed redirects itself: the final URL.
  std::optional<URL> url{};
};

/// The limits of one send's phases: `Timeout` without its `total`, which the
/// client applies around the whole request (redirects and auth included).
struct PhaseTimeouts {
  /// The type of each limit (as `Timeout`'s).
  using Duration = Timeout::Duration;
  /// Connecting (TCP and TLS); nullopt: no limit.
  std::optional<Duration> connect{};
  /// Waiting for each piece of the response; nullopt: no limit.
  std::optional<Duration> read{};
  /// Sending each piece of the request; nullopt: no limit.
  std::optional<Duration> write{};
  /// Waiting for a connection from the pool; nullopt: no limit.
  std::optional<Duration> pool{};

  /// No limit on any phase.
  PhaseTimeouts() = default;
  /// The phase limits of `t` (its `total` is left out).
  explicit PhaseTimeouts(const Timeout& t)
      : connect(t.connect), read(t.read), write(t.write), pool(t.pool) {}
};

/// What the client tells a transport about one send.
struct TransportOptions {
  /// The limits of this send's phases.
  PhaseTimeouts timeout{};
  /// The client will read the body to its end into memory (a buffered
  /// response, not `stream = true`). A transport may then take the body in
  /// one piece before `send` completes (the Fetch transport does, with one
  /// `arrayBuffer()`-like read instead of a round trip per chunk); it must
  /// still honour the read timeout between arriving bytes. Ignoring it is
  /// always correct.
  bool read_whole = false;
  /// The client's `max_decoded_size` (0: no limit). Only a transport that
  /// decodes content itself (`decodes_content`) acts on it: it fails with
  /// `DecodingError` once the decoded body of a response with a
  /// `Content-Encoding` passes it. Otherwise `lib/` applies the limit.
  std::uint64_t max_decoded_size = 0;
  /// The client's `max_read_size` when `read_whole` is set (0: no limit).
  /// A transport that takes a body whole should stop collecting it once it
  /// passes this, and fail with `ResponseTooLarge`; `lib/` checks the size
  /// of what it receives in any case.
  std::uint64_t max_read_size = 0;
};

/// Sends requests. Implementations: the native transport (Asio, llhttp,
/// OpenSSL), the Fetch transport (wasm), `MockTransport`.
///
/// `send` may be called again before earlier sends complete (parallel
/// requests). It takes its arguments by value, so that the task owns what it
/// reads whenever it runs: the request is shared with the response that the
/// client makes of the reply, never copied.
class Transport {
 public:
  virtual ~Transport() = default;
  /// Sends `request` and completes once the response head has arrived (the body is then
  /// pulled from `TransportResponse::body`). Fails with the errors of `errors.hpp`
  /// (`ConnectError`, `ReadTimeout`, `RemoteProtocolError`, …). Destroying the task before it
  /// completes cancels the send.
  [[nodiscard]] virtual Task<TransportResponse> send(std::shared_ptr<const Request> request,
                                                     TransportOptions options) = 0;
  /// Closes every connection; later sends may fail. Never throws.
  [[nodiscard]] virtual Task<void> close() = 0;
  /// What the transport does itself (see `TransportCapabilities`); none by default.
  [[nodiscard]] virtual TransportCapabilities capabilities() const { return {}; }
};

}  // namespace httpxx
