#pragma once
// Responses handed to JS without an embind handle. Making a class handle
// costs more than the rest of a small request's trip through the bindings,
// and most responses are only looked at for their head and bytes. So a
// finished response is kept here under a number, and JS gets one plain
// object (`response_value`) holding its head; httpxx.mjs asks for the full
// JsResponse handle (`take_response`) only when a method needs it, and
// drops the entry (`drop_response`) when its Response object is collected
// unused.

#include <emscripten/val.h>

#include "httpxx/response.hpp"

namespace httpxx::wasm {

/// Keeps `response` and returns its head for JS in one crossing:
/// `{ id, status, reasonPhrase, httpVersion, url, method, headers: [[name,
/// value], …], read, closed, redirect }`; `read`: the body is in content(),
/// `redirect`: a next request exists (redirects were not followed).
emscripten::val response_value(Response response);

/// The JsResponse handle of entry `id` (the entry is removed), or a
/// TypeError value if there is none.
emscripten::val take_response(double id);

/// Forgets entry `id`; nothing happens if there is none.
void drop_response(double id);

/// The body of entry `id` as a new Uint8Array (the error value if it was
/// not read, a TypeError value if there is no entry).
emscripten::val response_bytes(double id);

}  // namespace httpxx::wasm
