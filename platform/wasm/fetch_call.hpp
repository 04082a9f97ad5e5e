#pragma once
// One fetch() in flight, seen from C++: the id it has on the JS side
// (fetch_library.js), and the one coroutine waiting for its next event.
//
// Safety rules (no callback may resume a destroyed frame):
// - A FetchCall is shared: the coroutine waiting on it holds a reference, so
//   the call outlives every frame that awaits it.
// - JS finds a call through a registry of live ids; destroying a call
//   removes its id and aborts the fetch (after which JS calls back no more).
// - The waiter waits on a `WaitList` of the async toolkit
//   (lib/src/async/wait_list.hpp), which unregisters a destroyed waiter and
//   its timer; an event for nobody is kept for the next wait.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "async/wait_list.hpp"
#include "httpxx/coro.hpp"
#include "httpxx/limits.hpp"
#include "httpxx/loop.hpp"
#include "httpxx/request.hpp"
#include "httpxx/task.hpp"

namespace httpxx::wasm {

/// Which httpxx error a failed fetch becomes; fetch_library.js picks it from
/// undici's `cause` under Node.js (browsers give an opaque TypeError: then
/// `connect` before the head, `read` after it). Values shared with JS.
enum class FetchFailure : int {
  connect = 0,          ///< ConnectError: refused, DNS, TLS, opaque failure before the head
  bad_request = 1,      ///< LocalProtocolError: fetch refused the request as given
  remote_protocol = 2,  ///< RemoteProtocolError: malformed response, peer closed early
  decoding = 3,         ///< DecodingError: corrupt gzip/deflate/br, max_decoded_size passed
  read = 4,             ///< ReadError: reset, opaque failure after the head
  write = 5,            ///< WriteError: the upload failed (EPIPE)
  connect_timeout = 6,  ///< ConnectTimeout (a WHOLE fetch's head deadline, or undici's own)
  read_timeout = 7,     ///< ReadTimeout (a WHOLE fetch's deadlines, or undici's own)
  too_large = 8,        ///< ResponseTooLarge: a WHOLE body passed max_read_size (the last)
};

/// What JS reported about a fetch.
struct FetchEvent {
  enum class Kind {
    head,     ///< the response head arrived (status, version, text, headers, url, has_body)
    chunk,    ///< `data` holds body bytes
    end,      ///< the body is complete
    failed,   ///< fetch or a read rejected; `failure` says how, `data` holds the message
    timeout,  ///< the wait's timer fired (the fetch was aborted)
    closed,   ///< the transport was closed (the fetch was aborted)
    pull,     ///< fetch wants the next piece of the streamed request body
  };
  Kind kind = Kind::end;
  std::string data;  ///< body bytes (chunk; head with `whole`), or a message
  FetchFailure failure = FetchFailure::connect;
  int status = 0;
  std::string http_version;  ///< "HTTP/2", …; empty when the runtime does not say
  std::string status_text;
  std::string headers;  ///< "name\nvalue\n…" pairs
  std::string url;
  bool has_body = false;
  bool whole = false;  ///< head: `data` is the whole body, no chunk events follow

  static FetchEvent of(Kind kind, std::string data = {}) {
    FetchEvent event;
    event.kind = kind;
    event.data = std::move(data);
    return event;
  }
};

/// How a fetch is started.
struct FetchPlan {
  /// Read the body in JS and deliver it with the head (one crossing); the
  /// deadlines and the size limit below then apply in JS.
  bool whole = false;
  /// Longest wait for the head; `head_is_connect` makes it a ConnectTimeout.
  std::optional<Loop::Duration> head_timeout{};
  bool head_is_connect = false;
  /// Longest wait between body chunks.
  std::optional<Loop::Duration> read_timeout{};
  /// max_decoded_size for bodies fetch decoded (0: none).
  std::uint64_t max_decoded_size = 0;
  /// max_read_size for a `whole` body (0: none): JS stops collecting past it.
  std::uint64_t max_read_size = 0;
  /// Under Node.js, the TLS settings to use (`node_tls_settings`); 0: the
  /// runtime's defaults.
  int tls = 0;
};

/// True when the module runs under Node.js (not in a browser).
[[nodiscard]] bool runtime_is_node() noexcept;

/// Under Node.js: the id of an `https.Agent` that verifies (or not) with
/// the CA file and the certificates of the CA directory, and presents the
/// client certificate, as given (0 when all are the defaults). The files
/// are read and checked now: one that cannot be loaded throws
/// `std::invalid_argument` naming it, as the native transport does.
/// Settings met before share their agent.
[[nodiscard]] int node_tls_settings(bool verify, const std::string& ca_file,
                                    const std::string& ca_dir,
                                    const std::optional<ClientCert>& cert);

class FetchCall : public std::enable_shared_from_this<FetchCall> {
 public:
  /// Starts `request` with fetch() and returns its call.
  static std::shared_ptr<FetchCall> start(const Request& request, const FetchPlan& plan = {});
  /// Starts `request`, whose body may be a stream: under Node.js fetch
  /// pulls it piece by piece (`duplex: 'half'`, answered by `head_event`);
  /// in browsers it is first collected into one body. A streamed upload is
  /// never `whole`. Throws `StreamConsumed` if the stream was sent before,
  /// and what the stream throws.
  [[nodiscard]] static Task<std::shared_ptr<FetchCall>> launch(const Request& request,
                                                               FetchPlan plan);
  /// The first event that is not a pull of the request body: pulls are
  /// answered with the next piece of the body stream (each wait gets
  /// `timeout`). If the stream throws, the fetch is aborted and the
  /// exception goes on.
  [[nodiscard]] Task<FetchEvent> head_event(std::optional<Loop::Duration> timeout);
  /// The live call with that id, or null.
  static FetchCall* find(std::uint32_t id) noexcept;

  FetchCall(const FetchCall&) = delete;
  FetchCall& operator=(const FetchCall&) = delete;
  /// Aborts the fetch if it is still running.
  ~FetchCall();

  /// Asks JS for the next body chunk (one reader.read()).
  void request_chunk();
  /// Aborts the fetch now; no event follows from JS.
  void abort() noexcept;
  /// Aborts the fetch and wakes a waiter (through the loop, never from
  /// inside this call) with a `closed` event carrying `reason`.
  void close(std::string reason);
  /// Called from JS (through the exported functions, from a JS event, so
  /// nothing of the waiter is on the stack): records the event and resumes
  /// the waiter, if any, there and then.
  void deliver(FetchEvent event);
  /// `size` bytes for JS to write the head (and a whole body) into, then
  /// taken by `take_head_buffer` (fetch_call.cpp, httpxx_fetch_on_head).
  char* head_buffer(std::size_t size) {
    head_buffer_.resize(size);
    return head_buffer_.data();
  }
  std::string take_head_buffer() noexcept { return std::move(head_buffer_); }
  /// True once the fetch is over on the JS side (ended, failed or aborted).
  [[nodiscard]] bool finished() const noexcept { return finished_; }

  /// State of the body reader, kept here (not in the body stream) so that a
  /// read resumed after its stream was destroyed touches only live memory.
  bool body_ended = false;
  bool body_reading = false;

  /// Awaitable: the next event. With a timeout, the fetch is aborted when
  /// it expires and the event is `timeout`.
  class Wait;
  [[nodiscard]] Wait next_event(std::optional<Loop::Duration> timeout);

 private:
  explicit FetchCall(std::uint32_t id);
  static std::shared_ptr<FetchCall> start(const Request& request, const std::string& body,
                                          bool streamed, const FetchPlan& plan);

  std::uint32_t id_;
  bool finished_ = false;
  std::optional<FetchEvent> event_;
  httpxx::detail::WaitList waiter_;       // at most one waiter at a time
  std::shared_ptr<ByteSource> upload_{};  // the streamed request body, if any
  std::string head_buffer_;
};

class FetchCall::Wait {
 public:
  Wait(FetchCall& call, std::optional<Loop::Duration> timeout)
      : call_(call), wait_(call.waiter_.wait(timeout)) {}
  Wait(const Wait&) = delete;
  Wait& operator=(const Wait&) = delete;

  bool await_ready() const noexcept { return call_.event_.has_value(); }
  void await_suspend(coro::coroutine_handle<> h) { wait_.await_suspend(h); }
  FetchEvent await_resume();

 private:
  FetchCall& call_;
  httpxx::detail::WaitList::Wait wait_;
};

}  // namespace httpxx::wasm
