#pragma once
// `JsClient`: an httpxx::AsyncClient for JS (bound as `Client` in the core
// module; httpxx.mjs wraps it as `AsyncClient`).

#include <emscripten/val.h>

#include <memory>
#include <string>

#include "httpxx/async_client.hpp"
#include "js_request.hpp"

namespace httpxx::wasm {

class JsClient {
 public:
  /// A client handle (shared_ptr<JsClient>), or an error value if the
  /// options are invalid.
  static emscripten::val create(emscripten::val options);

  explicit JsClient(ClientOptions options);

  /// Sends a request; resolves with its response value (js_response_table.hpp).
  void request(std::string method, std::string url, emscripten::val options,
               emscripten::val resolve, emscripten::val reject);
  /// build_request(): a JsRequest handle, or the error value.
  emscripten::val build_request(std::string method, std::string url, emscripten::val options);
  /// Sends a built request; resolves with its response value.
  void send(const JsRequest& request, emscripten::val options, emscripten::val resolve,
            emscripten::val reject);
  /// The client-wide headers, [[name, value], …].
  emscripten::val headers() const;
  /// Replaces the client-wide headers; undefined or the error value.
  emscripten::val set_headers(emscripten::val pairs);
  void close(emscripten::val resolve, emscripten::val reject);
  bool is_closed() const { return client_->is_closed(); }

  /// client.parallel(): a JsParallel handle, or an error value if the
  /// options are invalid.
  emscripten::val parallel(emscripten::val options);

  // The client's cookie jar (AsyncClient::cookies()). Cookies use the JS
  // form of `cookie_value` (js_response.hpp); empty `domain`/`path` mean
  // any.
  /// Every cookie, oldest first (expired ones evicted first).
  emscripten::val cookie_list();
  /// The value of the first matching cookie, or null.
  emscripten::val cookie_get(std::string name, std::string domain, std::string path) const;
  /// Sets (or replaces) a cookie; an error value for an invalid one, else
  /// undefined.
  emscripten::val cookie_set(std::string name, std::string value, std::string domain,
                             std::string path);
  /// Removes the matching cookies; how many.
  unsigned cookie_delete(std::string name, std::string domain, std::string path);
  void cookie_clear() { client_->cookies().clear(); }

 private:
  // Shared with the requests in flight, which may outlive the JS handle.
  std::shared_ptr<AsyncClient> client_;
};

}  // namespace httpxx::wasm
