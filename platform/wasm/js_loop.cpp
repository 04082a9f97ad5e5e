#include "js_loop.hpp"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <deque>
#include <stdexcept>
#include <unordered_map>

// Implemented in loop_library.js.
extern "C" {
void httpxx_loop_schedule_drain();
void httpxx_loop_start_timer(double id, double ms);
void httpxx_loop_cancel_timer(double id);
int httpxx_loop_can_block();
}

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
// Below 2^53, so that ids travel through JS numbers unchanged.
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

extern "C" EMSCRIPTEN_KEEPALIVE void httpxx_wasm_timer(double id) {
  auto found = timers().find(static_cast<Loop::TimerId>(id));
  if (found == timers().end()) return;
  Loop::Callback fn = std::move(found->second);
  timers().erase(found);
  fn();
}

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
    httpxx_loop_schedule_drain();
  }
}

Loop::TimerId JsLoop::start_timer(Duration delay, Callback fn) {
  TimerId id = g_next_timer++;
  timers().emplace(id, std::move(fn));
  double ms = std::chrono::duration<double, std::milli>(delay).count();
  httpxx_loop_start_timer(static_cast<double>(id), ms < 0 ? 0 : ms);
  return id;
}

void JsLoop::cancel_timer(TimerId id) {
  if (timers().erase(id) > 0) httpxx_loop_cancel_timer(static_cast<double>(id));
}

void JsLoop::run_until(const bool& done) {
  if (done) return;
  if (!httpxx_loop_can_block()) {
    throw std::logic_error(
        "httpxx::run() cannot block in the browser or Node.js event loop: start the task with "
        "httpxx::spawn() instead (or link the program with -sASYNCIFY)");
  }
  // Asyncify unwinds this stack and returns to the JS event loop; posted
  // callbacks, timers and fetch events run meanwhile (they resume
  // coroutines themselves), and the stack is rewound a millisecond later
  // to look at `done` again.
  while (!done) emscripten_sleep(1);
}

}  // namespace httpxx::wasm
