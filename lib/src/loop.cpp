#include "httpxx/loop.hpp"

#include <map>
#include <queue>
#include <stdexcept>
#include <thread>

#include "async/loop_core.hpp"
#include "async/wait_list.hpp"
#include "platform.hpp"

namespace httpxx {

namespace {

thread_local Loop* t_current = nullptr;

class CurrentLoopScope {
 public:
  explicit CurrentLoopScope(Loop* loop) : previous_(t_current) { t_current = loop; }
  ~CurrentLoopScope() { t_current = previous_; }
  CurrentLoopScope(const CurrentLoopScope&) = delete;
  CurrentLoopScope& operator=(const CurrentLoopScope&) = delete;

 private:
  Loop* previous_;
};

}  // namespace

Loop::Loop() : core_(std::make_unique<detail::LoopCore>(*this)) {}

Loop::~Loop() = default;

Loop& Loop::current() {
  if (t_current == nullptr) {
    if (Loop* fallback = detail::fallback_loop()) return *fallback;
    throw std::logic_error(
        "no httpxx loop is running on this thread: await from a coroutine driven by "
        "httpxx::run(), Loop::run() or spawn()");
  }
  return *t_current;
}

Loop* Loop::current_or_null() noexcept { return t_current ? t_current : detail::fallback_loop(); }

void Loop::spawn(Task<void> task) { core_->detached.spawn(std::move(task)); }

void Loop::destroy_detached_tasks() noexcept { core_->detached.cancel(); }

void Loop::drive(coro::coroutine_handle<detail::TaskPromise<void>> top, const bool& done) {
  CurrentLoopScope scope(this);
  if (top.promise().start(top, coro::noop_coroutine())) run_until(done);
  if (std::exception_ptr error = core_->detached.take_error()) std::rethrow_exception(error);
}

void spawn(Task<void> task) { Loop::current().spawn(std::move(task)); }

Task<void> sleep(Loop::Duration delay) {
  (void)Loop::current();  // throws if no loop runs, even for a zero delay
  if (delay <= Loop::Duration::zero()) co_return;
  // A wait nobody wakes: it ends when its timer fires. Destroying the
  // sleeping coroutine cancels the timer.
  detail::WaitList nobody;
  (void)co_await nobody.wait(delay);
}

// -------------------------------------------------------------------- RunLoop

struct RunLoop::State {
  struct Timer {
    Loop::Callback fn;
  };
  std::queue<Loop::Callback> ready;
  // Deadline-ordered; the id breaks ties so timers with equal deadlines run
  // in the order they were started.
  std::map<std::pair<std::chrono::steady_clock::time_point, Loop::TimerId>, Loop::Callback> timers;
  std::map<Loop::TimerId, std::chrono::steady_clock::time_point> deadlines;
  Loop::TimerId next_id = 1;
};

RunLoop::RunLoop() : state_(std::make_unique<State>()) {}

RunLoop::~RunLoop() { destroy_detached_tasks(); }

void RunLoop::post(Callback fn) { state_->ready.push(std::move(fn)); }

Loop::TimerId RunLoop::start_timer(Duration delay, Callback fn) {
  auto id = state_->next_id++;
  auto deadline = std::chrono::steady_clock::now() + delay;
  state_->timers.emplace(std::make_pair(deadline, id), std::move(fn));
  state_->deadlines.emplace(id, deadline);
  return id;
}

void RunLoop::cancel_timer(TimerId id) {
  auto it = state_->deadlines.find(id);
  if (it == state_->deadlines.end()) return;
  state_->timers.erase(std::make_pair(it->second, id));
  state_->deadlines.erase(it);
}

void RunLoop::run_until(const bool& done) {
  State& s = *state_;
  while (!done) {
    if (!s.ready.empty()) {
      Callback fn = std::move(s.ready.front());
      s.ready.pop();
      fn();
      continue;
    }
    if (s.timers.empty()) {
      throw std::logic_error(
          "httpxx::RunLoop: the task waits, but nothing is left that could wake it");
    }
    auto first = s.timers.begin();
    std::this_thread::sleep_until(first->first.first);
    Callback fn = std::move(first->second);
    s.deadlines.erase(first->first.second);
    s.timers.erase(first);
    fn();
  }
}

}  // namespace httpxx
