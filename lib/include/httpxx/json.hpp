#pragma once
/// \file
/// JSON values, for `RequestOptions::json` and `Response::json()`.
/// httpxx uses Boost.JSON (already part of the Boost it needs for URLs, and
/// it builds unchanged for WebAssembly); `httpxx::Json` is its value type.

#include <boost/json/value.hpp>

namespace httpxx {
/// A JSON document: `Json{{"name", "x"}, {"n", 1}}`, `Json::parse`-free.
using Json = boost::json::value;
}  // namespace httpxx
