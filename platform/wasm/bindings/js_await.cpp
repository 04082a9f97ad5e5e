#include "js_await.hpp"

#include <utility>

#include "httpxx/loop.hpp"
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
  if (!waiter_) return;
  // JS may settle from anywhere (even inside the call): resume from the
  // loop, and only if the waiter still exists then.
  Loop::current().post([waker = shared_from_this()]() {
    if (auto waiter = std::exchange(waker->waiter_, {})) waiter.resume();
  });
}

JsCall::JsCall(val fn, val arg)
    : fn_(std::move(fn)), arg_(std::move(arg)), waker_(std::make_shared<JsWaker>()) {}

JsCall::~JsCall() { waker_->waiter_ = {}; }

void JsCall::await_suspend(coro::coroutine_handle<> waiter) {
  // Set before the call: a callback that settles at once still resumes
  // the waiter, from the loop.
  waker_->waiter_ = waiter;
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
