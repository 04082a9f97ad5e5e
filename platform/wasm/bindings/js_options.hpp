#pragma once
// Options from JS, as httpxx.mjs normalises them, to their C++ types:
//
//   request: { params: [[k, v]…], headers: [[k, v]…], content: Uint8Array,
//              json: "JSON text", data: [[k, v]…],
//              files: [[field, { filename, content: Uint8Array,
//                                contentType }]…],
//              contentStream: pull(undefined, waker) -> Uint8Array | null,
//              timeout, stream: bool, followRedirects: bool,
//              cookies: [[k, v]…], auth }
//   client:  { baseUrl: string, headers, params, timeout, followRedirects,
//              maxRedirects: integer, defaultEncoding: string,
//              maxDecodedSize: integer >= 0, maxReadSize: integer >= 0,
//              cookies: [{ name, value,
//              domain, path }…], auth, eventHooks: { request: [fn…],
//              response: [fn…] } }
//   send:    { stream, followRedirects, timeout, auth }
//   parallel: { maxConcurrency: non-negative integer (0: no limit) }
//   timeout: undefined (not given) | null (none) | { connect, read, write,
//            pool } in ms, each null for no limit (missing: 5 s)
//   auth:    { scheme: "basic" | "digest", username, password }
//            | { scheme: "function", fn: (request) -> { headers } | { error } }
//   hooks:   request: fn({ method, url, headers }, waker) resolves with the
//            new headers ([[k, v]…]) or undefined; response: fn(JsResponse
//            handle, waker). Both may reject (the request fails with that).
//
// Every field may be absent (undefined or null). A name not listed, or a
// value of the wrong type, throws `OptionError` naming the option, so a
// caller bypassing httpxx.mjs gets a TypeError, never a silent drop or a
// crash. Invalid values throw what the C++ types throw (LocalProtocolError
// for a bad header, InvalidURL for a bad URL).

#include <emscripten/val.h>

#include <string_view>

#include "httpxx/options.hpp"
#include "httpxx/parallel.hpp"
#include "httpxx/request.hpp"

namespace httpxx::wasm {

RequestOptions request_options(const emscripten::val& js);
/// { stream, followRedirects, timeout, auth } (as in request options).
SendOptions send_options(const emscripten::val& js);
ClientOptions client_options(const emscripten::val& js);
ParallelOptions parallel_options(const emscripten::val& js);

/// Headers from [[name, value]…] pairs of strings; `OptionError` naming
/// `name` for anything else.
Headers header_pairs(const emscripten::val& pairs, std::string_view name);

/// A request as JS hooks and auth functions see it: { method, url,
/// headers: [[k, v]…] }.
emscripten::val request_value(const Request& request);

}  // namespace httpxx::wasm
