#pragma once
// Awaiting JavaScript from C++ coroutines: `co_await call_js(fn, arg)` calls
// the JS function `fn(arg, waker)` and suspends until JS calls
// `waker.resolve(value)` (the co_await gives `value`) or
// `waker.reject(error)` (the co_await throws `JsThrown` holding `error`).
// httpxx.mjs wraps user callbacks (hooks, upload sources) this way, so a JS
// callback may be async and its exceptions never unwind C++ frames.

#include <emscripten/val.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "async/wait_list.hpp"
#include "httpxx/coro.hpp"
#include "httpxx/task.hpp"

namespace httpxx::wasm {

/// A JS value thrown by a user callback, carried through C++ unchanged so
/// that the caller's promise rejects with that very value.
class JsThrown : public std::runtime_error {
 public:
  explicit JsThrown(emscripten::val value);
  /// The JS value (usually an Error) the callback threw or rejected with.
  [[nodiscard]] const emscripten::val& value() const noexcept { return value_; }

 private:
  emscripten::val value_;
};

/// A wrong option name or type from JS; the bindings report it as a JS
/// `TypeError` (see `type_error_value`).
class OptionError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// The JS side of one `call_js`: bound as `Waker`. Settling it twice, or
/// after the waiting coroutine was destroyed, is harmless: the coroutine
/// waits on the waker's `WaitList` (lib/src/async/wait_list.hpp), which
/// forgets a destroyed waiter and resumes a woken one from the loop, so JS
/// may settle from anywhere, even inside the call.
class JsWaker {
 public:
  void resolve(emscripten::val value);
  void reject(emscripten::val error);

 private:
  friend class JsCall;
  void settle(emscripten::val value, bool failed);
  std::optional<emscripten::val> value_{};
  bool failed_ = false;
  httpxx::detail::WaitList waiter_;
};

/// The awaitable `call_js` returns. Destroying it (its coroutine destroyed
/// while waiting, e.g. a cancelled parallel request) detaches the waker.
class JsCall {
 public:
  JsCall(emscripten::val fn, emscripten::val arg);
  JsCall(const JsCall&) = delete;
  JsCall& operator=(const JsCall&) = delete;

  bool await_ready() const noexcept { return false; }
  void await_suspend(coro::coroutine_handle<> waiter);
  /// The resolved value; throws `JsThrown` if the callback failed.
  emscripten::val await_resume();

 private:
  emscripten::val fn_;
  emscripten::val arg_;
  std::shared_ptr<JsWaker> waker_;  // JS holds it too, maybe longer
  httpxx::detail::WaitList::Wait wait_;
};

/// Calls `fn(arg, waker)` and awaits the waker (see the file comment).
[[nodiscard]] inline JsCall call_js(emscripten::val fn, emscripten::val arg) {
  return JsCall(std::move(fn), std::move(arg));
}

/// A JS `TypeError` with `message`, for rejecting a promise with it.
emscripten::val type_error_value(const std::string& message);

/// The value a bound function gives JS for the exception in flight: the JS
/// value of a `JsThrown`, a `TypeError` for an `OptionError`, else the
/// error value of js_errors.hpp.
emscripten::val thrown_value();

/// Calls `fn()`; returns its result, or `thrown_value()` if it throws.
template <class F>
emscripten::val guarded_js(F&& fn) {
  try {
    return emscripten::val(fn());
  } catch (...) {
    return thrown_value();
  }
}

}  // namespace httpxx::wasm
