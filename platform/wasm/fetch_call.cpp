#include "fetch_call.hpp"

#include <emscripten/emscripten.h>

#include <unordered_map>
#include <utility>

#include "js_loop.hpp"

// Implemented in fetch_library.js.
extern "C" {
void httpxx_fetch_start(std::uint32_t id, const char* method, const char* url, std::size_t url_len,
                        const char* headers, std::size_t headers_len, const char* body,
                        std::size_t body_len, int streamed);
int httpxx_fetch_streams_uploads();
void httpxx_fetch_push(std::uint32_t id, const char* data, std::size_t len, int end);
void httpxx_fetch_read(std::uint32_t id);
void httpxx_fetch_abort(std::uint32_t id);
}

namespace httpxx::wasm {

namespace {

std::unordered_map<std::uint32_t, FetchCall*>& registry() {
  static std::unordered_map<std::uint32_t, FetchCall*> calls;
  return calls;
}
std::uint32_t g_next_id = 1;

std::string serialize_headers(const Headers& headers) {
  std::string out;
  for (const auto& [name, value] : headers) {
    out += name;
    out += '\n';
    out += value;
    out += '\n';
  }
  return out;
}

}  // namespace

FetchCall::FetchCall(std::uint32_t id) : id_(id) { registry().emplace(id, this); }

FetchCall::~FetchCall() {
  registry().erase(id_);
  abort();
}

std::shared_ptr<FetchCall> FetchCall::start(const Request& request) {
  return start(request, request.content(), false);
}

std::shared_ptr<FetchCall> FetchCall::start(const Request& request, const std::string& body,
                                            bool streamed) {
  std::uint32_t id = g_next_id++;
  if (g_next_id == 0) g_next_id = 1;
  std::shared_ptr<FetchCall> call(new FetchCall(id));
  std::string headers = serialize_headers(request.headers());
  const std::string& url = request.url().str();
  httpxx_fetch_start(id, request.method().c_str(), url.data(), url.size(), headers.data(),
                     headers.size(), body.data(), body.size(), streamed ? 1 : 0);
  return call;
}

Task<std::shared_ptr<FetchCall>> FetchCall::launch(const Request& request) {
  const std::shared_ptr<ByteSource>& upload = request.stream();
  if (!upload) co_return start(request);
  upload->open();
  if (httpxx_fetch_streams_uploads()) {
    std::shared_ptr<FetchCall> call = start(request, {}, true);
    call->upload_ = upload;
    co_return call;
  }
  std::string body;
  while (std::optional<std::string> piece = co_await upload->next()) body += *piece;
  co_return start(request, body, false);
}

Task<FetchEvent> FetchCall::head_event(std::optional<Loop::Duration> timeout) {
  auto self = shared_from_this();
  for (;;) {
    FetchEvent event = co_await next_event(timeout);
    if (event.kind != FetchEvent::Kind::pull) co_return event;
    if (!upload_ || finished_) continue;
    std::optional<std::string> piece;
    try {
      // Empty pieces are skipped: an empty enqueue() would not be a read.
      do {
        piece = co_await upload_->next();
      } while (piece && piece->empty());
    } catch (...) {
      abort();
      throw;
    }
    if (finished_) continue;  // aborted (closed, timed out) meanwhile
    if (piece) {
      httpxx_fetch_push(id_, piece->data(), piece->size(), 0);
    } else {
      httpxx_fetch_push(id_, nullptr, 0, 1);
      upload_.reset();
    }
  }
}

FetchCall* FetchCall::find(std::uint32_t id) noexcept {
  auto found = registry().find(id);
  return found == registry().end() ? nullptr : found->second;
}

void FetchCall::request_chunk() {
  if (!finished_) httpxx_fetch_read(id_);
}

void FetchCall::abort() noexcept {
  if (finished_) return;
  finished_ = true;
  httpxx_fetch_abort(id_);
}

void FetchCall::close(std::string reason) {
  abort();
  if (!waiter_ || event_) return;
  event_ = FetchEvent::of(FetchEvent::Kind::closed, std::move(reason));
  // close() runs inside someone's coroutine (or destructor): wake the
  // waiter from the loop, not from here.
  JsLoop::instance().post([self = shared_from_this()] { self->wake(); });
}

void FetchCall::deliver(FetchEvent event) {
  if (event.kind == FetchEvent::Kind::end || event.kind == FetchEvent::Kind::network_error ||
      event.kind == FetchEvent::Kind::bad_request ||
      (event.kind == FetchEvent::Kind::head && !event.has_body)) {
    finished_ = true;  // JS has forgotten the id already
  }
  event_ = std::move(event);
  wake();
}

void FetchCall::wake() {
  if (!waiter_ || !event_) return;
  auto keep = shared_from_this();  // the resumed frame may drop the last other reference
  std::exchange(waiter_, {}).resume();
}

FetchCall::Wait FetchCall::next_event(std::optional<Loop::Duration> timeout) {
  return Wait(*this, timeout);
}

// ------------------------------------------------------------------------ Wait

FetchCall::Wait::~Wait() {
  // A frame destroyed while it waits: nobody may resume it any more.
  if (self_ && call_.waiter_ == self_) call_.waiter_ = {};
  disarm();
}

void FetchCall::Wait::await_suspend(coro::coroutine_handle<> h) {
  self_ = h;
  call_.waiter_ = h;
  if (!timeout_) return;
  armed_ = true;
  timer_ = JsLoop::instance().start_timer(*timeout_, [this] {
    armed_ = false;
    call_.abort();
    call_.event_ = FetchEvent::of(FetchEvent::Kind::timeout);
    call_.wake();  // from a timer callback: nothing of ours is on the stack
  });
}

FetchEvent FetchCall::Wait::await_resume() {
  disarm();
  self_ = {};
  FetchEvent event = std::move(*call_.event_);
  call_.event_.reset();
  return event;
}

void FetchCall::Wait::disarm() noexcept {
  if (armed_) JsLoop::instance().cancel_timer(timer_);
  armed_ = false;
}

}  // namespace httpxx::wasm

// ------------------------------------------------------ called by fetch_library.js

using httpxx::wasm::FetchCall;
using httpxx::wasm::FetchEvent;

extern "C" {

EMSCRIPTEN_KEEPALIVE void httpxx_fetch_on_head(std::uint32_t id, int status,
                                               const char* status_text, std::size_t status_len,
                                               const char* headers, std::size_t headers_len,
                                               const char* url, std::size_t url_len, int has_body) {
  FetchCall* call = FetchCall::find(id);
  if (!call) return;
  FetchEvent event;
  event.kind = FetchEvent::Kind::head;
  event.status = status;
  event.status_text.assign(status_text, status_len);
  event.headers.assign(headers, headers_len);
  event.url.assign(url, url_len);
  event.has_body = has_body != 0;
  call->deliver(std::move(event));
}

EMSCRIPTEN_KEEPALIVE void httpxx_fetch_on_chunk(std::uint32_t id, const char* data,
                                                std::size_t len) {
  if (FetchCall* call = FetchCall::find(id)) {
    call->deliver(FetchEvent::of(FetchEvent::Kind::chunk, std::string(data, len)));
  }
}

EMSCRIPTEN_KEEPALIVE void httpxx_fetch_on_pull(std::uint32_t id) {
  if (FetchCall* call = FetchCall::find(id)) call->deliver(FetchEvent::of(FetchEvent::Kind::pull));
}

EMSCRIPTEN_KEEPALIVE void httpxx_fetch_on_end(std::uint32_t id) {
  if (FetchCall* call = FetchCall::find(id)) call->deliver(FetchEvent::of(FetchEvent::Kind::end));
}

EMSCRIPTEN_KEEPALIVE void httpxx_fetch_on_error(std::uint32_t id, int kind, const char* message,
                                                std::size_t len) {
  if (FetchCall* call = FetchCall::find(id)) {
    call->deliver(
        FetchEvent::of(kind == 1 ? FetchEvent::Kind::bad_request : FetchEvent::Kind::network_error,
                       std::string(message, len)));
  }
}

}  // extern "C"
