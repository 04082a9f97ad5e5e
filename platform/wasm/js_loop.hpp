#pragma once
// The WebAssembly loop: the JavaScript event loop. Posts run as microtasks,
// timers are setTimeout. There is one JS event loop per module, so every
// JsLoop object is a view of the same queues. Nothing may block: `run()` is
// refused; start work with `httpxx::spawn()`. Except in programs linked
// with -sASYNCIFY (the wasm test programs): there `run()` yields to the JS
// event loop with emscripten_sleep until the task is done. (Emscripten
// 3.1.6's Asyncify needs JS exceptions, -fexceptions, throughout.)

#include "httpxx/loop.hpp"

namespace httpxx::wasm {

class JsLoop final : public Loop {
 public:
  JsLoop() = default;
  ~JsLoop() override;
  void post(Callback fn) override;
  TimerId start_timer(Duration delay, Callback fn) override;
  void cancel_timer(TimerId id) override;

  /// The loop `Loop::current()` gives when no other loop runs.
  static JsLoop& instance();

 protected:
  void run_until(const bool& done) override;
};

}  // namespace httpxx::wasm
