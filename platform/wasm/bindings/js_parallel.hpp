#pragma once
// `JsParallel`: httpxx::Parallel for JS (bound as `Parallel` in the core
// module; httpxx.mjs wraps it as `Parallel`). Its pending responses are kept
// here under numbers (httpxx.mjs's PendingResponse holds one, and forgets
// it when collected): one embind handle per request would cost more than
// the rest of its way through the bindings.
//
// The Parallel is held in a shared_ptr: the requests keep running while
// the JS handle (or a promise of it) is alive. Once it is gone
// (garbage-collected), the Parallel is destroyed, which cancels what still
// runs, as in C++. Like the other bound classes, nothing here lets a C++
// exception reach JS (js_errors.hpp).

#include <emscripten/val.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "httpxx/parallel.hpp"
#include "js_request.hpp"

namespace httpxx::wasm {

class JsParallel {
 public:
  explicit JsParallel(Parallel parallel)
      : parallel_(std::make_shared<Parallel>(std::move(parallel))) {}

  /// Starts a request: the number of its pending response, or the error
  /// value if it cannot be built (bad options or URL; a closed Parallel).
  /// Nothing is started then.
  emscripten::val request(std::string method, std::string url, emscripten::val options);
  /// Starts a built request (options as JsClient::send): the number of its
  /// pending response, or the error value.
  emscripten::val send(const JsRequest& request, emscripten::val options);
  /// Resolves with the response value (js_response_table.hpp) of pending
  /// response `id`, or rejects with its error.
  void pending_response(double id, emscripten::val resolve, emscripten::val reject);
  /// Whether pending response `id` has finished (false for an unknown id).
  bool pending_done(double id) const;
  /// `{ method, url }` of pending response `id`'s request (null if unknown).
  emscripten::val pending_request(double id) const;
  /// Forgets pending response `id` (its request goes on).
  void forget_pending(double id) { pending_.erase(static_cast<std::uint64_t>(id)); }
  /// Resolves with the response value of the next request to finish.
  void next_response(emscripten::val resolve, emscripten::val reject);
  bool has_pending() const { return parallel_->has_pending(); }
  unsigned running() const { return static_cast<unsigned>(parallel_->running()); }
  /// Resolves with an array of response values in submission order.
  void gather(emscripten::val resolve, emscripten::val reject);
  void close(emscripten::val resolve, emscripten::val reject);

 private:
  emscripten::val keep(PendingResponse pending);

  std::shared_ptr<Parallel> parallel_;
  std::unordered_map<std::uint64_t, PendingResponse> pending_;
  std::uint64_t next_id_ = 1;  // never reused: a late forget cannot hit another
};

}  // namespace httpxx::wasm
