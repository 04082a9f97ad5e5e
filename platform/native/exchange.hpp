#pragma once
// `Exchange`: one request and its response on one connection (HTTP/1.1,
// one request at a time), and `ExchangeBody`, the body stream a transport
// response hands to `lib/`.

#include <chrono>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "connection.hpp"
#include "httpxx/task.hpp"
#include "httpxx/transport.hpp"
#include "request_writer.hpp"
#include "response_parser.hpp"

namespace httpxx::native {

class Exchange {
 public:
  using Duration = std::chrono::steady_clock::duration;

  // One per request: recycled memory (see recycling_allocator.hpp).
  static void* operator new(std::size_t size) { return httpxx::detail::allocate_frame(size); }
  static void operator delete(void* p, std::size_t size) noexcept {
    httpxx::detail::deallocate_frame(p, size);
  }

  /// `head_request`: the response has no body whatever its headers say.
  /// `close_after`: the request asked for `Connection: close`.
  Exchange(std::unique_ptr<Connection> connection, const HttpLimits& limits, bool head_request,
           bool close_after);
  ~Exchange();
  Exchange(const Exchange&) = delete;
  Exchange& operator=(const Exchange&) = delete;

  /// Sends the request; a body stream is pulled one piece at a time, each
  /// written (within `timeout`) before the next is asked for. Throws
  /// `WriteTimeout`; for a body stream also `StreamConsumed` (sent before),
  /// `LocalProtocolError` (not the declared length) and what the stream
  /// throws. A `WriteError` is kept for `receive_head` instead: the server
  /// may have answered before reading the whole request, then closed.
  [[nodiscard]] Task<void> send(const WireRequest& request, std::optional<Duration> timeout);
  /// Reads up to the end of the final response head (1xx responses are
  /// skipped). Throws `ReadTimeout`, `ReadError`, `RemoteProtocolError`.
  /// After a write error: a response head that arrives anyway is the
  /// result (its connection is never reused); if none does, throws that
  /// `WriteError`.
  [[nodiscard]] Task<void> receive_head(std::optional<Duration> timeout);
  /// True once a byte of the response has arrived (a failure before that
  /// may be retried on another connection).
  [[nodiscard]] bool response_started() const noexcept { return parser_.started(); }

  /// The head as a transport response; its body stream takes `self` over.
  /// The connection goes back to the pool as soon as the response is
  /// complete, even before its body was handed out.
  [[nodiscard]] static TransportResponse into_response(std::unique_ptr<Exchange> self,
                                                       std::optional<Duration> read_timeout);

  /// The next body bytes, nullopt at the end. Throws `ReadTimeout`,
  /// `ReadError`, `RemoteProtocolError` (truncated or malformed body).
  [[nodiscard]] Task<std::optional<std::string>> next(std::optional<Duration> timeout);
  /// Lets go of the connection: back to the pool if the response was read
  /// to its end and the connection may carry another request, else closed.
  void finish() noexcept;

 private:
  [[nodiscard]] Task<void> send_stream(const WireRequest& request, std::optional<Duration> timeout);
  [[nodiscard]] Task<void> receive_more(std::optional<Duration> timeout);
  void consume(std::string_view data);

  std::unique_ptr<Connection> connection_;
  ResponseParser parser_;
  std::string pending_;  // body bytes read but not handed out yet
  bool clean_ = true;    // nothing arrived after the end of the response
  bool close_after_;
  std::exception_ptr write_error_;  // the request was not sent whole
};

/// The body of a response read from an `Exchange`.
class ExchangeBody final : public BodyStream {
 public:
  static void* operator new(std::size_t size) { return httpxx::detail::allocate_frame(size); }
  static void operator delete(void* p, std::size_t size) noexcept {
    httpxx::detail::deallocate_frame(p, size);
  }
  ExchangeBody(std::unique_ptr<Exchange> exchange, std::optional<Exchange::Duration> read_timeout)
      : exchange_(std::move(exchange)), read_timeout_(read_timeout) {}
  [[nodiscard]] Task<std::optional<std::string>> next() override;
  [[nodiscard]] Task<void> close() override;

 private:
  std::unique_ptr<Exchange> exchange_;
  std::optional<Exchange::Duration> read_timeout_;
};

}  // namespace httpxx::native
