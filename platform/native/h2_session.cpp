#include "h2_session.hpp"

#include <nghttp2/nghttp2.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "h2_callbacks.hpp"
#include "h2_stream.hpp"

namespace httpxx::native {

namespace {

// Fields that belong to one HTTP/1.1 connection, never sent in HTTP/2
// (RFC 9113 section 8.2.2); Host becomes :authority.
bool connection_specific(std::string_view name) {
  return iequals(name, "Connection") || iequals(name, "Keep-Alive") ||
         iequals(name, "Proxy-Connection") || iequals(name, "Transfer-Encoding") ||
         iequals(name, "Upgrade") || iequals(name, "Host");
}

nghttp2_nv field(std::string_view name, std::string_view value) noexcept {
  // nghttp2 copies the fields when the request is submitted.
  return nghttp2_nv{reinterpret_cast<std::uint8_t*>(const_cast<char*>(name.data())),
                    reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.data())), name.size(),
                    value.size(), NGHTTP2_NV_FLAG_NONE};
}

// Cancels the stream if the request's frame is destroyed, or fails, before
// its body was handed on.
struct StreamGuard {
  H2Session& session;
  std::shared_ptr<H2Stream>& stream;
  bool armed = true;
  ~StreamGuard() {
    if (armed) session.reset(*stream);
  }
};

}  // namespace

std::shared_ptr<H2Session> H2Session::start(std::unique_ptr<Connection> connection,
                                            const HttpLimits& limits) {
  auto session = std::make_shared<H2Session>(std::move(connection), limits);
  session->tasks_.spawn(session->read_loop());
  session->tasks_.spawn(session->write_loop());
  session->want_write();
  return session;
}

H2Session::H2Session(std::unique_ptr<Connection> connection, const HttpLimits& limits)
    : connection_(std::move(connection)), limits_(limits), tasks_(*connection_->loop()) {
  connection_->keep_buffers();  // one busy connection per origin
  ng_ = new_client_session(this);
  const nghttp2_settings_entry settings[] = {
      {NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
      {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, static_cast<std::uint32_t>(kStreamWindow)},
      {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE,
       static_cast<std::uint32_t>(std::min<std::uint64_t>(limits.max_header_bytes, 0xffffffffu))},
  };
  nghttp2_submit_settings(ng_, NGHTTP2_FLAG_NONE, settings, std::size(settings));
  nghttp2_session_set_local_window_size(ng_, NGHTTP2_FLAG_NONE, 0, kConnectionWindow);
}

H2Session::~H2Session() {
  tasks_.cancel();
  nghttp2_session_del(ng_);
}

bool H2Session::usable() const noexcept {
  return !dead_ && !draining_ && !goaway_ && connection_->usable();
}

H2Stream* H2Session::find(std::int32_t id) const noexcept {
  auto found = streams_.find(id);
  return found == streams_.end() ? nullptr : found->second.get();
}

void H2Session::want_write() noexcept {
  if (!dead_ && nghttp2_session_want_write(ng_)) write_wanted_.wake_one();
}

Task<void> H2Session::write_loop() {
  try {
    while (!dead_) {
      out_.clear();
      const std::uint8_t* data = nullptr;
      for (;;) {
        const auto n = nghttp2_session_mem_send(ng_, &data);
        if (n < 0) throw RemoteProtocolError(std::string("HTTP/2: ") + nghttp2_strerror(int(n)));
        if (n == 0) break;
        out_.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
        if (out_.size() >= limits_.read_buffer_size) break;
      }
      if (out_.empty()) {
        if (draining_) {
          dead_ = true;  // the GOAWAY is out (or none was queued)
          break;
        }
        if (!nghttp2_session_want_read(ng_)) {
          // nghttp2 is done with the connection: after the GOAWAY it sent
          // for a connection error in the server's frames (it closes no
          // stream then: fail them here, or they would wait for a read
          // timeout), or after the server's GOAWAY once its last stream
          // closed (none is left).
          const std::string why =
              goaway_sent_code_ ? protocol_error(nghttp2_http2_strerror(*goaway_sent_code_))
                                : std::string("the server ended the HTTP/2 connection (GOAWAY)");
          fail_all(std::make_exception_ptr(RemoteProtocolError(why)));
          break;
        }
        (void)co_await write_wanted_.wait();
        continue;
      }
      writing_ = true;
      co_await connection_->write(
          out_, {}, draining_ ? std::optional<Connection::Duration>(kFlushTimeout) : std::nullopt);
      writing_ = false;
    }
  } catch (const Error&) {
    writing_ = false;
    fail_all(std::current_exception());
  }
}

Task<void> H2Session::read_loop() {
  try {
    while (!dead_) {
      const std::string_view bytes = co_await connection_->read(std::nullopt);
      if (bytes.empty()) throw RemoteProtocolError("the server closed the HTTP/2 connection");
      const auto used = nghttp2_session_mem_recv(
          ng_, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      if (used < 0) {
        // A flood (nghttp2's own limits, or ours, which name themselves in
        // the fault) or no memory. nghttp2 queues no GOAWAY for these: one
        // is queued here, and the writer sends it before it stops (the
        // connection errors nghttp2 handles itself end in its own GOAWAY,
        // sent the same way: see write_loop).
        const bool ours = used == NGHTTP2_ERR_CALLBACK_FAILURE && !fault_.empty();
        const bool flood =
            ours || used == NGHTTP2_ERR_FLOODED || used == NGHTTP2_ERR_TOO_MANY_CONTINUATIONS;
        (void)nghttp2_session_terminate_session(
            ng_, flood ? NGHTTP2_ENHANCE_YOUR_CALM : NGHTTP2_INTERNAL_ERROR);
        const std::string why = protocol_error(ours ? "" : nghttp2_strerror(int(used)));
        fail_all(std::make_exception_ptr(RemoteProtocolError(why)), /*flush=*/true);
        co_return;
      }
      want_write();
    }
  } catch (const Error&) {
    fail_all(std::current_exception());
  }
}

void H2Session::fail_all(std::exception_ptr error, bool flush) noexcept {
  if (flush && !dead_) {
    draining_ = true;
  } else {
    dead_ = true;
  }
  // The writer first: it sends the GOAWAY before the failed requests go on.
  write_wanted_.wake_all();
  auto streams = std::move(streams_);
  streams_.clear();
  for (auto& [id, stream] : streams) {
    if (!stream->error) stream->error = error;
    stream->waiters.wake_all();
  }
  active_ = 0;
  capacity_.wake_all();
}

void H2Session::fault(std::string_view why) noexcept {
  try {
    fault_.assign(why);
  } catch (const std::bad_alloc&) {
    fault_.clear();
  }
}

std::string H2Session::protocol_error(std::string_view code) {
  std::string message = "HTTP/2 protocol error from the server";
  if (!code.empty()) message.append(" (").append(code).append(")");
  if (!fault_.empty()) message.append(": ").append(fault_);
  fault_.clear();
  return message;
}

void H2Session::close() noexcept {
  if (!dead_ && !draining_ && !writing_ && connection_->usable() &&
      nghttp2_session_terminate_session(ng_, NGHTTP2_NO_ERROR) == 0) {
    // What nghttp2 has queued (the GOAWAY last) goes out if the socket
    // takes it now; a connection closing does not wait.
    try {
      out_.clear();
      const std::uint8_t* data = nullptr;
      for (;;) {
        const auto n = nghttp2_session_mem_send(ng_, &data);
        if (n <= 0) break;
        out_.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
      }
      (void)connection_->send_now(out_);
    } catch (const std::bad_alloc&) {
      // No GOAWAY, then: the connection closes all the same.
    }
  }
  fail_all(std::make_exception_ptr(ReadError("the connection was closed by the client")));
  tasks_.cancel();
}

void H2Session::stream_closed(std::int32_t id, std::uint32_t code) noexcept {
  auto found = streams_.find(id);
  if (found == streams_.end()) return;
  std::shared_ptr<H2Stream> stream = std::move(found->second);
  streams_.erase(found);
  if (active_ > 0 && --active_ == 0) idle_since_ = std::chrono::steady_clock::now();
  capacity_.wake_one();
  if (!stream->error && !stream->ended) {
    const std::string name = nghttp2_http2_strerror(code);
    if (code == NGHTTP2_REFUSED_STREAM) {
      stream->error = std::make_exception_ptr(
          H2Refused("the server refused the stream before processing it (REFUSED_STREAM)"));
    } else if (code == NGHTTP2_NO_ERROR) {
      stream->error = std::make_exception_ptr(
          RemoteProtocolError("the server closed the stream before the end of its response"));
    } else if (stream->reset_by_server) {
      stream->error = std::make_exception_ptr(
          RemoteProtocolError("the server reset the stream (" + name + ")"));
    } else {
      // nghttp2 reset it: the server broke the protocol on this stream
      // (flow control, a malformed head).
      stream->error = std::make_exception_ptr(RemoteProtocolError(protocol_error(name)));
    }
  }
  stream->waiters.wake_all();
}

void H2Session::reset(H2Stream& stream) noexcept {
  if (dead_ || find(stream.id) != &stream) return;
  nghttp2_submit_rst_stream(ng_, NGHTTP2_FLAG_NONE, stream.id, NGHTTP2_CANCEL);
  want_write();
}

void H2Session::consumed(H2Stream& stream, std::size_t bytes) noexcept {
  if (dead_ || draining_ || bytes == 0) return;
  nghttp2_session_consume(ng_, stream.id, bytes);
  want_write();
}

void H2Session::pull_upload(std::int32_t id) {
  auto found = streams_.find(id);
  if (found == streams_.end()) return;
  const std::shared_ptr<H2Stream>& stream = found->second;
  if (stream->pulling || stream->source_ended) return;
  stream->pulling = true;
  tasks_.spawn(pull(stream));
}

Task<void> H2Session::pull(std::shared_ptr<H2Stream> stream) {
  ByteSource& source = *stream->request->stream();
  std::optional<std::string> piece;
  try {
    do {
      piece = co_await source.next();
    } while (piece && piece->empty());
  } catch (...) {
    stream->pulling = false;
    if (!stream->error) stream->error = std::current_exception();
    reset(*stream);
    stream->waiters.wake_all();
    co_return;
  }
  stream->pulling = false;
  if (piece) {
    stream->piece = std::move(*piece);
    stream->piece_offset = 0;
  } else {
    stream->source_ended = true;
  }
  if (find(stream->id) == stream.get()) {
    nghttp2_session_resume_data(ng_, stream->id);
    want_write();
  }
}

Task<TransportResponse> H2Session::send(std::shared_ptr<const Request> request,
                                        TransportOptions options) {
  // This frame lives as long as the request waits for its head, and the
  // coroutine keeps all its locals in it: the steps without a wait are the
  // plain functions below.
  // Held by this frame: the pool may let go of the session meanwhile.
  std::shared_ptr<H2Session> self = shared_from_this();
  const PhaseTimeouts& timeout = options.timeout;
  while (usable() && at_capacity()) {
    if (co_await capacity_.wait(timeout.pool) == httpxx::detail::WaitOutcome::timed_out) {
      throw_pool_timeout();
    }
  }
  std::shared_ptr<H2Stream> stream = open_stream(std::move(request), options.read_whole);
  StreamGuard guard{*this, stream};
  while (!stream->head_ready && !stream->error) {
    // Until its body is sent, the request waits as a write; then as a read.
    const bool writing = !stream->request_sent && timeout.write;
    if (co_await stream->waiters.wait(writing ? timeout.write : timeout.read) ==
        httpxx::detail::WaitOutcome::timed_out) {
      if (stream->head_ready || stream->error) break;
      throw_wait_timeout(writing);
    }
  }
  co_return head_of(std::move(self), stream, guard.armed, timeout.read);
}

bool H2Session::at_capacity() const noexcept {
  const std::uint32_t most =
      nghttp2_session_get_remote_settings(ng_, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
  return active_ >= std::max<std::uint32_t>(most, 1);
}

void H2Session::throw_pool_timeout() const {
  throw PoolTimeout("timed out waiting for a stream on the HTTP/2 connection to " +
                    origin().authority());
}

void H2Session::throw_wait_timeout(bool writing) {
  if (writing) {
    throw WriteTimeout("timed out sending the request body over HTTP/2 (write timeout)");
  }
  throw ReadTimeout("timed out waiting for the response (read timeout)");
}

std::shared_ptr<H2Stream> H2Session::open_stream(std::shared_ptr<const Request> request,
                                                 bool read_whole) {
  if (!usable()) throw H2Refused("the HTTP/2 connection takes no new streams");
  const Request& r = *request;
  const URL& url = r.url();
  const std::string authority = r.headers().get("Host").value_or(url.host_header());
  const std::string path = url.target();
  // Built in the session's scratch storage: nghttp2 copies the list.
  std::vector<nghttp2_nv>& fields = scratch_fields_;
  fields.clear();
  fields.reserve(r.headers().size() + 4);
  fields.push_back(field(":method", r.method()));
  fields.push_back(field(":scheme", url.scheme()));
  fields.push_back(field(":authority", authority));
  fields.push_back(field(":path", path));
  // The names in lower case, back to back in one buffer sized first (the
  // fields point into it); the values are the request's own.
  std::size_t name_bytes = 0;
  for (const auto& [name, value] : r.headers()) name_bytes += name.size();
  std::string& lower = scratch_names_;
  lower.clear();
  lower.reserve(name_bytes);
  for (const auto& [name, value] : r.headers()) {
    if (connection_specific(name)) continue;
    if (iequals(name, "TE") && !iequals(value, "trailers")) continue;
    const std::size_t at = lower.size();
    for (const char c : name) {
      lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    fields.push_back(field(std::string_view(lower).substr(at), value));
  }

  const bool has_body = r.stream() != nullptr || !r.content().empty();
  if (r.stream()) r.stream()->open();  // StreamConsumed if it was sent before
  auto stream = std::allocate_shared<H2Stream>(httpxx::detail::RecyclingAllocator<H2Stream>(),
                                               std::move(request));
  stream->whole = read_whole;
  nghttp2_data_provider provider{};
  provider.read_callback = read_request_body;
  const std::int32_t id = nghttp2_submit_request(ng_, nullptr, fields.data(), fields.size(),
                                                 has_body ? &provider : nullptr, nullptr);
  if (id < 0) {
    throw LocalProtocolError(std::string("cannot send the request over HTTP/2: ") +
                             nghttp2_strerror(id));
  }
  stream->id = id;
  stream->request_sent = !has_body;
  streams_.emplace(id, stream);
  ++active_;
  ++started_;
  want_write();
  return stream;
}

TransportResponse H2Session::head_of(std::shared_ptr<H2Session> self,
                                     std::shared_ptr<H2Stream>& stream, bool& guarded,
                                     std::optional<PhaseTimeouts::Duration> read_timeout) {
  if (!stream->head_ready) std::rethrow_exception(stream->error);
  TransportResponse out;
  out.status = stream->status;
  out.http_version = "HTTP/2";
  out.headers = std::move(stream->headers);
  const bool no_body =
      stream->request->method() == "HEAD" || stream->status == 204 || stream->status == 304;
  if (!(no_body && stream->ended)) {
    guarded = false;
    out.body = std::make_unique<H2Body>(std::move(self), std::move(stream), read_timeout);
  }
  return out;
}

}  // namespace httpxx::native
