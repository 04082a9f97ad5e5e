// The embind surface of the core module (httpxx_core.mjs). It is private:
// JS code uses httpxx.mjs, which wraps these classes.
#include <emscripten/bind.h>

#include "js_await.hpp"
#include "js_client.hpp"
#include "js_parallel.hpp"
#include "js_request.hpp"
#include "js_response.hpp"
#include "js_response_table.hpp"

EMSCRIPTEN_BINDINGS(httpxx) {
  using namespace emscripten;
  using httpxx::wasm::JsClient;
  using httpxx::wasm::JsParallel;
  using httpxx::wasm::JsReader;
  using httpxx::wasm::JsRequest;
  using httpxx::wasm::JsResponse;
  using httpxx::wasm::JsWaker;

  class_<JsClient>("Client")
      .smart_ptr<std::shared_ptr<JsClient>>("ClientPtr")
      .class_function("create", &JsClient::create)
      .function("request", &JsClient::request)
      .function("parallel", &JsClient::parallel)
      .function("buildRequest", &JsClient::build_request)
      .function("send", &JsClient::send)
      .function("headers", &JsClient::headers)
      .function("setHeaders", &JsClient::set_headers)
      .function("close", &JsClient::close)
      .function("cookieList", &JsClient::cookie_list)
      .function("cookieGet", &JsClient::cookie_get)
      .function("cookieSet", &JsClient::cookie_set)
      .function("cookieDelete", &JsClient::cookie_delete)
      .function("cookieClear", &JsClient::cookie_clear)
      .function("isClosed", &JsClient::is_closed);

  class_<JsParallel>("Parallel")
      .smart_ptr<std::shared_ptr<JsParallel>>("ParallelPtr")
      .function("request", &JsParallel::request)
      .function("send", &JsParallel::send)
      .function("pendingResponse", &JsParallel::pending_response)
      .function("pendingDone", &JsParallel::pending_done)
      .function("pendingRequest", &JsParallel::pending_request)
      .function("forgetPending", &JsParallel::forget_pending)
      .function("nextResponse", &JsParallel::next_response)
      .function("hasPending", &JsParallel::has_pending)
      .function("running", &JsParallel::running)
      .function("gather", &JsParallel::gather)
      .function("close", &JsParallel::close);

  class_<JsRequest>("Request")
      .smart_ptr<std::shared_ptr<JsRequest>>("RequestPtr")
      .function("method", &JsRequest::method)
      .function("url", &JsRequest::url)
      .function("headers", &JsRequest::headers)
      .function("setHeaders", &JsRequest::set_headers)
      .function("content", &JsRequest::content);

  class_<JsReader>("Reader")
      .smart_ptr<std::shared_ptr<JsReader>>("ReaderPtr")
      .function("next", &JsReader::next);

  class_<JsWaker>("Waker")
      .smart_ptr<std::shared_ptr<JsWaker>>("WakerPtr")
      .function("resolve", &JsWaker::resolve)
      .function("reject", &JsWaker::reject);

  function("takeResponse", &httpxx::wasm::take_response);
  function("dropResponse", &httpxx::wasm::drop_response);
  function("responseBytes", &httpxx::wasm::response_bytes);

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
      .function("encoding", &JsResponse::encoding)
      .function("setEncoding", &JsResponse::set_encoding)
      .function("charsetEncoding", &JsResponse::charset_encoding)
      .function("isStreamConsumed", &JsResponse::is_stream_consumed)
      .function("read", &JsResponse::read)
      .function("text", &JsResponse::text)
      .function("bytes", &JsResponse::bytes)
      .function("open", &JsResponse::open)
      .function("nextRequest", &JsResponse::next_request)
      .function("cookies", &JsResponse::cookies)
      .function("close", &JsResponse::close)
      .function("statusError", &JsResponse::status_error);
}
