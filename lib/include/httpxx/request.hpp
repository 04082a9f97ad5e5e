#pragma once
/// \file
/// `Request`: a method, a URL, headers and a body.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "httpxx/headers.hpp"
#include "httpxx/task.hpp"
#include "httpxx/url.hpp"

namespace httpxx {

/// A request body produced piece by piece while it is sent (an upload of
/// unknown or large size), from a function returning the next piece, or
/// nullopt at the end:
///
///     int left = 3;
///     httpxx::ByteSource source([left]() mutable -> httpxx::Task<std::optional<std::string>> {
///       if (left == 0) co_return std::nullopt;
///       --left;
///       co_return std::string(1024, 'x');
///     });
///
/// Without a `length` the body goes out with `Transfer-Encoding: chunked`;
/// with one, with that `Content-Length` (producing another number of bytes
/// is a `LocalProtocolError` natively).
///
/// A source is sent once: a second send of the same request (a 307/308
/// redirect, the retry of a failed attempt, an auth flow answering a 401)
/// throws `StreamConsumed`. The function is kept (and called) by the
/// request that holds the source; whatever it refers to must outlive the
/// send. Its tasks run on the client's loop.
class ByteSource {
 public:
  /// The function that yields the body's next piece (nullopt at the end).
  using Next = std::function<Task<std::optional<std::string>>()>;

  /// `next` must not be empty (else `std::invalid_argument`).
  explicit ByteSource(Next next, std::optional<std::uint64_t> length = std::nullopt);

  /// The declared length, if any.
  [[nodiscard]] const std::optional<std::uint64_t>& length() const noexcept { return length_; }
  /// For transports: starts the one send of this body. Throws
  /// `StreamConsumed` if it was started before.
  void open();
  /// True once a send started.
  [[nodiscard]] bool is_consumed() const noexcept { return opened_; }
  /// The next piece (possibly empty), or nullopt at the end. Throws what the
  /// function throws.
  [[nodiscard]] Task<std::optional<std::string>> next() { return next_(); }

 private:
  Next next_;
  std::optional<std::uint64_t> length_;
  bool opened_ = false;
};

/// An HTTP request, as it will be sent.
///
/// The constructor validates what it is given: the method must be a token
/// (it is upper-cased; else `LocalProtocolError`), and the headers are
/// already free of CR/LF/NUL by construction. Whether the URL's scheme is
/// one a transport speaks is checked when the request is sent
/// (`UnsupportedProtocol`). It adds
/// `Host` from the URL and `Content-Length` for a body (and `0` for POST,
/// PUT and PATCH without one) unless the caller set them.
class Request {
 public:
  /// A request with `content` as its body (empty: none). Throws `LocalProtocolError`
  /// for a method that is not a token.
  Request(std::string_view method, URL url, Headers headers = {}, std::string content = {});
  /// A request whose body is streamed from `body`: adds `Content-Length`
  /// if the source has a length, else `Transfer-Encoding: chunked`, unless
  /// the caller set either.
  Request(std::string_view method, URL url, Headers headers, ByteSource body);

  /// The method, upper case ("GET").
  [[nodiscard]] const std::string& method() const noexcept { return method_; }
  /// The URL it is sent to.
  [[nodiscard]] const URL& url() const noexcept { return url_; }
  /// The headers that are sent (`Host` and `Content-Length` included).
  [[nodiscard]] const Headers& headers() const noexcept { return headers_; }
  /// Mutable headers, for hooks and auth before sending.
  [[nodiscard]] Headers& headers() noexcept { return headers_; }
  /// The body bytes (empty if none).
  [[nodiscard]] const std::string& content() const noexcept { return content_; }
  /// The streamed body, or null. Copies of a request share it (it can be
  /// sent once).
  [[nodiscard]] const std::shared_ptr<ByteSource>& stream() const noexcept { return stream_; }

 private:
  std::string method_;
  URL url_;
  Headers headers_;
  std::string content_;
  std::shared_ptr<ByteSource> stream_;
};

}  // namespace httpxx
