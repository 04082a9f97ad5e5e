#pragma once
/// \file
/// `Response` and `ByteStream`.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "httpxx/cookies.hpp"
#include "httpxx/headers.hpp"
#include "httpxx/json_fwd.hpp"
#include "httpxx/request.hpp"
#include "httpxx/task.hpp"
#include "httpxx/text_stream.hpp"
#include "httpxx/url.hpp"

namespace httpxx {

namespace detail {
struct ResponseState;
struct ResponseFactory;
}  // namespace detail

/// An asynchronous sequence of body chunks: `while (auto c = co_await s.next())`.
/// Holds its response alive.
class ByteStream {
 public:
  /// The next chunk, or nullopt at the end. Throws `StreamClosed` if the
  /// response or its client was closed, transport errors as they happen,
  /// `DecodingError` for a corrupt encoded body.
  [[nodiscard]] Task<std::optional<std::string>> next();

 private:
  friend class Response;
  enum class Kind { decoded, raw, cached };
  ByteStream(std::shared_ptr<detail::ResponseState> state, Kind kind);
  std::shared_ptr<detail::ResponseState> state_;
  Kind kind_;
  bool cached_sent_ = false;
};

/// An HTTP response.
///
/// A `Response` is a handle: copies share one state (one body stream, one
/// cache), as Python objects do. A response from a buffered request (the
/// default) has its body read and its connection released before the client
/// returns it; `content()`/`text()` work at once and keep working after the
/// client is closed. A streamed response (`stream = true`) must be read
/// with `read()`, `stream()` or `raw()`, and should be `close()`d; one that
/// is destroyed unclosed drops its connection.
class Response {
 public:
  /// An empty handle; only assignment and `valid()` may be used.
  Response() = default;

  /// True if this is a response (not an empty, default-constructed handle).
  [[nodiscard]] bool valid() const noexcept { return state_ != nullptr; }
  /// The status code (200, 404, …).
  [[nodiscard]] int status_code() const;
  /// The reason phrase as received ("OK"; the standard phrase if the server sent none).
  [[nodiscard]] const std::string& reason_phrase() const;
  /// "HTTP/1.1", "HTTP/1.0", "HTTP/2", …; empty in a browser that does not say
  /// which protocol it used (a cross-origin server without Timing-Allow-Origin,
  /// docs/platforms.md).
  [[nodiscard]] const std::string& http_version() const;
  /// The response's header fields, as received (repeats kept).
  [[nodiscard]] const Headers& headers() const;
  /// The URL of this response (of the last request of a redirect chain).
  [[nodiscard]] const URL& url() const;
  /// The request that produced this response.
  [[nodiscard]] const Request& request() const;
  /// Time from sending the request until the response was closed (until
  /// now while it is still open).
  [[nodiscard]] std::chrono::nanoseconds elapsed() const;
  /// The redirect responses that led here, oldest first.
  [[nodiscard]] const std::vector<Response>& history() const;
  /// The request a redirect would send next (set when redirects were not
  /// followed and this response is a redirect), else nullopt.
  [[nodiscard]] const std::optional<Request>& next_request() const;

  /// The charset of `Content-Type`, if the server declared one (lower case).
  [[nodiscard]] std::optional<std::string> charset_encoding() const;
  /// The encoding `text()` uses: one set by `set_encoding`, else the
  /// declared charset, else the client's default ("utf-8").
  [[nodiscard]] std::string encoding() const;
  /// Overrides the encoding used by `text()`.
  void set_encoding(std::string encoding);

  /// Status 1xx.
  [[nodiscard]] bool is_informational() const { return status_code() / 100 == 1; }
  /// Status 2xx.
  [[nodiscard]] bool is_success() const { return status_code() / 100 == 2; }
  /// Status 301, 302, 303, 307 or 308 (as HTTPX).
  [[nodiscard]] bool is_redirect() const;
  /// Status 4xx.
  [[nodiscard]] bool is_client_error() const { return status_code() / 100 == 4; }
  /// Status 5xx.
  [[nodiscard]] bool is_server_error() const { return status_code() / 100 == 5; }
  /// Status 400 or above (4xx or 5xx).
  [[nodiscard]] bool is_error() const { return status_code() >= 400; }
  /// A redirect status with a `Location` header.
  [[nodiscard]] bool has_redirect_location() const;
  /// The cookies this response sets (its `Set-Cookie` fields, judged
  /// against its URL as a jar would store them).
  [[nodiscard]] Cookies cookies() const;

  /// The (decoded) body. Throws `ResponseNotRead` until it was read.
  [[nodiscard]] const std::string& content() const;
  /// The body as UTF-8 text, converted from `encoding()` (utf-8, us-ascii,
  /// iso-8859-1/latin-1, windows-1252, utf-16/-le/-be); invalid bytes become
  /// U+FFFD. Throws `ResponseNotRead` until the body was read.
  [[nodiscard]] std::string text() const;
  /// The body parsed as JSON. Throws `ResponseNotRead`, or `DecodingError`
  /// if it is not JSON. Include `<httpxx/json.hpp>` to call it (`Json` is
  /// only declared here).
  [[nodiscard]] Json json() const;
  /// Throws `HTTPStatusError` unless the status is 2xx; returns `*this`.
  const Response& raise_for_status() const;

  /// Reads the rest of the body, caches it for `content()`, closes the
  /// response and returns a view of the content (valid while any copy of
  /// this response lives). Reading again returns the cache. Throws
  /// `StreamConsumed` after `stream()`/`raw()` started, `StreamClosed` after
  /// `close()` or once the client is closed.
  [[nodiscard]] Task<std::string_view> read();
  /// The decoded body, chunk by chunk. After `read()`, yields the cached
  /// content. Throws `StreamConsumed` if already streamed, `StreamClosed`
  /// if closed.
  [[nodiscard]] ByteStream stream();
  /// The body as it came off the wire (still compressed). Throws
  /// `StreamConsumed` if the body was read or streamed already.
  [[nodiscard]] ByteStream raw();
  /// The decoded body as UTF-8 text in pieces, converted from `encoding()`
  /// (as `text()`) incrementally. The same rules as `stream()`.
  [[nodiscard]] TextStream text_stream();
  /// The body's text line by line, without line endings (see `LineStream`).
  /// The same rules as `stream()`.
  [[nodiscard]] LineStream lines();
  /// Releases the body stream and the connection. Safe to call twice.
  [[nodiscard]] Task<void> close();
  /// True once the body was read to its end or the response closed (a failed read closes it).
  [[nodiscard]] bool is_closed() const;
  /// True once reading the body began (`read()`, `stream()`, `raw()`, `text_stream()`, `lines()`).
  [[nodiscard]] bool is_stream_consumed() const;

 private:
  friend struct detail::ResponseFactory;
  explicit Response(std::shared_ptr<detail::ResponseState> state) : state_(std::move(state)) {}
  const detail::ResponseState& checked() const;
  std::shared_ptr<detail::ResponseState> state_;
};

/// The standard reason phrase for a status code ("" if unknown).
[[nodiscard]] std::string_view reason_phrase(int status_code) noexcept;

}  // namespace httpxx
