#pragma once
// `TimerQueue`: the timers of an `AsioLoop` (every wait with a timeout, every
// sleep), kept in one heap behind one Asio timer.
//
// A thousand streams waiting for their responses each have a read timeout
// that is almost always cancelled. An Asio timer per wait cost an allocation
// for the timer, one for its operation and one for its map entry, and each
// cancellation a completion through the scheduler. Here starting a timer is
// a push onto a heap (storage reused), cancelling it a mark; one Asio wait is
// outstanding, for the earliest deadline, and re-armed only when a sooner
// deadline arrives (or when it fires).
//
// Cancelled entries stay in the heap until they reach its top or until they
// outnumber the live ones, when the heap is rebuilt without them. A
// cancelled timer never runs, even if its deadline has passed.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "httpxx/loop.hpp"

namespace httpxx::native {

class TimerQueue {
 public:
  using Clock = std::chrono::steady_clock;

  explicit TimerQueue(boost::asio::io_context& context);
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

  /// Runs `fn` once from the loop after `delay`; timers with equal
  /// deadlines run in the order they were started.
  Loop::TimerId start(Loop::Duration delay, Loop::Callback fn);
  /// Forgets a timer that has not run. Harmless for one that ran or was
  /// cancelled already.
  void cancel(Loop::TimerId id) noexcept;
  /// Forgets every timer, and the Asio timer (before the loop's context goes).
  void clear() noexcept;

 private:
  struct Slot {
    Loop::Callback fn;
    std::uint32_t generation = 0;  // bumped when the slot's timer ends
    bool live = false;
  };
  struct Entry {
    Clock::time_point deadline;
    std::uint64_t order;  // start order, for equal deadlines
    std::uint32_t slot;
    std::uint32_t generation;
  };
  // std::push_heap keeps the greatest on top: "greater" here is "later".
  static bool later(const Entry& a, const Entry& b) noexcept {
    return a.deadline != b.deadline ? a.deadline > b.deadline : a.order > b.order;
  }
  [[nodiscard]] bool stale(const Entry& e) const noexcept {
    return slots_[e.slot].generation != e.generation;
  }
  void end_slot(std::uint32_t slot) noexcept;
  void drop_stale_top() noexcept;
  void arm();
  void fire();

  boost::asio::io_context& context_;
  std::optional<boost::asio::steady_timer> timer_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::vector<Entry> heap_;
  std::size_t live_ = 0;
  std::uint64_t next_order_ = 0;
  std::uint64_t wait_generation_ = 0;  // the outstanding Asio wait; older ones are stale
  std::optional<Clock::time_point> waiting_until_;  // set while a wait is outstanding
};

}  // namespace httpxx::native
