#pragma once
// C++ exceptions as values for JS: { httpxxError: true, name, message,
// request?: { method, url }, status? }. httpxx.mjs turns them into instances
// of its Error classes: httpxx's errors by their C++ names; std::bad_alloc
// as "OutOfMemoryError"; std::logic_error (a misuse of the API) as a plain
// JS Error (`usage: true`); any other exception as "InternalError" (its
// message names the C++ type). None becomes the root class.

#include <emscripten/val.h>

#include <exception>

namespace httpxx::wasm {

/// The error value for an exception (the current one by default). Never
/// throws for an exception of any type.
emscripten::val error_value(std::exception_ptr error = std::current_exception());

/// Calls `fn()`; returns its result, or the error value if it throws.
/// Bound functions use it so that no C++ exception ever reaches JS.
template <class F>
emscripten::val guarded(F&& fn) {
  try {
    return emscripten::val(fn());
  } catch (...) {
    return error_value();
  }
}

}  // namespace httpxx::wasm
