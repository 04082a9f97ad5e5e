#pragma once
// Runs a coroutine for JS: started on the JS event loop, it settles a JS
// promise (through the `resolve`/`reject` functions httpxx.mjs passes in)
// with its value, or with the JS value of its exception (`thrown_value`).

#include <emscripten/val.h>

#include <utility>

#include "httpxx/loop.hpp"
#include "js_await.hpp"

namespace httpxx::wasm {

namespace detail {

template <class Make>
Task<void> settle_task(Make make, emscripten::val resolve, emscripten::val reject) {
  emscripten::val result = emscripten::val::undefined();
  bool ok = false;
  try {
    result = co_await make();
    ok = true;
  } catch (...) {
    reject(thrown_value());
  }
  if (ok) resolve(result);
}

}  // namespace detail

/// `make()` returns a `Task<emscripten::val>`; it is called on the loop, so
/// nothing runs before the caller has returned to JS.
template <class Make>
void settle(Make make, emscripten::val resolve, emscripten::val reject) {
  spawn(detail::settle_task(std::move(make), std::move(resolve), std::move(reject)));
}

}  // namespace httpxx::wasm
