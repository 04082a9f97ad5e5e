#include "js_loop.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>

#include <deque>
#include <stdexcept>
#include <unordered_map>

namespace {

using httpxx::Loop;

std::deque<Loop::Callback>& posted() {
  static std::deque<Loop::Callback> queue;
  return queue;
}
std::unordered_map<Loop::TimerId, Loop::Callback>& timers() {
  static std::unordered_map<Loop::TimerId, Loop::Callback> map;
  return map;
}
bool g_drain_scheduled = false;
Loop::TimerId g_next_timer = 1;

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void httpxx_wasm_drain() {
  g_drain_scheduled = false;
  // Callbacks posted while draining run in this drain too (FIFO).
  auto& queue = posted();
  while (!queue.empty()) {
    Loop::Callback fn = std::move(queue.front());
    queue.pop_front();
    fn();
  }
}

// clang-format off
EM_JS(void, httpxx_schedule_drain, (), {
  queueMicrotask(function() { _httpxx_wasm_drain(); });
});
// clang-format on

namespace httpxx::wasm {

JsLoop::~JsLoop() { destroy_detached_tasks(); }

JsLoop& JsLoop::instance() {
  static JsLoop* loop = new JsLoop();  // lives as long as the module
  return *loop;
}

void JsLoop::post(Callback fn) {
  posted().push_back(std::move(fn));
  if (!g_drain_scheduled) {
    g_drain_scheduled = true;
    httpxx_schedule_drain();
  }
}

Loop::TimerId JsLoop::start_timer(Duration delay, Callback fn) {
  TimerId id = g_next_timer++;
  timers().emplace(id, std::move(fn));
  double ms = std::chrono::duration<double, std::milli>(delay).count();
  // The id travels as the user-data pointer; a cancelled timer still fires
  // in JS, finds nothing and does nothing.
  emscripten_set_timeout(
      [](void* p) {
        auto found = timers().find(static_cast<TimerId>(reinterpret_cast<std::uintptr_t>(p)));
        if (found == timers().end()) return;
        Callback cb = std::move(found->second);
        timers().erase(found);
        cb();
      },
      ms, reinterpret_cast<void*>(static_cast<std::uintptr_t>(id)));
  return id;
}

void JsLoop::cancel_timer(TimerId id) { timers().erase(id); }

void JsLoop::run_until(const bool& done) {
  if (done) return;
  throw std::logic_error(
      "httpxx::run() cannot block in the browser or Node.js event loop: start the task with "
      "httpxx::spawn() instead");
}

}  // namespace httpxx::wasm
