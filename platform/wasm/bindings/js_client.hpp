#pragma once
// `JsClient`: an httpxx::AsyncClient for JS (bound as `Client` in the core
// module; httpxx.mjs wraps it as `AsyncClient`).

#include <emscripten/val.h>

#include <memory>
#include <string>

#include "httpxx/async_client.hpp"

namespace httpxx::wasm {

class JsClient {
 public:
  /// A client handle (shared_ptr<JsClient>), or an error value if the
  /// options are invalid.
  static emscripten::val create(emscripten::val options);

  explicit JsClient(ClientOptions options);

  /// Sends a request; resolves with a JsResponse handle.
  void request(std::string method, std::string url, emscripten::val options,
               emscripten::val resolve, emscripten::val reject);
  void close(emscripten::val resolve, emscripten::val reject);
  bool is_closed() const { return client_->is_closed(); }

  /// client.parallel(): a JsParallel handle, or an error value if the
  /// options are invalid.
  emscripten::val parallel(emscripten::val options);

 private:
  // Shared with the requests in flight, which may outlive the JS handle.
  std::shared_ptr<AsyncClient> client_;
};

}  // namespace httpxx::wasm
