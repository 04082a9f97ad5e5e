#include "js_parallel.hpp"

#include <vector>

#include "js_await.hpp"
#include "js_options.hpp"
#include "js_response.hpp"
#include "settle.hpp"

namespace httpxx::wasm {

using emscripten::val;

void JsPending::get_response(val resolve, val reject) {
  // The task holds the set, so the request is not cancelled meanwhile even
  // if every JS handle is dropped.
  settle(
      [set = set_, pending = pending_]() mutable -> Task<val> {
        Response r = co_await pending.get_response();
        co_return val(std::make_shared<JsResponse>(std::move(r)));
      },
      std::move(resolve), std::move(reject));
}

val JsParallel::request(std::string method, std::string url, val options) {
  return guarded_js([&] {
    RequestOptions parsed = request_options(options);
    PendingResponse pending = parallel_->request(std::move(method), URL(url), std::move(parsed));
    return std::make_shared<JsPending>(parallel_, std::move(pending));
  });
}

val JsParallel::send(const JsRequest& request, val options) {
  return guarded_js([&] {
    SendOptions parsed = send_options(options);
    PendingResponse pending = parallel_->send(request.request(), std::move(parsed));
    return std::make_shared<JsPending>(parallel_, std::move(pending));
  });
}

void JsParallel::next_response(val resolve, val reject) {
  settle(
      [p = parallel_]() -> Task<val> {
        Response r = co_await p->next_response();
        co_return val(std::make_shared<JsResponse>(std::move(r)));
      },
      std::move(resolve), std::move(reject));
}

void JsParallel::gather(val resolve, val reject) {
  settle(
      [p = parallel_]() -> Task<val> {
        std::vector<Response> all = co_await p->gather();
        val out = val::array();
        // Owned handles: see JsResponse::history().
        for (Response& r : all) {
          out.call<void>("push", val(std::make_shared<JsResponse>(std::move(r))));
        }
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
