#include "deadline.hpp"

#include <memory>
#include <optional>
#include <utility>

#include "httpxx/errors.hpp"
#include "httpxx/response.hpp"

namespace httpxx::detail {

namespace {

struct Race {
  std::optional<Response> value;
  std::exception_ptr error;
  bool finished = false;
  bool timed_out = false;
  coro::coroutine_handle<> waiter{};
  coro::coroutine_handle<> runner{};
};

// Runs the task in a frame of its own, so that the deadline can destroy it.
struct Runner {
  struct promise_type {
    Runner get_return_object() noexcept {
      return Runner{coro::coroutine_handle<promise_type>::from_promise(*this)};
    }
    coro::suspend_always initial_suspend() noexcept { return {}; }
    coro::suspend_always final_suspend() noexcept { return {}; }  // the race destroys it
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }  // the body catches everything
  };
  coro::coroutine_handle<promise_type> handle;
};

Runner run(Task<Response> task, std::shared_ptr<Race> race) {
  try {
    race->value = co_await std::move(task);
  } catch (...) {
    race->error = std::current_exception();
  }
  race->finished = true;
  // Woken from the loop, and only if still waiting then (the waiting frame
  // may be destroyed meanwhile: its cleanup clears `waiter`).
  if (race->waiter) {
    Loop::current().post([race] {
      if (auto h = std::exchange(race->waiter, {})) h.resume();
    });
  }
}

struct WaitForRace {
  Race& race;
  bool await_ready() const noexcept { return race.finished || race.timed_out; }
  void await_suspend(coro::coroutine_handle<> h) noexcept { race.waiter = h; }
  void await_resume() const noexcept {}
};

}  // namespace

Task<Response> with_deadline(Task<Response> task, Loop::Duration limit, std::string message) {
  Loop& loop = Loop::current();
  auto race = std::make_shared<Race>();
  Runner runner = run(std::move(task), race);
  race->runner = runner.handle;
  // Destroys the runner however this coroutine ends (completion, timeout,
  // or its own destruction while it waits).
  struct Cleanup {
    Loop& loop;
    std::shared_ptr<Race> race;
    Loop::TimerId timer = 0;
    ~Cleanup() {
      loop.cancel_timer(timer);
      race->waiter = {};
      if (race->runner) std::exchange(race->runner, {}).destroy();
    }
  } cleanup{loop, race};
  cleanup.timer = loop.start_timer(limit, [race] {
    if (race->finished) return;
    race->timed_out = true;
    // Cancel now: destroying the suspended request closes its connection.
    if (race->runner) std::exchange(race->runner, {}).destroy();
    if (race->waiter) std::exchange(race->waiter, {}).resume();
  });
  runner.handle.resume();  // start; it runs until its first suspension
  co_await WaitForRace{*race};
  if (race->timed_out) throw TimeoutException(message);
  if (race->error) std::rethrow_exception(race->error);
  co_return std::move(*race->value);
}

}  // namespace httpxx::detail
