#pragma once
/// \file
/// The event-loop interface of httpxx, and `run()` / `spawn()` / `sleep()`.
///
/// A `Loop` runs callbacks and timers on one thread. Natively it is backed by
/// an Asio `io_context`; in the browser and Node.js by the JavaScript event
/// loop; `RunLoop` is a small portable loop for programs and tests that use
/// `MockTransport` only. Transports find the loop they run on through
/// `Loop::current()`, which `Loop::run()` sets (as asyncio's running loop).

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>

#include "httpxx/task.hpp"

namespace httpxx {

namespace detail {
class LoopCore;
}  // namespace detail

/// An event loop: callbacks, timers, detached tasks.
///
/// Not thread-safe unless a subclass says so: use a loop from the thread
/// that runs it.
class Loop {
 public:
  /// A callback run by the loop (`post`, `start_timer`).
  using Callback = std::function<void()>;
  /// Timer delays; `std::chrono::seconds`, `milliseconds`, … convert to it.
  using Duration = std::chrono::steady_clock::duration;
  /// Names a started timer, for `cancel_timer`.
  using TimerId = std::uint64_t;

  Loop();
  Loop(const Loop&) = delete;
  Loop& operator=(const Loop&) = delete;
  virtual ~Loop();

  /// Runs `fn` soon, from the loop, never from inside this call.
  virtual void post(Callback fn) = 0;
  /// Runs `fn` once after `delay`. Returns an id for `cancel_timer`.
  virtual TimerId start_timer(Duration delay, Callback fn) = 0;
  /// Stops a timer. Harmless if it already fired or was cancelled.
  virtual void cancel_timer(TimerId id) = 0;

  /// Starts `task` detached; it runs until it ends on its own or the loop
  /// is destroyed (then its frame is destroyed, releasing what it holds).
  /// An exception escaping the task is kept and rethrown by the `run()` in
  /// progress when it finishes, so that no error is lost silently.
  void spawn(Task<void> task);

  /// Drives the loop until `task` completes and returns its result (or
  /// rethrows its exception). Makes this loop `current()` meanwhile.
  /// Throws `std::logic_error` if the task waits for something that can
  /// never happen (no more events), and on loops that cannot block (the
  /// browser's).
  template <class T>
  T run(Task<T> task);

  /// The loop running on this thread. Throws `std::logic_error` if none.
  static Loop& current();
  /// The loop running on this thread, or nullptr.
  static Loop* current_or_null() noexcept;

 protected:
  /// Processes events until `done` becomes true. Throws `std::logic_error`
  /// if there is nothing left to wait for while `done` is still false.
  virtual void run_until(const bool& done) = 0;
  /// Destroys the frames of detached tasks that are still suspended.
  /// Subclasses call it first in their destructor, while their event
  /// sources are still alive.
  void destroy_detached_tasks() noexcept;

 private:
  friend class detail::LoopCore;
  void drive(coro::coroutine_handle<detail::TaskPromise<void>> top, const bool& done);
  // The wake-up queue and the detached tasks (lib/src/async/loop_core.hpp).
  std::unique_ptr<detail::LoopCore> core_;
};

/// A portable, single-threaded loop with no I/O: a queue of callbacks and
/// timers on `std::chrono::steady_clock`. Used for `MockTransport` and in
/// the unit tests on every platform.
class RunLoop final : public Loop {
 public:
  RunLoop();
  ~RunLoop() override;
  void post(Callback fn) override;
  TimerId start_timer(Duration delay, Callback fn) override;
  void cancel_timer(TimerId id) override;

 protected:
  void run_until(const bool& done) override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Runs `task` to completion on a new default loop of this platform (an
/// Asio loop natively) and returns its result, like `asyncio.run`.
/// Not available in the browser, where nothing may block: use `spawn`.
template <class T>
T run(Task<T> task);

/// Starts `task` detached on `Loop::current()`.
void spawn(Task<void> task);

/// Suspends the calling coroutine for `delay` on `Loop::current()`.
/// Destroying the coroutine while it sleeps cancels the timer.
[[nodiscard]] Task<void> sleep(Loop::Duration delay);

namespace detail {

/// Makes this platform's default loop (defined by the platform library).
std::unique_ptr<Loop> make_default_loop();

template <class T>
Task<void> run_and_store(Task<T> task, std::optional<T>& out, std::exception_ptr& error,
                         bool& done) {
  try {
    out.emplace(co_await std::move(task));
  } catch (...) {
    error = std::current_exception();
  }
  done = true;
}

inline Task<void> run_and_store_void(Task<void> task, std::exception_ptr& error, bool& done) {
  try {
    co_await std::move(task);
  } catch (...) {
    error = std::current_exception();
  }
  done = true;
}

}  // namespace detail

template <class T>
T Loop::run(Task<T> task) {
  bool done = false;
  std::exception_ptr error;
  if constexpr (std::is_void_v<T>) {
    Task<void> top = detail::run_and_store_void(std::move(task), error, done);
    drive(top.handle(), done);
    if (error) std::rethrow_exception(error);
  } else {
    std::optional<T> out;
    Task<void> top = detail::run_and_store<T>(std::move(task), out, error, done);
    drive(top.handle(), done);
    if (error) std::rethrow_exception(error);
    return std::move(*out);
  }
}

template <class T>
T run(Task<T> task) {
  auto loop = detail::make_default_loop();
  return loop->run(std::move(task));
}

}  // namespace httpxx
