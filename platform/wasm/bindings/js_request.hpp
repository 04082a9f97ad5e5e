#pragma once
// `JsRequest`: an httpxx::Request built by `AsyncClient::build_request`,
// for JS (bound as `Request` in the core module; httpxx.mjs wraps it as
// `Request`), to be sent with `send()`.

#include <emscripten/val.h>

#include <string>

#include "httpxx/request.hpp"

namespace httpxx::wasm {

class JsRequest {
 public:
  explicit JsRequest(Request request) : request_(std::move(request)) {}

  std::string method() const { return request_.method(); }
  std::string url() const { return request_.url().str(); }
  /// [[name, value], …] in order.
  emscripten::val headers() const;
  /// Replaces every header by `pairs` ([[name, value], …]); undefined, or
  /// the error value (TypeError, LocalProtocolError) leaving them as they were.
  emscripten::val set_headers(emscripten::val pairs);
  /// The body bytes as a Uint8Array (empty for a streamed body).
  emscripten::val content() const;

  const Request& request() const { return request_; }

 private:
  Request request_;
};

}  // namespace httpxx::wasm
