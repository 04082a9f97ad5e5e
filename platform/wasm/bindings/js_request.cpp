#include "js_request.hpp"

#include "js_await.hpp"
#include "js_options.hpp"
#include "js_response.hpp"

namespace httpxx::wasm {

using emscripten::val;

val JsRequest::headers() const { return request_value(request_)["headers"]; }

val JsRequest::set_headers(val pairs) {
  return guarded_js([&] {
    request_.headers() = header_pairs(pairs, "headers");
    return val::undefined();
  });
}

val JsRequest::content() const { return to_uint8array(request_.content()); }

}  // namespace httpxx::wasm
