#include "timer_queue.hpp"

#include <algorithm>
#include <boost/asio/bind_allocator.hpp>
#include <utility>

#include "recycling_allocator.hpp"

namespace httpxx::native {

TimerQueue::TimerQueue(boost::asio::io_context& context) : context_(context) {}

Loop::TimerId TimerQueue::start(Loop::Duration delay, Loop::Callback fn) {
  if (!timer_) timer_.emplace(context_);
  // Room first, so that nothing below but arm() throws once the timer is
  // counted.
  heap_.reserve(heap_.size() + 1);
  if (free_.empty()) {
    slots_.emplace_back();
    free_.reserve(slots_.size());  // every slot can be free at once
    free_.push_back(static_cast<std::uint32_t>(slots_.size() - 1));
  }
  const std::uint32_t slot = free_.back();
  free_.pop_back();
  Slot& s = slots_[slot];
  s.fn = std::move(fn);
  s.live = true;
  ++live_;

  const Clock::time_point now = Clock::now();
  const Clock::time_point deadline =
      delay >= Clock::time_point::max() - now ? Clock::time_point::max() : now + delay;
  const std::uint32_t generation = s.generation;
  heap_.push_back(Entry{deadline, next_order_++, slot, generation});
  std::push_heap(heap_.begin(), heap_.end(), later);
  if (!waiting_until_ || deadline < *waiting_until_) {
    try {
      arm();
    } catch (...) {
      // Not started after all: the caller is told, and nothing may run it.
      end_slot(slot);
      throw;
    }
  }
  return (static_cast<Loop::TimerId>(generation) << 32) | slot;
}

void TimerQueue::cancel(Loop::TimerId id) noexcept {
  const auto slot = static_cast<std::uint32_t>(id & 0xffffffffU);
  const auto generation = static_cast<std::uint32_t>(id >> 32);
  if (slot >= slots_.size() || !slots_[slot].live || slots_[slot].generation != generation) return;
  end_slot(slot);
  if (live_ == 0) {
    // Nothing left to wait for: the loop must not stay busy with a wait.
    heap_.clear();
    if (waiting_until_) {
      waiting_until_.reset();
      ++wait_generation_;
      timer_->cancel();
    }
    return;
  }
  if (heap_.size() > 2 * live_ + 64) {
    std::erase_if(heap_, [this](const Entry& e) { return stale(e); });
    std::make_heap(heap_.begin(), heap_.end(), later);
  }
}

void TimerQueue::clear() noexcept {
  heap_.clear();
  slots_.clear();
  free_.clear();
  live_ = 0;
  ++wait_generation_;
  waiting_until_.reset();
  timer_.reset();
}

void TimerQueue::end_slot(std::uint32_t slot) noexcept {
  Slot& s = slots_[slot];
  Loop::Callback gone = std::move(s.fn);
  s.fn = nullptr;
  s.live = false;
  ++s.generation;
  --live_;
  free_.push_back(slot);  // never reallocates: reserved for every slot
}

void TimerQueue::drop_stale_top() noexcept {
  while (!heap_.empty() && stale(heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
  }
}

void TimerQueue::arm() {
  drop_stale_top();
  if (heap_.empty()) return;
  const Clock::time_point when = heap_.front().deadline;
  const std::uint64_t generation = ++wait_generation_;
  waiting_until_.reset();    // until the new wait is started (async_wait may throw)
  timer_->expires_at(when);  // a wait still pending completes as cancelled
  timer_->async_wait(
      boost::asio::bind_allocator(httpxx::detail::RecyclingAllocator<void>(),
                                  [this, generation](const boost::system::error_code& ec) {
                                    // A replaced or cancelled wait does nothing.
                                    if (ec || generation != wait_generation_) return;
                                    waiting_until_.reset();
                                    fire();
                                  }));
  waiting_until_ = when;
}

void TimerQueue::fire() {
  const Clock::time_point now = Clock::now();
  while (!heap_.empty()) {
    const Entry top = heap_.front();
    if (!stale(top) && top.deadline > now) break;
    std::pop_heap(heap_.begin(), heap_.end(), later);
    heap_.pop_back();
    if (stale(top)) continue;
    Loop::Callback fn = std::move(slots_[top.slot].fn);
    end_slot(top.slot);
    fn();  // may start and cancel timers
  }
  if (!waiting_until_) arm();
}

}  // namespace httpxx::native
