#include "fetch_transport.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fetch_call.hpp"
#include "httpxx/errors.hpp"
#include "limit_errors.hpp"

extern "C" int httpxx_fetch_follows_redirects();  // fetch_library.js

namespace httpxx::wasm {

struct FetchTransport::State {
  bool closed = false;
  int tls = 0;  // node_tls_settings
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
HeadDeadline head_deadline(const PhaseTimeouts& t) {
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

// The httpxx error for a fetch that failed (the message is the JS one).
[[noreturn]] void throw_failure(const FetchEvent& event) {
  const std::string& message = event.data;
  switch (event.failure) {
    case FetchFailure::bad_request:
      throw LocalProtocolError("fetch refused the request: " + message);
    case FetchFailure::remote_protocol:
      throw RemoteProtocolError(message);
    case FetchFailure::decoding:
      throw DecodingError(message);
    case FetchFailure::read:
      throw ReadError(message.empty() ? "reading the response body failed" : message);
    case FetchFailure::write:
      throw WriteError(message);
    case FetchFailure::connect_timeout:
      throw ConnectTimeout(message);
    case FetchFailure::read_timeout:
      throw ReadTimeout(message);
    case FetchFailure::too_large:
      throw ResponseTooLarge(message);
    case FetchFailure::connect:
      break;
  }
  throw ConnectError(message.empty() ? "fetch failed" : message);
}

// True when fetch has undone a Content-Encoding for this body: the bytes
// it hands over are then what native decoders would produce, and
// max_decoded_size counts them.
bool fetch_decoded(const Headers& headers) {
  const std::optional<std::string> encoding = headers.get("Content-Encoding");
  if (!encoding) return false;
  std::string lower = *encoding;
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return lower.find("gzip") != std::string::npos || lower.find("deflate") != std::string::npos ||
         lower.find("br") != std::string::npos;
}

// What a streamed body's reads share with the fetch: kept here (not in the
// body stream) so that a read resumed after its stream was destroyed
// touches only live memory.
struct BodyRead {
  std::shared_ptr<FetchCall> call;
  std::optional<Loop::Duration> timeout;
  std::uint64_t limit = 0;  ///< max_decoded_size for a decoded body, else 0
  std::uint64_t received = 0;
};

// Reads one chunk. A static coroutine holding the call: it may be resumed
// after its body stream was destroyed (the stream's destructor wakes it).
Task<std::optional<std::string>> read_chunk(std::shared_ptr<BodyRead> read) {
  FetchCall* call = read->call.get();
  if (call->body_ended) co_return std::nullopt;
  if (call->finished()) throw ReadError("the response body stream was closed");
  if (call->body_reading) throw ReadError("another read of this response body is in progress");
  call->body_reading = true;
  call->request_chunk();
  FetchEvent event = co_await call->next_event(read->timeout);
  call->body_reading = false;
  switch (event.kind) {
    case Kind::chunk:
      read->received += event.data.size();
      if (read->limit != 0 && read->received > read->limit) {
        call->abort();
        throw detail::decoded_size_exceeded(read->limit);
      }
      co_return std::move(event.data);
    case Kind::end:
      call->body_ended = true;
      co_return std::nullopt;
    case Kind::timeout:
      throw ReadTimeout("no response bytes arrived within the read timeout");
    case Kind::closed:
      throw ReadError(event.data);
    case Kind::failed:
      throw_failure(event);
    default:
      throw ReadError(event.data.empty() ? "reading the response body failed" : event.data);
  }
}

class FetchBodyStream final : public BodyStream {
 public:
  explicit FetchBodyStream(std::shared_ptr<BodyRead> read) : read_(std::move(read)) {}
  ~FetchBodyStream() override { read_->call->close("the response was closed during a read"); }

  Task<std::optional<std::string>> next() override { return read_chunk(read_); }

  Task<void> close() override {
    read_->call->close("the response was closed during a read");
    co_return;
  }

 private:
  std::shared_ptr<BodyRead> read_;
};

// A body JS read whole before the head was handed over: one chunk, then the
// end. Nothing is left to abort.
class WholeBody final : public BodyStream {
 public:
  explicit WholeBody(std::string body) : body_(std::move(body)) {}

  Task<std::optional<std::string>> next() override {
    std::optional<std::string> out;
    if (!taken_) {
      taken_ = true;
      if (!body_.empty()) out = std::move(body_);
    }
    co_return out;
  }
  Task<void> close() override {
    taken_ = true;
    body_.clear();
    co_return;
  }

 private:
  std::string body_;
  bool taken_ = false;
};

Task<TransportResponse> send_fetch(std::shared_ptr<FetchTransport::State> state,
                                   std::shared_ptr<const Request> shared,
                                   TransportOptions options) {
  const Request& request = *shared;
  if (state->closed) throw ConnectError("the fetch transport is closed");
  std::erase_if(state->calls, [](const auto& weak) { return weak.expired(); });
  const HeadDeadline deadline = head_deadline(options.timeout);
  FetchPlan plan;
  plan.whole = options.read_whole;
  plan.head_timeout = deadline.after;
  plan.head_is_connect = deadline.is_connect;
  plan.read_timeout = options.timeout.read;
  plan.max_decoded_size = options.max_decoded_size;
  plan.max_read_size = options.max_read_size;
  plan.tls = state->tls;
  // Without a streamed upload there is nothing to pull: the call starts at
  // once and the only event to wait for is the head (two coroutine frames
  // fewer per request on the common path).
  const bool uploads = request.stream() != nullptr;
  std::shared_ptr<FetchCall> call;
  if (uploads) {
    call = co_await FetchCall::launch(request, plan);
  } else {
    call = FetchCall::start(request, plan);
  }
  state->calls.push_back(call);

  // A whole fetch keeps its deadlines in JS; C++ waits without a timer. A
  // streamed upload is never whole (FetchCall::launch).
  const bool whole = plan.whole && !uploads;
  const std::optional<Loop::Duration> wait = whole ? std::nullopt : deadline.after;
  FetchEvent event;
  if (uploads) {
    event = co_await call->head_event(wait);
  } else {
    event = co_await call->next_event(wait);
  }
  switch (event.kind) {
    case Kind::head:
      break;
    case Kind::timeout:
      if (deadline.is_connect) throw ConnectTimeout("the connection timed out");
      throw ReadTimeout("no response arrived within the read timeout");
    case Kind::failed:
      throw_failure(event);
    case Kind::closed:
      throw ConnectError(event.data);
    default:
      throw ConnectError(event.data.empty() ? "fetch failed" : event.data);
  }

  TransportResponse out;
  out.status = event.status;
  out.reason = std::move(event.status_text);
  // Empty when the runtime does not say (a browser without a resource
  // timing entry for the origin): unknown, not a guess of "HTTP/1.1".
  out.http_version = std::move(event.http_version);
  out.headers = parse_headers(event.headers);
  if (httpxx_fetch_follows_redirects() && !event.url.empty()) out.url = URL(event.url);
  if (event.has_body && event.whole) {
    out.body = std::make_unique<WholeBody>(std::move(event.data));
  } else if (event.has_body) {
    auto read = std::make_shared<BodyRead>();
    read->call = call;
    read->timeout = options.timeout.read;
    if (fetch_decoded(out.headers)) read->limit = options.max_decoded_size;
    out.body = std::make_unique<FetchBodyStream>(std::move(read));
  }
  co_return out;
}

}  // namespace

FetchTransport::FetchTransport(int tls) : state_(std::make_shared<State>()) { state_->tls = tls; }
FetchTransport::~FetchTransport() = default;

Task<TransportResponse> FetchTransport::send(std::shared_ptr<const Request> request,
                                             TransportOptions options) {
  return send_fetch(state_, std::move(request), options);
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
