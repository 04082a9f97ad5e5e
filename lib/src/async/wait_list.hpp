#pragma once
// `WaitList`: coroutines waiting for something to happen, woken first come,
// first served; each wait may have a timeout.
//
// The rules every waiter of httpxx follows, kept here once:
// - Waking never resumes anyone inside the call: the woken waiter goes to
//   its loop's ready queue (ready_queue.hpp) and is resumed from the loop.
// - A timeout that fires puts the waiter in the same queue, marked
//   `timed_out`; a waiter woken first has its timer cancelled, so of a wake
//   and a timeout racing, the one that came first wins and the other does
//   nothing.
// - A waiting frame that is destroyed (its task dropped, its request
//   cancelled) leaves the list, or the ready queue if it was woken already,
//   and cancels its timer: nothing can resume it afterwards.
// - With `relay`, a waiter destroyed after it was woken but before it ran
//   passes its wake-up on to the next waiter, so a wake-up that stands for
//   a resource (a free place in a pool) is never lost.
//
// Not thread-safe: wait and wake on the loop's thread.

#include <cstddef>
#include <optional>

#include "async/ready_queue.hpp"
#include "httpxx/loop.hpp"

namespace httpxx::detail {

/// How a wait ended.
enum class WaitOutcome : unsigned char { woken, timed_out };

class WaitList {
 public:
  /// Where a new waiter joins the list.
  enum class Place : unsigned char { back, front };

  /// `relay`: see the file comment. A relaying list must outlive the frames
  /// that wait on it.
  explicit WaitList(bool relay = false) noexcept : relay_(relay) {}
  WaitList(const WaitList&) = delete;
  WaitList& operator=(const WaitList&) = delete;
  /// Wakes the waiters still listed.
  ~WaitList();

  class Wait;
  /// The awaiter: `co_await list.wait(timeout)` suspends until woken or until
  /// `timeout` passed (never, without one) and says which.
  [[nodiscard]] Wait wait(std::optional<Loop::Duration> timeout = std::nullopt,
                          Place place = Place::back) noexcept;

  /// Wakes the first waiter. False if nobody waits.
  bool wake_one() noexcept;
  /// Wakes the first waiter and resumes it here and now, skipping the ready
  /// queue. Only from a callback the loop itself runs (an I/O completion, a
  /// JS event), where nothing of the waiter is on the stack above it; not
  /// for relaying lists. False if nobody waits.
  bool resume_one();
  /// Wakes every waiter; returns how many.
  std::size_t wake_all() noexcept;

  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  /// Waiters listed (not counting those woken and not yet resumed).
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  ListLink waiters_;
  std::size_t size_ = 0;
  std::size_t relays_owed_ = 0;  // woken relaying waiters not yet resumed
  bool relay_;
};

class WaitList::Wait : private Waiter {
 public:
  Wait(WaitList& list, std::optional<Loop::Duration> timeout, Place place) noexcept
      : list_(list), timeout_(timeout), place_(place) {}
  Wait(const Wait&) = delete;
  Wait& operator=(const Wait&) = delete;
  ~Wait();

  bool await_ready() const noexcept { return false; }
  /// Throws what `Loop::start_timer` throws (then it does not wait).
  void await_suspend(coro::coroutine_handle<> h);
  WaitOutcome await_resume() noexcept;

 private:
  friend class WaitList;
  void woken() noexcept;
  void resumed();
  void timer_fired() noexcept;
  void cancel_timer() noexcept;

  WaitList& list_;
  std::optional<Loop::Duration> timeout_;
  Loop::TimerId timer_ = 0;
  bool timer_armed_ = false;
  bool relay_owed_ = false;
  Place place_;
  WaitOutcome outcome_ = WaitOutcome::woken;
};

inline WaitList::Wait WaitList::wait(std::optional<Loop::Duration> timeout, Place place) noexcept {
  return Wait(*this, timeout, place);
}

}  // namespace httpxx::detail
