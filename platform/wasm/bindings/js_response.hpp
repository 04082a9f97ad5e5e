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
#include "httpxx/text_stream.hpp"

namespace httpxx::wasm {

/// One reading of a response body (bound as `Reader`): its bytes decoded
/// or raw, its text, or its lines. Each JS iterator owns one, so a second
/// `stream()` meets the C++ rules (`StreamConsumed`) instead of continuing
/// the first one's stream.
class JsReader {
 public:
  enum class Kind { bytes = 0, raw = 1, text = 2, lines = 3 };
  /// Starts reading `response` (throws what `stream()`, `raw()`,
  /// `text_stream()` or `lines()` throw).
  JsReader(Response& response, Kind kind);
  /// The next piece: resolves with a Uint8Array (bytes, raw) or a string
  /// (text, lines), or null at the end.
  void next(emscripten::val resolve, emscripten::val reject);

 private:
  struct Source;
  std::shared_ptr<Source> source_;
};

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
  /// The redirect responses that led here (response values, see
  /// js_response_table.hpp), oldest first.
  emscripten::val history() const;
  double elapsed_ms() const;
  bool is_closed() const { return response_.is_closed(); }
  /// The encoding text() uses (set_encoding's, else the declared charset,
  /// else the client's default).
  std::string encoding() const { return response_.encoding(); }
  /// Overrides the encoding text() and text streams use.
  void set_encoding(std::string encoding) { response_.set_encoding(std::move(encoding)); }
  /// The charset Content-Type declares (lower case), or null.
  emscripten::val charset_encoding() const;
  bool is_stream_consumed() const { return response_.is_stream_consumed(); }

  /// Reads the whole body (a no-op once read); resolves with undefined.
  void read(emscripten::val resolve, emscripten::val reject);
  /// After `read`: the body as text (charset from Content-Type).
  emscripten::val text() const;
  /// After `read`: the body bytes (a Uint8Array copy).
  emscripten::val bytes() const;
  /// A JsReader handle of `kind` (JsReader::Kind as a number), or the
  /// error value (StreamConsumed, StreamClosed, TypeError for a bad kind).
  emscripten::val open(int kind);
  /// The request a redirect would send next, as { method, url, headers },
  /// or null (not a redirect, or redirects were followed).
  emscripten::val next_request() const;
  /// The cookies this response sets: [{ name, value, domain, path,
  /// expires (ms since 1970 or null), secure, httpOnly }…].
  emscripten::val cookies() const;
  void close(emscripten::val resolve, emscripten::val reject);
  /// The HTTPStatusError value for a response that is not 2xx, else null.
  emscripten::val status_error() const;

 private:
  Response response_;
};

/// The JS form of a cookie (see `JsResponse::cookies()`).
emscripten::val cookie_value(const Cookie& cookie);

/// A Uint8Array holding a copy of `bytes`.
emscripten::val to_uint8array(std::string_view bytes);

}  // namespace httpxx::wasm
