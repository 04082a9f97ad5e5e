#pragma once
// `JsResponse`: an httpxx::Response for JS (bound as `Response` in the core
// module; httpxx.mjs wraps it). Handed to JS in a shared_ptr, so embind
// frees it when its JS handle is garbage-collected.
//
// Methods that finish later take the `resolve`/`reject` functions of a JS
// promise; the others return a value or, if C++ threw, an error value
// (js_errors.hpp). None lets a C++ exception reach JS.

#include <emscripten/val.h>

#include <memory>
#include <string>

#include "httpxx/response.hpp"

namespace httpxx::wasm {

class JsResponse {
 public:
  explicit JsResponse(Response response) : response_(std::move(response)) {}

  int status() const { return response_.status_code(); }
  std::string reason_phrase() const { return response_.reason_phrase(); }
  std::string http_version() const { return response_.http_version(); }
  std::string url() const { return response_.url().str(); }
  std::string method() const { return response_.request().method(); }
  /// [[name, value], …] in the order received.
  emscripten::val headers() const;
  /// The redirect responses that led here (JsResponse handles), oldest first.
  emscripten::val history() const;
  double elapsed_ms() const;
  bool is_closed() const { return response_.is_closed(); }
  bool is_stream_consumed() const { return response_.is_stream_consumed(); }

  /// Reads the whole body (a no-op once read); resolves with undefined.
  void read(emscripten::val resolve, emscripten::val reject);
  /// After `read`: the body as text (charset from Content-Type).
  emscripten::val text() const;
  /// After `read`: the body bytes (a Uint8Array copy).
  emscripten::val bytes() const;
  /// The next chunk of the decoded body: resolves with a Uint8Array, or
  /// null at the end.
  void next(emscripten::val resolve, emscripten::val reject);
  void close(emscripten::val resolve, emscripten::val reject);
  /// The HTTPStatusError value for a response that is not 2xx, else null.
  emscripten::val status_error() const;

 private:
  Response response_;
  std::shared_ptr<ByteStream> stream_;
};

/// A Uint8Array holding a copy of `bytes`.
emscripten::val to_uint8array(std::string_view bytes);

}  // namespace httpxx::wasm
