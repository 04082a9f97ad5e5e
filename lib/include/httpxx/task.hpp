#pragma once
/// \file
/// `Task<T>`: the one coroutine type of httpxx.
///
/// A Task is lazy (it starts when awaited), move-only, awaited at most once,
/// and propagates exceptions to its awaiter. Control passes between
/// coroutines by symmetric transfer. A task that completes synchronously
/// does not grow the stack of its awaiter: `await_suspend` resumes the
/// child directly and, if the child finished before returning, tells the
/// compiler not to suspend at all. Long chains of synchronous completions
/// therefore run in a loop, whether or not the optimiser turns resumptions
/// into tail calls (debug and sanitizer builds included).

#include <cstddef>
#include <exception>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "httpxx/coro.hpp"

namespace httpxx {

template <class T = void>
class Task;

class Loop;

namespace detail {

/// Coroutine frames of `Task`s come from a per-thread cache of recently
/// freed frames (lib/src/frame_pool.cpp): a request in the steady state
/// allocates none.
void* allocate_frame(std::size_t size);
void deallocate_frame(void* frame, std::size_t size) noexcept;

class TaskPromiseBase {
 public:
  static void* operator new(std::size_t size) { return allocate_frame(size); }
  static void operator delete(void* frame, std::size_t size) noexcept {
    deallocate_frame(frame, size);
  }

  coro::suspend_always initial_suspend() noexcept { return {}; }

  struct FinalAwaiter {
    bool await_ready() noexcept { return false; }
#if defined(__wasm__) && !defined(__wasm_tail_call__)
    // WebAssembly without the tail-call feature (the programs linked with
    // Emscripten's -sASYNCIFY, which rejects tail calls) cannot transfer
    // symmetrically, so the continuation is resumed by a plain call. Only
    // asynchronous completions get here (synchronous ones finish inline), so
    // the stack grows with the nesting depth of awaiting tasks, never with
    // the length of a chain of awaits.
    template <class Promise>
    void await_suspend(coro::coroutine_handle<Promise> self) noexcept {
      TaskPromiseBase& p = self.promise();
      if (p.resumed_inline_) {
        p.completed_inline_ = true;
        return;
      }
      // May destroy this frame: nothing of it is touched afterwards.
      if (coro::coroutine_handle<> next = p.continuation_) next.resume();
    }
#else
    template <class Promise>
    coro::coroutine_handle<> await_suspend(coro::coroutine_handle<Promise> self) noexcept {
      TaskPromiseBase& p = self.promise();
      if (p.resumed_inline_) {
        // The awaiter is still inside its await_suspend: it will carry on by
        // returning false, so nothing has to be resumed here.
        p.completed_inline_ = true;
        return coro::noop_coroutine();
      }
      return p.continuation_ ? p.continuation_ : coro::noop_coroutine();
    }
#endif
    void await_resume() noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }

  /// Starts the task on behalf of `awaiter`. Returns true if the awaiter
  /// must stay suspended (the task has not finished yet).
  bool start(coro::coroutine_handle<> self, coro::coroutine_handle<> awaiter) {
    continuation_ = awaiter;
    resumed_inline_ = true;
    self.resume();
    resumed_inline_ = false;
    return !completed_inline_;
  }

 private:
  coro::coroutine_handle<> continuation_{};
  bool resumed_inline_ = false;
  bool completed_inline_ = false;
};

template <class T>
class TaskPromise final : public TaskPromiseBase {
 public:
  Task<T> get_return_object() noexcept;
  void unhandled_exception() noexcept { result_.template emplace<2>(std::current_exception()); }
  template <class U>
  requires std::is_convertible_v<U&&, T>
  void return_value(U&& value) { result_.template emplace<1>(std::forward<U>(value)); }
  T take() {
    if (taken_) throw std::logic_error("httpxx::Task awaited twice");
    taken_ = true;
    if (result_.index() == 2) std::rethrow_exception(std::get<2>(result_));
    return std::move(std::get<1>(result_));
  }

 private:
  std::variant<std::monostate, T, std::exception_ptr> result_;
  bool taken_ = false;
};

template <>
class TaskPromise<void> final : public TaskPromiseBase {
 public:
  Task<void> get_return_object() noexcept;
  void unhandled_exception() noexcept { error_ = std::current_exception(); }
  void return_void() noexcept {}
  void take() {
    if (taken_) throw std::logic_error("httpxx::Task awaited twice");
    taken_ = true;
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  std::exception_ptr error_;
  bool taken_ = false;
};

/// The raw handle of a task, for code that drives tasks by hand (a test
/// that stops a task at its first wait). `Loop` needs no such help.
struct TaskHandle {
  template <class T>
  static coro::coroutine_handle<TaskPromise<T>> of(const Task<T>& task) noexcept {
    return task.handle();
  }
};

}  // namespace detail

/// A lazily started coroutine producing a `T` (or throwing).
///
/// Await it exactly once with `co_await std::move(task)` or `co_await f()`.
/// Destroying a task that was never awaited destroys its frame and
/// everything the frame captured; the body never runs.
template <class T>
class [[nodiscard]] Task {
 public:
  /// The coroutine machinery's promise type (an implementation detail: what makes a
  /// function returning `Task<T>` a coroutine).
  using promise_type = detail::TaskPromise<T>;
  /// What awaiting the task gives.
  using value_type = T;

  Task() noexcept = default;
  /// Takes ownership of a coroutine frame (used by the promise; a user gets tasks by
  /// calling coroutines).
  explicit Task(coro::coroutine_handle<promise_type> h) noexcept : handle_(h) {}
  /// Takes `other`'s coroutine; `other` becomes empty (`valid()` false).
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  /// Destroys the coroutine held (if any) and takes `other`'s.
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      reset();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;
  ~Task() { reset(); }

  /// True if this object holds a coroutine (it was not moved from).
  [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(handle_); }
  /// True once the coroutine has run to its end.
  [[nodiscard]] bool done() const noexcept { return handle_ && handle_.done(); }

  /// What `co_await task` uses: starts the coroutine and resumes the awaiting one with its
  /// result (symmetric transfer; a synchronous completion continues without recursing).
  struct Awaiter {
    /// The awaited coroutine.
    coro::coroutine_handle<promise_type> handle;
    /// True if there is nothing to wait for (an empty or finished task).
    bool await_ready() const noexcept { return !handle || handle.done(); }
    /// Starts the coroutine; false if it completed synchronously (the awaiter goes on).
    bool await_suspend(coro::coroutine_handle<> awaiter) {
      return handle.promise().start(handle, awaiter);
    }
    /// The coroutine's value, or its exception rethrown. Throws `std::logic_error` for an
    /// empty task.
    T await_resume() {
      if (!handle) throw std::logic_error("httpxx::Task awaited after it was moved from");
      return handle.promise().take();
    }
  };

  /// Awaiting an lvalue task is allowed once; the value is moved out.
  Awaiter operator co_await() & noexcept { return Awaiter{handle_}; }
  /// Awaits a temporary or moved task: `co_await f()`, `co_await std::move(task)`.
  Awaiter operator co_await() && noexcept { return Awaiter{handle_}; }

 private:
  friend class Loop;
  friend struct detail::TaskHandle;
  [[nodiscard]] coro::coroutine_handle<promise_type> handle() const noexcept { return handle_; }
  void reset() noexcept {
    if (handle_) handle_.destroy();
    handle_ = {};
  }
  coro::coroutine_handle<promise_type> handle_{};
};

namespace detail {
template <class T>
Task<T> TaskPromise<T>::get_return_object() noexcept {
  return Task<T>{coro::coroutine_handle<TaskPromise<T>>::from_promise(*this)};
}
inline Task<void> TaskPromise<void>::get_return_object() noexcept {
  return Task<void>{coro::coroutine_handle<TaskPromise<void>>::from_promise(*this)};
}
}  // namespace detail

}  // namespace httpxx
