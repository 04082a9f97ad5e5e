#pragma once
// `JsParallel` and `JsPending`: httpxx::Parallel and httpxx::PendingResponse
// for JS (bound as `Parallel` and `Pending` in the core module; httpxx.mjs
// wraps them as `Parallel` and `PendingResponse`).
//
// Both hold the Parallel in a shared_ptr: the requests keep running while
// any JS handle of their set (or a promise of it) is alive. Once all are
// gone (garbage-collected), the Parallel is destroyed, which cancels what
// still runs, as in C++. Like the other bound classes, nothing here lets a
// C++ exception reach JS (js_errors.hpp).

#include <emscripten/val.h>

#include <memory>
#include <string>

#include "httpxx/parallel.hpp"
#include "js_request.hpp"

namespace httpxx::wasm {

class JsPending {
 public:
  JsPending(std::shared_ptr<Parallel> set, PendingResponse pending)
      : set_(std::move(set)), pending_(std::move(pending)) {}

  /// Resolves with this request's JsResponse handle, or rejects with its error.
  void get_response(emscripten::val resolve, emscripten::val reject);
  bool done() const { return pending_.done(); }
  std::string method() const { return pending_.request().method(); }
  std::string url() const { return pending_.request().url().str(); }

 private:
  std::shared_ptr<Parallel> set_;
  PendingResponse pending_;
};

class JsParallel {
 public:
  explicit JsParallel(Parallel parallel)
      : parallel_(std::make_shared<Parallel>(std::move(parallel))) {}

  /// Starts a request: a JsPending handle, or the error value if it cannot
  /// be built (bad options or URL; a closed Parallel). Nothing is started then.
  emscripten::val request(std::string method, std::string url, emscripten::val options);
  /// Starts a built request (options as JsClient::send): a JsPending
  /// handle, or the error value.
  emscripten::val send(const JsRequest& request, emscripten::val options);
  /// Resolves with the JsResponse handle of the next request to finish.
  void next_response(emscripten::val resolve, emscripten::val reject);
  bool has_pending() const { return parallel_->has_pending(); }
  unsigned running() const { return static_cast<unsigned>(parallel_->running()); }
  /// Resolves with an array of JsResponse handles in submission order.
  void gather(emscripten::val resolve, emscripten::val reject);
  void close(emscripten::val resolve, emscripten::val reject);

 private:
  std::shared_ptr<Parallel> parallel_;
};

}  // namespace httpxx::wasm
