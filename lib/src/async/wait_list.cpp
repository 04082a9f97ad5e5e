#include "async/wait_list.hpp"

#include <cassert>
#include <utility>

namespace httpxx::detail {

WaitList::~WaitList() {
  // A relaying waiter woken but not resumed would hand its wake-up back to
  // this list: the list must outlive it.
  assert(relays_owed_ == 0);
  relay_ = false;
  wake_all();
}

bool WaitList::wake_one() noexcept {
  if (!waiters_.linked()) return false;
  static_cast<Wait&>(static_cast<Waiter&>(*waiters_.next())).woken();
  return true;
}

bool WaitList::resume_one() {
  assert(!relay_);
  if (!waiters_.linked()) return false;
  static_cast<Wait&>(static_cast<Waiter&>(*waiters_.next())).resumed();
  return true;
}

std::size_t WaitList::wake_all() noexcept {
  std::size_t n = 0;
  while (wake_one()) ++n;
  return n;
}

// ------------------------------------------------------------------- Wait

void WaitList::Wait::await_suspend(coro::coroutine_handle<> h) {
  loop = &Loop::current();
  // The timer first: if starting it throws, nothing is listed yet. It
  // cannot fire before this returns (timers run from the loop).
  if (timeout_) {
    timer_ = loop->start_timer(*timeout_, [this] { timer_fired(); });
    timer_armed_ = true;
  }
  handle = h;
  state = State::listed;
  link_before(place_ == Place::front ? *list_.waiters_.next() : list_.waiters_);
  ++list_.size_;
}

WaitOutcome WaitList::Wait::await_resume() noexcept {
  if (relay_owed_) {
    relay_owed_ = false;
    --list_.relays_owed_;
  }
  return outcome_;
}

WaitList::Wait::~Wait() {
  cancel_timer();
  switch (state) {
    case State::listed:
      unlink();
      --list_.size_;
      break;
    case State::ready:
      unlink();  // out of the ready queue: it will not be resumed
      if (relay_owed_) {
        relay_owed_ = false;
        --list_.relays_owed_;
        list_.wake_one();
      }
      break;
    case State::idle:
      break;
  }
}

void WaitList::Wait::woken() noexcept {
  unlink();
  --list_.size_;
  cancel_timer();
  outcome_ = WaitOutcome::woken;
  if (list_.relay_) {
    relay_owed_ = true;
    ++list_.relays_owed_;
  }
  schedule(*loop, *this);
}

void WaitList::Wait::resumed() {
  unlink();
  --list_.size_;
  cancel_timer();
  outcome_ = WaitOutcome::woken;
  state = State::idle;
  std::exchange(handle, {}).resume();
}

void WaitList::Wait::timer_fired() noexcept {
  timer_armed_ = false;
  if (state != State::listed) return;  // woken first
  unlink();
  --list_.size_;
  outcome_ = WaitOutcome::timed_out;
  schedule(*loop, *this);
}

void WaitList::Wait::cancel_timer() noexcept {
  if (!timer_armed_) return;
  timer_armed_ = false;
  loop->cancel_timer(timer_);
}

}  // namespace httpxx::detail
