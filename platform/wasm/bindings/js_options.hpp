#pragma once
// Options from JS, as httpxx.mjs normalises them, to their C++ types:
//
//   request: { params: [[k, v]…], headers: [[k, v]…], content: Uint8Array,
//              json: "JSON text", data: [[k, v]…], timeout, stream: bool,
//              followRedirects: bool }
//   client:  { baseUrl: string, headers, params, timeout, followRedirects,
//              maxRedirects: number, defaultEncoding: string }
//   parallel: { maxConcurrency: non-negative integer (0: no limit) }
//   timeout: undefined (not given) | null (none) | { connect, read, write,
//            pool } in ms, each null for no limit (missing: 5 s)
//
// Every field may be absent. Throws what the C++ types throw for invalid
// values (LocalProtocolError for a bad header, InvalidURL for a bad URL).

#include <emscripten/val.h>

#include "httpxx/options.hpp"
#include "httpxx/parallel.hpp"

namespace httpxx::wasm {

RequestOptions request_options(const emscripten::val& js);
ClientOptions client_options(const emscripten::val& js);
ParallelOptions parallel_options(const emscripten::val& js);

}  // namespace httpxx::wasm
