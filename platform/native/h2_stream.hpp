#pragma once
// `H2Stream`: one request and its response on an `H2Session`, filled by the
// session's nghttp2 callbacks and read by the request's coroutines; and
// `H2Body`, the response body stream a transport response hands to `lib/`.

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>

#include "async/wait_list.hpp"
#include "h2_session.hpp"
#include "httpxx/headers.hpp"
#include "httpxx/request.hpp"
#include "httpxx/task.hpp"
#include "httpxx/transport.hpp"

namespace httpxx::native {

struct H2Stream {
  explicit H2Stream(std::shared_ptr<const Request> sent) : request(std::move(sent)) {
    headers.reserve(16, 512);  // a typical head then grows its storage once at most
  }

  std::shared_ptr<const Request> request;
  std::int32_t id = -1;
  /// Set while nghttp2 knows the stream (its user data points here).
  bool attached = false;

  // The response, as the callbacks see it.
  int status = 0;
  Headers headers;
  std::uint64_t header_bytes = 0;  // the head so far, as SETTINGS_MAX_HEADER_LIST_SIZE counts
  int interim = 0;                 // 1xx heads skipped
  bool head_ready = false;
  bool ended = false;       // END_STREAM received: `body` holds the rest
  std::string body;         // received; handed out from `body_at` on
  std::size_t body_at = 0;  // what of `body` was handed out already
  /// The client keeps the whole body (`TransportOptions::read_whole`): it is
  /// handed out in one piece at its end (or `kWholePiece` at a time), with
  /// window given back as it arrives, up to `body_counted`.
  bool whole = false;
  std::size_t body_counted = 0;
  static constexpr std::size_t kWholePiece = 512 * 1024;
  std::exception_ptr error;
  bool reset_by_server = false;  // RST_STREAM received (not one nghttp2 sent)
  /// The request's coroutine, or its body's reader, waiting for the above.
  httpxx::detail::WaitList waiters;

  // The request body: `request->content()` from `sent_bytes` on, or pieces
  // of `request->stream()` (`piece` from `piece_offset`).
  std::uint64_t sent_bytes = 0;
  std::string piece;
  std::size_t piece_offset = 0;
  bool pulling = false;       // a piece is being asked of the source
  bool source_ended = false;  // the source said it has no more
  bool request_sent = false;  // END_STREAM went out with the last DATA (or HEADERS)
};

/// The body of a response received on an `H2Session`. Each `next()` hands
/// out what arrived (at most `HttpLimits::read_buffer_size` bytes a piece;
/// a body the client keeps whole comes in one piece, see `H2Stream::whole`) and gives that
/// much window back to the server. Destroying it before the
/// end resets the stream (RST_STREAM CANCEL); the connection carries on.
class H2Body final : public BodyStream {
 public:
  H2Body(std::shared_ptr<H2Session> session, std::shared_ptr<H2Stream> stream,
         std::optional<PhaseTimeouts::Duration> read_timeout)
      : session_(std::move(session)), stream_(std::move(stream)), read_timeout_(read_timeout) {}
  ~H2Body() override;
  H2Body(const H2Body&) = delete;
  H2Body& operator=(const H2Body&) = delete;

  [[nodiscard]] Task<std::optional<std::string>> next() override;
  [[nodiscard]] Task<void> close() override;

  // One per response: from the frame cache.
  static void* operator new(std::size_t size) { return httpxx::detail::allocate_frame(size); }
  static void operator delete(void* p, std::size_t size) noexcept {
    httpxx::detail::deallocate_frame(p, size);
  }

 private:
  void release() noexcept;

  std::shared_ptr<H2Session> session_;
  std::shared_ptr<H2Stream> stream_;
  std::optional<PhaseTimeouts::Duration> read_timeout_;
};

}  // namespace httpxx::native
