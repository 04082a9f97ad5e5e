#pragma once
// The one place where a waiting coroutine is resumed.
//
// Every wake-up of the async toolkit (a `WaitList` woken, a wait timed out,
// a `TaskScope` member started) puts the waiter in its loop's `ReadyQueue`;
// one callback posted on the loop then resumes the queued waiters in order.
// So a coroutine is never resumed inside the call that woke it (the waker
// finishes first, whatever it was doing), and a waiter destroyed before its
// turn just leaves the queue: a wake-up can never reach a destroyed frame.
// Queuing allocates nothing (the queue is intrusive), and a burst of
// wake-ups costs one post.

#include "async/list_link.hpp"
#include "httpxx/coro.hpp"
#include "httpxx/loop.hpp"

namespace httpxx::detail {

/// A coroutine that may be woken: lives inside the awaiter of the waiting
/// frame (or the promise of a frame to start), so it dies with the frame.
/// Destroying it while it is queued takes it out of the queue.
class Waiter : public ListLink {
 public:
  enum class State : unsigned char {
    idle,    ///< in no list
    listed,  ///< in a `WaitList`, waiting
    ready,   ///< in a `ReadyQueue`: to be resumed soon
  };

  coro::coroutine_handle<> handle{};  ///< what to resume
  Loop* loop = nullptr;               ///< the loop it waits on
  State state = State::idle;
};

/// A loop's queue of waiters to resume (one per loop: `LoopCore`).
class ReadyQueue {
 public:
  explicit ReadyQueue(Loop& loop) noexcept : loop_(loop) {}
  ReadyQueue(const ReadyQueue&) = delete;
  ReadyQueue& operator=(const ReadyQueue&) = delete;
  /// Waiters still queued are never resumed (the loop is going).
  ~ReadyQueue();

  /// Queues `waiter` (which must be in no list) to be resumed from the
  /// loop, after every waiter queued before it. Never resumes it here.
  void schedule(Waiter& waiter) noexcept;

 private:
  void drain() noexcept;

  Loop& loop_;
  ListLink queue_;
  bool drain_posted_ = false;
};

/// Queues `waiter` on the ready queue of `loop` (which `Loop::current()` or
/// `waiter.loop` names).
void schedule(Loop& loop, Waiter& waiter) noexcept;

}  // namespace httpxx::detail
