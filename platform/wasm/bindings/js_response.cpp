#include "js_response.hpp"

#include <memory>

#include "httpxx/errors.hpp"
#include "js_errors.hpp"
#include "settle.hpp"

namespace httpxx::wasm {

using emscripten::val;

val to_uint8array(std::string_view bytes) {
  val view(emscripten::typed_memory_view(bytes.size(),
                                         reinterpret_cast<const unsigned char*>(bytes.data())));
  return val::global("Uint8Array").new_(view);  // copies out of the wasm heap
}

val JsResponse::headers() const {
  val out = val::array();
  for (const auto& [name, value] : response_.headers()) {
    val pair = val::array();
    pair.call<void>("push", std::string(name), std::string(value));
    out.call<void>("push", pair);
  }
  return out;
}

val JsResponse::history() const {
  val out = val::array();
  for (const Response& r : response_.history()) {
    // An owned handle: a shared_ptr passed straight to push() would be a
    // temporary that embind deletes after the call.
    out.call<void>("push", val(std::make_shared<JsResponse>(r)));
  }
  return out;
}

double JsResponse::elapsed_ms() const {
  return std::chrono::duration<double, std::milli>(response_.elapsed()).count();
}

void JsResponse::read(val resolve, val reject) {
  settle(
      [r = response_]() mutable -> Task<val> {
        (void)co_await r.read();
        co_return val::undefined();
      },
      std::move(resolve), std::move(reject));
}

val JsResponse::text() const {
  return guarded([&] { return response_.text(); });
}

val JsResponse::bytes() const {
  try {
    return to_uint8array(response_.content());
  } catch (...) {
    return error_value();
  }
}

void JsResponse::next(val resolve, val reject) {
  if (!stream_) {
    try {
      stream_ = std::make_shared<ByteStream>(response_.stream());
    } catch (...) {
      reject(error_value());
      return;
    }
  }
  // The task shares the stream (which holds the response), so it may outlive
  // this object's JS handle.
  settle(
      [stream = stream_]() -> Task<val> {
        std::optional<std::string> chunk = co_await stream->next();
        co_return chunk ? to_uint8array(*chunk) : val::null();
      },
      std::move(resolve), std::move(reject));
}

void JsResponse::close(val resolve, val reject) {
  settle(
      [r = response_]() mutable -> Task<val> {
        co_await r.close();
        co_return val::undefined();
      },
      std::move(resolve), std::move(reject));
}

val JsResponse::status_error() const {
  try {
    response_.raise_for_status();
    return val::null();
  } catch (...) {
    return error_value();
  }
}

}  // namespace httpxx::wasm
