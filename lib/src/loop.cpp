#include "httpxx/loop.hpp"

#include <map>
#include <queue>
#include <stdexcept>
#include <thread>

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

// A coroutine that owns itself: started from the loop, destroyed at its end,
// or by the loop if the loop goes first. Its promise keeps the loop's set of
// live detached frames up to date.
struct Detached {
  struct promise_type {
    std::unordered_set<void*>* registry = nullptr;
    ~promise_type() {
      if (registry) {
        registry->erase(coro::coroutine_handle<promise_type>::from_promise(*this).address());
      }
    }
    Detached get_return_object() noexcept {
      return Detached{coro::coroutine_handle<promise_type>::from_promise(*this)};
    }
    coro::suspend_always initial_suspend() noexcept { return {}; }
    coro::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }  // the body catches everything
  };
  coro::coroutine_handle<promise_type> handle;
};

Detached detached_body(Task<void> task, std::exception_ptr* error) {
  try {
    co_await std::move(task);
  } catch (...) {
    if (!*error) *error = std::current_exception();
  }
}

}  // namespace

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

void Loop::spawn(Task<void> task) {
  Detached d = detached_body(std::move(task), &unhandled_);
  d.handle.promise().registry = &detached_;
  detached_.insert(d.handle.address());
  post([h = d.handle]() mutable { h.resume(); });
}

void Loop::destroy_detached_tasks() noexcept {
  while (!detached_.empty()) {
    void* address = *detached_.begin();
    detached_.erase(detached_.begin());
    auto h = coro::coroutine_handle<Detached::promise_type>::from_address(address);
    h.promise().registry = nullptr;
    h.destroy();
  }
}

void Loop::drive(coro::coroutine_handle<detail::TaskPromise<void>> top, const bool& done) {
  CurrentLoopScope scope(this);
  if (top.promise().start(top, coro::noop_coroutine())) run_until(done);
  if (unhandled_) std::rethrow_exception(std::exchange(unhandled_, nullptr));
}

void spawn(Task<void> task) { Loop::current().spawn(std::move(task)); }

namespace {

struct SleepAwaiter {
  Loop& loop;
  Loop::Duration delay;
  Loop::TimerId id = 0;
  bool pending = false;

  SleepAwaiter(Loop& l, Loop::Duration d) : loop(l), delay(d) {}
  SleepAwaiter(const SleepAwaiter&) = delete;
  SleepAwaiter& operator=(const SleepAwaiter&) = delete;
  ~SleepAwaiter() {
    // The sleeping coroutine is being destroyed: the timer must not fire.
    if (pending) loop.cancel_timer(id);
  }
  bool await_ready() const noexcept { return delay <= Loop::Duration::zero(); }
  void await_suspend(coro::coroutine_handle<> h) {
    pending = true;
    id = loop.start_timer(delay, [this, h]() mutable {
      pending = false;
      h.resume();
    });
  }
  void await_resume() const noexcept {}
};

}  // namespace

Task<void> sleep(Loop::Duration delay) {
  Loop& loop = Loop::current();
  co_await SleepAwaiter(loop, delay);
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
