#pragma once
// `H2Session`: one HTTP/2 connection (RFC 9113) carrying many requests at
// once, framed and HPACK-coded by nghttp2. The session reads and writes in
// two tasks of its own (a `TaskScope` member each): the reader feeds every
// byte to nghttp2, whose callbacks fill the streams (`H2Stream`) and wake
// their waiters; the writer sends what nghttp2 has queued whenever there is
// some. Requests never touch the socket: they submit, then wait on their
// stream.
//
// Flow control follows the consumer: the session turns nghttp2's automatic
// WINDOW_UPDATEs off and gives a stream's window back only as its body is
// taken by `next()`, so a slow reader holds at most one window of data
// (`kStreamWindow`) however large the body.

#include <nghttp2/nghttp2.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "async/task_scope.hpp"
#include "async/wait_list.hpp"
#include "connection.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/task.hpp"
#include "httpxx/transport.hpp"
#include "native_options.hpp"
#include "recycling_allocator.hpp"

namespace httpxx::native {

struct H2Stream;

/// A request the session did not start (GOAWAY above its id, or
/// REFUSED_STREAM): nothing of it was processed, so it may be sent again on
/// another connection.
class H2Refused : public RemoteProtocolError {
 public:
  using RemoteProtocolError::RemoteProtocolError;
};

/// What the nghttp2 callbacks count against floods that nghttp2 itself
/// lets through (h2_callbacks.cpp).
struct H2FloodCounters {
  std::uint32_t continuations = 0;  // CONTINUATION frames of the header block being read
  std::uint32_t empty_data = 0;     // empty DATA frames without END_STREAM, in a row
};

class H2Session : public std::enable_shared_from_this<H2Session> {
 public:
  /// Each stream's receive window: the most one response buffers before its
  /// reader takes some. The connection's window is larger, so that many
  /// streams move at once.
  static constexpr std::int32_t kStreamWindow = 1 << 20;
  static constexpr std::int32_t kConnectionWindow = 16 << 20;

  /// Starts HTTP/2 on `connection` (its TLS layer chose "h2", or the client
  /// speaks h2c with prior knowledge): the preface and SETTINGS go out at
  /// once.
  static std::shared_ptr<H2Session> start(std::unique_ptr<Connection> connection,
                                          const HttpLimits& limits);
  H2Session(std::unique_ptr<Connection> connection, const HttpLimits& limits);
  ~H2Session();
  H2Session(const H2Session&) = delete;
  H2Session& operator=(const H2Session&) = delete;

  /// Sends `request` on a new stream (waiting up to `timeout.pool` for one
  /// of the server's SETTINGS_MAX_CONCURRENT_STREAMS places) and returns its
  /// head. Throws `H2Refused` when the session cannot take it (closed,
  /// GOAWAY): the caller sends it elsewhere; `PoolTimeout`, `WriteTimeout`,
  /// `ReadTimeout`, `RemoteProtocolError` (a stream reset, a broken frame),
  /// `ReadError`, `LocalProtocolError` (a header HTTP/2 cannot carry).
  [[nodiscard]] Task<TransportResponse> send(std::shared_ptr<const Request> request,
                                             TransportOptions options);

  /// True while new requests may be sent on it.
  [[nodiscard]] bool usable() const noexcept;
  /// True while, failed, it sends its last frames (a GOAWAY naming the
  /// error): its owner keeps it until then, at most `kFlushTimeout`.
  [[nodiscard]] bool draining() const noexcept { return draining_ && !dead_; }
  static constexpr std::chrono::seconds kFlushTimeout{1};
  [[nodiscard]] const Origin& origin() const noexcept { return connection_->origin(); }
  /// Streams open now.
  [[nodiscard]] std::size_t active_streams() const noexcept { return active_; }
  /// Requests sent on this connection so far.
  [[nodiscard]] std::uint64_t streams_started() const noexcept { return started_; }
  /// Since when no stream has been open (nullopt while one is): an idle
  /// connection expires after the pool's `keepalive_expiry`.
  [[nodiscard]] std::optional<std::chrono::steady_clock::time_point> idle_since() const noexcept {
    if (active_ != 0) return std::nullopt;
    return idle_since_;
  }

  /// Fails every stream and closes the connection. A GOAWAY (NO_ERROR)
  /// goes first if the socket takes it at once and no write is under way
  /// (RFC 9113 section 6.8: endpoints should send one before closing); its
  /// sending is not waited for.
  void close() noexcept;

  // For H2Body and the nghttp2 callbacks (h2_callbacks.cpp).
  /// Gives `bytes` of `stream`'s window back to the server.
  void consumed(H2Stream& stream, std::size_t bytes) noexcept;
  /// Cancels `stream` (RST_STREAM CANCEL) unless it is closed already.
  void reset(H2Stream& stream) noexcept;
  /// The open stream `id`, or null.
  [[nodiscard]] H2Stream* find(std::int32_t id) const noexcept;
  /// nghttp2 closed stream `id` (`code`: its HTTP/2 error code).
  void stream_closed(std::int32_t id, std::uint32_t code) noexcept;
  /// The server sent GOAWAY: no new stream goes on this connection.
  void goaway() noexcept { goaway_ = true; }
  [[nodiscard]] const HttpLimits& limits() const noexcept { return limits_; }
  /// Asks the writer to send what nghttp2 has queued.
  void want_write() noexcept;
  [[nodiscard]] nghttp2_session* ng() const noexcept { return ng_; }
  /// Starts asking stream `id`'s body source for its next piece.
  void pull_upload(std::int32_t id);
  /// What nghttp2 (or a limit of ours) last found wrong with the server's
  /// frames: it names the error of the stream or connection it ends.
  void fault(std::string_view why) noexcept;
  /// The client sent GOAWAY with `code`: nghttp2 ends the connection.
  void goaway_sent(std::uint32_t code) noexcept { goaway_sent_code_ = code; }
  [[nodiscard]] H2FloodCounters& flood() noexcept { return flood_; }

 private:
  [[nodiscard]] Task<void> read_loop();
  [[nodiscard]] Task<void> write_loop();
  [[nodiscard]] Task<void> pull(std::shared_ptr<H2Stream> stream);
  /// Fails every stream with `error`. `flush`: nghttp2 has queued a GOAWAY
  /// naming a connection error; the writer sends it before it stops, else
  /// the connection is done at once.
  void fail_all(std::exception_ptr error, bool flush = false) noexcept;
  /// "HTTP/2 protocol error from the server" with the fault and `code`.
  [[nodiscard]] std::string protocol_error(std::string_view code);
  // The steps of send() that do not wait.
  [[nodiscard]] bool at_capacity() const noexcept;
  [[noreturn]] void throw_pool_timeout() const;
  [[noreturn]] static void throw_wait_timeout(bool writing);
  // Submits the request's HEADERS (and body provider) on a new stream.
  std::shared_ptr<H2Stream> open_stream(std::shared_ptr<const Request> request, bool read_whole);
  // The response head of a stream whose head came (else its error); the
  // body, if any, takes the stream (and clears `guarded`).
  static TransportResponse head_of(std::shared_ptr<H2Session> self,
                                   std::shared_ptr<H2Stream>& stream, bool& guarded,
                                   std::optional<PhaseTimeouts::Duration> read_timeout);

  std::unique_ptr<Connection> connection_;
  HttpLimits limits_;
  nghttp2_session* ng_ = nullptr;
  httpxx::detail::TaskScope tasks_;
  httpxx::detail::WaitList write_wanted_;
  httpxx::detail::WaitList capacity_;  // requests waiting for a stream place
  // The open streams (their nodes from the frame cache).
  std::unordered_map<
      std::int32_t, std::shared_ptr<H2Stream>, std::hash<std::int32_t>, std::equal_to<>,
      httpxx::detail::RecyclingAllocator<std::pair<const std::int32_t, std::shared_ptr<H2Stream>>>>
      streams_;
  std::string out_;  // bytes being written
  // Where send() builds a request's header list (nghttp2 copies it).
  std::vector<nghttp2_nv> scratch_fields_;
  std::string scratch_names_;
  std::string fault_;                              // what nghttp2 last found wrong (fault())
  std::optional<std::uint32_t> goaway_sent_code_;  // the GOAWAY nghttp2 sent, ending it
  H2FloodCounters flood_;
  std::size_t active_ = 0;
  std::uint64_t started_ = 0;
  std::chrono::steady_clock::time_point idle_since_ = std::chrono::steady_clock::now();
  bool dead_ = false;      // no more reading or writing
  bool draining_ = false;  // failed; the writer sends nghttp2's last frames (its GOAWAY)
  bool goaway_ = false;
  bool writing_ = false;  // the writer's write is under way
};

}  // namespace httpxx::native
