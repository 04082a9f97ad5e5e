#include "fetch_transport.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "fetch_call.hpp"
#include "httpxx/errors.hpp"

extern "C" int httpxx_fetch_follows_redirects();  // fetch_library.js

namespace httpxx::wasm {

struct FetchTransport::State {
  bool closed = false;
  /// Calls started by this transport; `close()` aborts those still alive.
  std::vector<std::weak_ptr<FetchCall>> calls;
};

namespace {

using Kind = FetchEvent::Kind;

/// The longest wait for the response head. Fetch does not say when the
/// connection is made, so connecting and waiting for the server are one
/// wait: it gets the read timeout (what a slow server triggers natively,
/// where connecting to a live host is quick), and the connect timeout only
/// when no read timeout is set. It is never shorter than what the native
/// transport allows before the server's first bytes, so a request that
/// succeeds natively does not time out here.
struct HeadDeadline {
  std::optional<Loop::Duration> after;
  bool is_connect = false;  ///< ConnectTimeout when it expires, else ReadTimeout
};
HeadDeadline head_deadline(const Timeout& t) {
  if (t.read) return {t.read, false};
  return {t.connect, true};
}

Headers parse_headers(std::string_view text) {
  Headers headers;
  while (!text.empty()) {
    auto name_end = text.find('\n');
    if (name_end == std::string_view::npos) break;
    auto value_end = text.find('\n', name_end + 1);
    if (value_end == std::string_view::npos) value_end = text.size();
    std::string_view name = text.substr(0, name_end);
    std::string_view value = text.substr(name_end + 1, value_end - name_end - 1);
    text.remove_prefix(std::min(text.size(), value_end + 1));
    try {
      headers.add(name, value);
    } catch (const LocalProtocolError&) {
      // fetch validated the field already; anything odd is skipped
    }
  }
  // fetch has decoded the body already; Content-Encoding and Content-Length
  // still describe the wire, as they do natively (capabilities() tells lib/
  // not to decode again).
  return headers;
}

// Reads one chunk. A static coroutine holding the call: it may be resumed
// after its body stream was destroyed (the stream's destructor wakes it).
Task<std::optional<std::string>> read_chunk(std::shared_ptr<FetchCall> call,
                                            std::optional<Loop::Duration> timeout) {
  if (call->body_ended) co_return std::nullopt;
  if (call->finished()) throw ReadError("the response body stream was closed");
  if (call->body_reading) throw ReadError("another read of this response body is in progress");
  call->body_reading = true;
  call->request_chunk();
  FetchEvent event = co_await call->next_event(timeout);
  call->body_reading = false;
  switch (event.kind) {
    case Kind::chunk:
      co_return std::move(event.data);
    case Kind::end:
      call->body_ended = true;
      co_return std::nullopt;
    case Kind::timeout:
      throw ReadTimeout("no response bytes arrived within the read timeout");
    case Kind::closed:
      throw ReadError(event.data);
    default:
      throw ReadError(event.data.empty() ? "reading the response body failed" : event.data);
  }
}

class FetchBodyStream final : public BodyStream {
 public:
  FetchBodyStream(std::shared_ptr<FetchCall> call, std::optional<Loop::Duration> read_timeout)
      : call_(std::move(call)), read_timeout_(read_timeout) {}
  ~FetchBodyStream() override { call_->close("the response was closed during a read"); }

  Task<std::optional<std::string>> next() override { return read_chunk(call_, read_timeout_); }

  Task<void> close() override {
    call_->close("the response was closed during a read");
    co_return;
  }

 private:
  std::shared_ptr<FetchCall> call_;
  std::optional<Loop::Duration> read_timeout_;
};

Task<TransportResponse> send_fetch(std::shared_ptr<FetchTransport::State> state, Request request,
                                   Timeout timeout) {
  if (state->closed) throw ConnectError("the fetch transport is closed");
  std::erase_if(state->calls, [](const auto& weak) { return weak.expired(); });
  std::shared_ptr<FetchCall> call = co_await FetchCall::launch(request);
  state->calls.push_back(call);

  const HeadDeadline deadline = head_deadline(timeout);
  FetchEvent event = co_await call->head_event(deadline.after);
  switch (event.kind) {
    case Kind::head:
      break;
    case Kind::timeout:
      if (deadline.is_connect) throw ConnectTimeout("the connection timed out");
      throw ReadTimeout("no response arrived within the read timeout");
    case Kind::bad_request:
      throw LocalProtocolError("fetch refused the request: " + event.data);
    case Kind::closed:
      throw ConnectError(event.data);
    default:
      throw ConnectError(event.data.empty() ? "fetch failed" : event.data);
  }

  TransportResponse out;
  out.status = event.status;
  out.reason = std::move(event.status_text);
  out.headers = parse_headers(event.headers);
  if (httpxx_fetch_follows_redirects() && !event.url.empty()) out.url = URL(event.url);
  if (event.has_body) out.body = std::make_unique<FetchBodyStream>(call, timeout.read);
  co_return out;
}

}  // namespace

FetchTransport::FetchTransport() : state_(std::make_shared<State>()) {}
FetchTransport::~FetchTransport() = default;

Task<TransportResponse> FetchTransport::send(const Request& request,
                                             const TransportOptions& options) {
  // The request is copied before the task starts: nothing refers to the
  // caller's request once this returns.
  return send_fetch(state_, request, options.timeout);
}

Task<void> FetchTransport::close() {
  state_->closed = true;
  for (const auto& weak : state_->calls) {
    if (auto call = weak.lock()) call->close("the transport was closed");
  }
  state_->calls.clear();
  co_return;
}

TransportCapabilities FetchTransport::capabilities() const {
  const bool browser = httpxx_fetch_follows_redirects() != 0;
  return TransportCapabilities{
      .follows_redirects = browser, .decodes_content = true, .manages_cookies = browser};
}

}  // namespace httpxx::wasm
