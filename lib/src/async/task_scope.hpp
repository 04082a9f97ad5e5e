#pragma once
// `TaskScope`: owns the frames of tasks started without an awaiter (a loop's
// detached tasks, a `Parallel`'s requests, a request running under a
// deadline), as cppcoro's async_scope does.
//
// A member runs until it ends on its own, or until the scope is cancelled
// or destroyed: then its frame is destroyed wherever it is suspended, which
// releases what it holds (sockets close, fetches abort, waits unregister).
// Members are started from the loop (through the ready queue), never inside
// the call that starts them. An exception escaping a member is kept: the
// first one is there for `take_error()`.
//
// Frames come from the per-thread frame cache; adding and removing a
// member allocates nothing else.

#include <cstddef>
#include <exception>
#include <utility>

#include "async/list_link.hpp"
#include "async/wait_list.hpp"
#include "httpxx/loop.hpp"
#include "httpxx/task.hpp"

namespace httpxx::detail {

class TaskScope {
 public:
  /// A member adopted but maybe not started yet: what `start()` takes.
  struct Member {
    void* frame = nullptr;
  };

  /// Members are started and woken on `loop`.
  explicit TaskScope(Loop& loop) noexcept : loop_(loop) {}
  TaskScope(const TaskScope&) = delete;
  TaskScope& operator=(const TaskScope&) = delete;
  /// Cancels the members still alive.
  ~TaskScope() { cancel(); }

  /// Adopts `task` and starts it soon, from the loop.
  void spawn(Task<void> task) { start(adopt(std::move(task))); }
  /// Adopts `task` without starting it: it counts as a member (and is
  /// destroyed by `cancel()`) until it ends; `start()` it once, later.
  Member adopt(Task<void> task);
  /// Starts an adopted member soon, from the loop.
  void start(Member member) noexcept;

  /// Destroys every member's frame, started or not. Not from inside a
  /// member of this scope (it would destroy the running frame).
  void cancel() noexcept;

  /// Completes once the scope has no member left (members that never
  /// start keep it waiting).
  [[nodiscard]] Task<void> join();

  /// Members alive (running, suspended, or adopted and not started).
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] Loop& loop() const noexcept { return loop_; }
  /// The first exception that escaped a member (and clears it), or null.
  std::exception_ptr take_error() noexcept { return std::exchange(error_, nullptr); }

 private:
  struct Frame;
  static Frame run(Task<void> task, std::exception_ptr* error);

  Loop& loop_;
  ListLink members_;
  std::size_t size_ = 0;
  std::exception_ptr error_;
  WaitList joiners_;
};

}  // namespace httpxx::detail
