#include "js_await.hpp"

#include <utility>

#include "js_errors.hpp"

namespace httpxx::wasm {

using emscripten::val;

JsThrown::JsThrown(val value)
    : std::runtime_error("an exception thrown by a JavaScript callback"),
      value_(std::move(value)) {}

void JsWaker::resolve(val value) { settle(std::move(value), false); }
void JsWaker::reject(val error) { settle(std::move(error), true); }

void JsWaker::settle(val value, bool failed) {
  if (value_) return;
  value_ = std::move(value);
  failed_ = failed;
  waiter_.wake_one();
}

JsCall::JsCall(val fn, val arg)
    : fn_(std::move(fn)),
      arg_(std::move(arg)),
      waker_(std::make_shared<JsWaker>()),
      wait_(waker_->waiter_.wait()) {}

void JsCall::await_suspend(coro::coroutine_handle<> waiter) {
  // Waiting before the call: a callback that settles at once still wakes
  // the waiter (resumed from the loop).
  wait_.await_suspend(waiter);
  fn_(arg_, val(waker_));
}

val JsCall::await_resume() {
  val value = waker_->value_ ? std::move(*waker_->value_) : val::undefined();
  if (waker_->failed_) throw JsThrown(std::move(value));
  return value;
}

val type_error_value(const std::string& message) { return val::global("TypeError").new_(message); }

val thrown_value() {
  try {
    throw;
  } catch (const JsThrown& e) {
    return e.value();
  } catch (const OptionError& e) {
    return type_error_value(e.what());
  } catch (...) {
    return error_value();
  }
}

}  // namespace httpxx::wasm
