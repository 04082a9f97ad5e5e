// The embind surface of the core module (httpxx_core.mjs). It is private:
// JS code uses httpxx.mjs, which wraps these classes.
#include <emscripten/bind.h>

#include "js_client.hpp"
#include "js_parallel.hpp"
#include "js_response.hpp"

EMSCRIPTEN_BINDINGS(httpxx) {
  using namespace emscripten;
  using httpxx::wasm::JsClient;
  using httpxx::wasm::JsParallel;
  using httpxx::wasm::JsPending;
  using httpxx::wasm::JsResponse;

  class_<JsClient>("Client")
      .smart_ptr<std::shared_ptr<JsClient>>("ClientPtr")
      .class_function("create", &JsClient::create)
      .function("request", &JsClient::request)
      .function("parallel", &JsClient::parallel)
      .function("close", &JsClient::close)
      .function("isClosed", &JsClient::is_closed);

  class_<JsParallel>("Parallel")
      .smart_ptr<std::shared_ptr<JsParallel>>("ParallelPtr")
      .function("request", &JsParallel::request)
      .function("nextResponse", &JsParallel::next_response)
      .function("hasPending", &JsParallel::has_pending)
      .function("running", &JsParallel::running)
      .function("gather", &JsParallel::gather)
      .function("close", &JsParallel::close);

  class_<JsPending>("Pending")
      .smart_ptr<std::shared_ptr<JsPending>>("PendingPtr")
      .function("getResponse", &JsPending::get_response)
      .function("done", &JsPending::done)
      .function("method", &JsPending::method)
      .function("url", &JsPending::url);

  class_<JsResponse>("Response")
      .smart_ptr<std::shared_ptr<JsResponse>>("ResponsePtr")
      .function("status", &JsResponse::status)
      .function("reasonPhrase", &JsResponse::reason_phrase)
      .function("httpVersion", &JsResponse::http_version)
      .function("url", &JsResponse::url)
      .function("method", &JsResponse::method)
      .function("headers", &JsResponse::headers)
      .function("history", &JsResponse::history)
      .function("elapsedMs", &JsResponse::elapsed_ms)
      .function("isClosed", &JsResponse::is_closed)
      .function("isStreamConsumed", &JsResponse::is_stream_consumed)
      .function("read", &JsResponse::read)
      .function("text", &JsResponse::text)
      .function("bytes", &JsResponse::bytes)
      .function("next", &JsResponse::next)
      .function("close", &JsResponse::close)
      .function("statusError", &JsResponse::status_error);
}
