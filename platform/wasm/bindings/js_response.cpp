#include "js_response.hpp"

#include <memory>

#include "httpxx/errors.hpp"
#include "js_await.hpp"
#include "js_errors.hpp"
#include "js_options.hpp"
#include "js_response_table.hpp"
#include "settle.hpp"

// Implemented in bindings_library.js.
extern "C" emscripten::EM_VAL httpxx_uint8array(const char* data, std::size_t len);

namespace httpxx::wasm {

using emscripten::val;

val to_uint8array(std::string_view bytes) {
  return val::take_ownership(httpxx_uint8array(bytes.data(), bytes.size()));
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
    out.call<void>("push", response_value(r));
  }
  return out;
}

val JsResponse::charset_encoding() const {
  std::optional<std::string> charset = response_.charset_encoding();
  return charset ? val(*charset) : val::null();
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

struct JsReader::Source {
  Kind kind;
  std::optional<ByteStream> bytes;
  std::optional<TextStream> text;
  std::optional<LineStream> lines;
};

JsReader::JsReader(Response& response, Kind kind) : source_(std::make_shared<Source>()) {
  source_->kind = kind;
  switch (kind) {
    case Kind::bytes:
      source_->bytes.emplace(response.stream());
      break;
    case Kind::raw:
      source_->bytes.emplace(response.raw());
      break;
    case Kind::text:
      source_->text.emplace(response.text_stream());
      break;
    case Kind::lines:
      source_->lines.emplace(response.lines());
      break;
  }
}

void JsReader::next(val resolve, val reject) {
  // The task shares the source (which holds the response), so it may
  // outlive this object's JS handle.
  settle(
      [source = source_]() -> Task<val> {
        std::optional<std::string> piece;
        if (source->bytes) {
          piece = co_await source->bytes->next();
          co_return piece ? to_uint8array(*piece) : val::null();
        }
        if (source->text) {
          piece = co_await source->text->next();
        } else {
          piece = co_await source->lines->next();
        }
        co_return piece ? val(*piece) : val::null();
      },
      std::move(resolve), std::move(reject));
}

val JsResponse::open(int kind) {
  if (kind < 0 || kind > 3) return type_error_value("unknown reader kind");
  return guarded_js(
      [&] { return std::make_shared<JsReader>(response_, static_cast<JsReader::Kind>(kind)); });
}

val JsResponse::next_request() const {
  const std::optional<Request>& next = response_.next_request();
  return next ? request_value(*next) : val::null();
}

val cookie_value(const Cookie& cookie) {
  val out = val::object();
  out.set("name", cookie.name);
  out.set("value", cookie.value);
  out.set("domain", cookie.domain);
  out.set("path", cookie.path);
  if (cookie.expires) {
    out.set("expires",
            std::chrono::duration<double, std::milli>(cookie.expires->time_since_epoch()).count());
  } else {
    out.set("expires", val::null());
  }
  out.set("secure", cookie.secure);
  out.set("httpOnly", cookie.http_only);
  return out;
}

val JsResponse::cookies() const {
  val out = val::array();
  try {
    for (const Cookie& c : response_.cookies()) out.call<void>("push", cookie_value(c));
  } catch (...) {
    return error_value();
  }
  return out;
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
