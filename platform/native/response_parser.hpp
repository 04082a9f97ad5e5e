#pragma once
// The HTTP/1.x response reader: bytes in, a response head and body bytes
// out, on llhttp. No sockets here: the parser is fed what the connection
// read, so it is testable with byte strings.
//
// What it enforces beyond llhttp (each a RemoteProtocolError):
// - limits on the head: total bytes, number of fields, length of one line
//   (the same limits, counted afresh, apply to the trailers);
// - at most `max_interim_responses` 1xx responses, which are skipped;
//   101 Switching Protocols is refused (no upgrade was asked for);
// - HTTP/1.0 and HTTP/1.1 only;
// - Transfer-Encoding, if present, must be exactly "chunked" (as h11 does):
//   other codings would need read-until-close framing with an unknown body
//   coding, and "chunked" twice or not last is a request-smuggling smell.
// Bodies: none for HEAD, 1xx, 204 and 304 (whatever their headers say);
// chunked; Content-Length; otherwise until the connection closes. A 2xx
// answer to CONNECT ends with its head (RFC 9110 section 9.3.6: its
// Content-Length and Transfer-Encoding are ignored): what follows is the
// tunnel's, not the response's.
// Trailers of a chunked body are checked against the limits and dropped:
// the head has been handed to the caller by the time they arrive.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "httpxx/headers.hpp"
#include "native_options.hpp"

namespace httpxx::native {

/// The request a response answers, which decides whether it has a body.
enum class ReplyTo { request, head, connect };

class ResponseParser {
 public:
  ResponseParser(const HttpLimits& limits, ReplyTo reply_to);
  /// A parser for a response to HEAD (`head_request`) or to another
  /// request that is not CONNECT.
  ResponseParser(const HttpLimits& limits, bool head_request)
      : ResponseParser(limits, head_request ? ReplyTo::head : ReplyTo::request) {}
  ~ResponseParser();
  ResponseParser(const ResponseParser&) = delete;
  ResponseParser& operator=(const ResponseParser&) = delete;

  /// Parses `data`, appending body bytes to `body`. Returns the bytes
  /// consumed: all of `data`, except once the final response is complete,
  /// when the rest does not belong to it. Throws `RemoteProtocolError`.
  std::size_t feed(std::string_view data, std::string& body);
  /// The peer closed the connection: ends a body read until close, or
  /// throws `RemoteProtocolError` if the response is incomplete.
  void finish(std::string& body);

  /// A byte of a response arrived.
  [[nodiscard]] bool started() const noexcept;
  /// The final (non-1xx) response head is complete.
  [[nodiscard]] bool head_complete() const noexcept;
  /// The final response is complete, body included.
  [[nodiscard]] bool complete() const noexcept;
  /// Once complete: the connection may carry another request (HTTP/1.1
  /// without `Connection: close`, or HTTP/1.0 with `Connection: keep-alive`,
  /// and a body that did not end at connection close).
  [[nodiscard]] bool keep_alive() const noexcept;

  [[nodiscard]] int status() const noexcept;
  [[nodiscard]] const std::string& reason() const noexcept;
  /// "HTTP/1.1" or "HTTP/1.0".
  [[nodiscard]] std::string http_version() const;
  /// The head's fields; call once, after `head_complete()`.
  [[nodiscard]] Headers take_headers();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace httpxx::native
