#include "js_parallel.hpp"

#include <vector>

#include "js_await.hpp"
#include "js_options.hpp"
#include "js_response_table.hpp"
#include "settle.hpp"

namespace httpxx::wasm {

using emscripten::val;

val JsParallel::keep(PendingResponse pending) {
  const std::uint64_t id = next_id_++;
  pending_.emplace(id, std::move(pending));
  return val(static_cast<double>(id));
}

void JsParallel::pending_response(double id, val resolve, val reject) {
  auto found = pending_.find(static_cast<std::uint64_t>(id));
  if (found == pending_.end()) {
    reject(type_error_value("the pending response is gone"));
    return;
  }
  // The task holds the set, so the request is not cancelled meanwhile even
  // if every JS handle is dropped.
  settle(
      [set = parallel_, pending = found->second]() mutable -> Task<val> {
        Response r = co_await pending.get_response();
        co_return response_value(std::move(r));
      },
      std::move(resolve), std::move(reject));
}

bool JsParallel::pending_done(double id) const {
  auto found = pending_.find(static_cast<std::uint64_t>(id));
  return found != pending_.end() && found->second.done();
}

val JsParallel::pending_request(double id) const {
  auto found = pending_.find(static_cast<std::uint64_t>(id));
  if (found == pending_.end()) return val::null();
  val out = val::object();
  out.set("method", found->second.request().method());
  out.set("url", found->second.request().url().str());
  return out;
}

val JsParallel::request(std::string method, std::string url, val options) {
  return guarded_js([&] {
    RequestOptions parsed = request_options(options);
    return keep(parallel_->request(std::move(method), URL(url), std::move(parsed)));
  });
}

val JsParallel::send(const JsRequest& request, val options) {
  return guarded_js([&] {
    SendOptions parsed = send_options(options);
    return keep(parallel_->send(request.request(), std::move(parsed)));
  });
}

void JsParallel::next_response(val resolve, val reject) {
  settle(
      [p = parallel_]() -> Task<val> {
        Response r = co_await p->next_response();
        co_return response_value(std::move(r));
      },
      std::move(resolve), std::move(reject));
}

void JsParallel::gather(val resolve, val reject) {
  settle(
      [p = parallel_]() -> Task<val> {
        std::vector<Response> all = co_await p->gather();
        val out = val::array();
        for (Response& r : all) out.call<void>("push", response_value(std::move(r)));
        co_return out;
      },
      std::move(resolve), std::move(reject));
}

void JsParallel::close(val resolve, val reject) {
  settle(
      [p = parallel_]() -> Task<val> {
        co_await p->close();
        co_return val::undefined();
      },
      std::move(resolve), std::move(reject));
}

}  // namespace httpxx::wasm
