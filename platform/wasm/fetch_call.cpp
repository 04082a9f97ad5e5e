#include "fetch_call.hpp"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "js_loop.hpp"

// Implemented in fetch_library.js.
extern "C" {
void httpxx_fetch_start(std::uint32_t id, const char* head, std::size_t head_len, const char* body,
                        std::size_t body_len, int flags, double head_ms, double read_ms,
                        double decoded_limit, double read_limit, int tls);
int httpxx_fetch_streams_uploads();
int httpxx_fetch_is_node();
int httpxx_fetch_tls(int verify, const char* ca_file, const char* ca_dir, const char* cert_file,
                     const char* key_file, const char* password, char* error, int error_size);
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

// Flags of httpxx_fetch_start, as in fetch_library.js.
constexpr int kStreamedUpload = 1;
constexpr int kWhole = 2;
constexpr int kHeadIsConnect = 4;

// Milliseconds for JS; negative means no limit.
double js_ms(const std::optional<Loop::Duration>& d) {
  if (!d) return -1;
  return std::max(0.0, std::chrono::duration<double, std::milli>(*d).count());
}

// The request head for JS in one latin-1 buffer, decoded there at once:
// "METHOD\nURL\nname\nvalue\n…". None of them can hold a line feed (the URL
// and the fields were validated when they were made).
std::string serialize_head(const Request& request) {
  const std::string& method = request.method();
  const std::string& url = request.url().str();
  std::size_t size = method.size() + url.size() + 2;
  for (const auto& [name, value] : request.headers()) size += name.size() + value.size() + 2;
  std::string out;
  out.reserve(size);
  out.append(method).append(1, '\n').append(url).append(1, '\n');
  for (const auto& [name, value] : request.headers()) {
    out.append(name).append(1, '\n').append(value).append(1, '\n');
  }
  return out;
}

}  // namespace

bool runtime_is_node() noexcept { return httpxx_fetch_is_node() != 0; }

int node_tls_settings(bool verify, const std::string& ca_file, const std::string& ca_dir,
                      const std::optional<ClientCert>& cert) {
  if (verify && ca_file.empty() && ca_dir.empty() && !cert) return 0;
  static const std::string none;
  std::string error(512, '\0');
  const int id = httpxx_fetch_tls(
      verify ? 1 : 0, ca_file.c_str(), ca_dir.c_str(), (cert ? cert->cert_file : none).c_str(),
      (cert ? cert->key_file : none).c_str(), (cert ? cert->password : none).c_str(), error.data(),
      static_cast<int>(error.size()));
  if (id <= 0) {
    error.resize(std::min(error.find('\0'), error.size()));
    throw std::invalid_argument("httpxx: cannot load the TLS settings: " + error);
  }
  return id;
}

FetchCall::FetchCall(std::uint32_t id) : id_(id) { registry().emplace(id, this); }

FetchCall::~FetchCall() {
  registry().erase(id_);
  abort();
}

std::shared_ptr<FetchCall> FetchCall::start(const Request& request, const FetchPlan& plan) {
  return start(request, request.content(), false, plan);
}

std::shared_ptr<FetchCall> FetchCall::start(const Request& request, const std::string& body,
                                            bool streamed, const FetchPlan& plan) {
  std::uint32_t id = g_next_id++;
  if (g_next_id == 0) g_next_id = 1;
  std::shared_ptr<FetchCall> call(new FetchCall(id));
  const std::string head = serialize_head(request);
  int flags = streamed ? kStreamedUpload : 0;
  if (plan.whole && !streamed) flags |= kWhole;
  if (plan.head_is_connect) flags |= kHeadIsConnect;
  httpxx_fetch_start(id, head.data(), head.size(), body.data(), body.size(), flags,
                     js_ms(plan.head_timeout), js_ms(plan.read_timeout),
                     static_cast<double>(plan.max_decoded_size),
                     static_cast<double>(plan.max_read_size), plan.tls);
  return call;
}

Task<std::shared_ptr<FetchCall>> FetchCall::launch(const Request& request, FetchPlan plan) {
  const std::shared_ptr<ByteSource>& upload = request.stream();
  if (!upload) co_return start(request, plan);
  upload->open();
  plan.whole = false;
  if (httpxx_fetch_streams_uploads()) {
    std::shared_ptr<FetchCall> call = start(request, {}, true, plan);
    call->upload_ = upload;
    co_return call;
  }
  std::string body;
  while (std::optional<std::string> piece = co_await upload->next()) body += *piece;
  co_return start(request, body, false, plan);
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
  if (waiter_.empty() || event_) return;
  event_ = FetchEvent::of(FetchEvent::Kind::closed, std::move(reason));
  // close() runs inside someone's coroutine (or destructor): the waiter is
  // resumed from the loop, not from here.
  waiter_.wake_one();
}

void FetchCall::deliver(FetchEvent event) {
  if (event.kind == FetchEvent::Kind::end || event.kind == FetchEvent::Kind::failed ||
      (event.kind == FetchEvent::Kind::head && (!event.has_body || event.whole))) {
    finished_ = true;  // JS has forgotten the id already
  }
  event_ = std::move(event);
  auto keep = shared_from_this();  // the resumed frame may drop the last other reference
  waiter_.resume_one();
}

FetchCall::Wait FetchCall::next_event(std::optional<Loop::Duration> timeout) {
  return Wait(*this, timeout);
}

// ------------------------------------------------------------------------ Wait

FetchEvent FetchCall::Wait::await_resume() {
  if (wait_.await_resume() == httpxx::detail::WaitOutcome::timed_out) {
    // The deadline passed first: the fetch is aborted, and an event that
    // came after the timer fired (before this resumed) is dropped with it.
    call_.abort();
    call_.event_.reset();
    return FetchEvent::of(FetchEvent::Kind::timeout);
  }
  // Woken only with an event in place (deliver, close); defensive.
  if (!call_.event_) return FetchEvent::of(FetchEvent::Kind::closed, "the fetch ended");
  FetchEvent event = std::move(*call_.event_);
  call_.event_.reset();
  return event;
}

}  // namespace httpxx::wasm

// ------------------------------------------------------ called by fetch_library.js

using httpxx::wasm::FetchCall;
using httpxx::wasm::FetchEvent;

extern "C" {

// The buffer of the next head of call `id`: `size` bytes that JS fills
// before httpxx_fetch_on_head, so that a whole body is copied once, from
// the JS response into the string that becomes the Response's content.
// Null for an unknown id.
EMSCRIPTEN_KEEPALIVE char* httpxx_fetch_head_buffer(std::uint32_t id, std::size_t size) {
  FetchCall* call = FetchCall::find(id);
  return call ? call->head_buffer(size) : nullptr;
}

// The head buffer holds `body_len` body bytes, then the HTTP version, the
// status text, the URL and the header lines, one after the other (one
// crossing from JS).
EMSCRIPTEN_KEEPALIVE void httpxx_fetch_on_head(std::uint32_t id, int status,
                                               std::size_t version_len, std::size_t status_len,
                                               std::size_t url_len, std::size_t headers_len,
                                               std::size_t body_len, int flags) {
  FetchCall* call = FetchCall::find(id);
  if (!call) return;
  FetchEvent event;
  event.kind = FetchEvent::Kind::head;
  event.status = status;
  event.data = call->take_head_buffer();
  if (event.data.size() != body_len + version_len + status_len + url_len + headers_len) {
    call->deliver(FetchEvent::of(FetchEvent::Kind::failed, "the response head was lost"));
    return;
  }
  const char* text = event.data.data() + body_len;
  event.http_version.assign(text, version_len);
  text += version_len;
  event.status_text.assign(text, status_len);
  text += status_len;
  event.url.assign(text, url_len);
  text += url_len;
  event.headers.assign(text, headers_len);
  event.data.resize(body_len);
  event.has_body = (flags & 1) != 0;
  event.whole = (flags & 2) != 0;  // else body_len is 0
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
    FetchEvent event = FetchEvent::of(FetchEvent::Kind::failed, std::string(message, len));
    if (kind >= 0 && kind <= static_cast<int>(httpxx::wasm::FetchFailure::too_large)) {
      event.failure = static_cast<httpxx::wasm::FetchFailure>(kind);
    }
    call->deliver(std::move(event));
  }
}

}  // extern "C"
