#include "async/ready_queue.hpp"

#include <utility>

#include "async/loop_core.hpp"

namespace httpxx::detail {

ReadyQueue::~ReadyQueue() {
  for (ListLink* link = queue_.next(); link != &queue_; link = link->next()) {
    static_cast<Waiter*>(link)->state = Waiter::State::idle;
  }
  queue_.unlink_all();
}

void ReadyQueue::schedule(Waiter& waiter) noexcept {
  waiter.state = Waiter::State::ready;
  waiter.link_before(queue_);
  if (drain_posted_) return;
  try {
    // Captures one pointer: std::function stores it without allocating.
    loop_.post([this] { drain(); });
    drain_posted_ = true;
  } catch (...) {
    // Out of memory: the waiter stays queued, and the next wake-up on this
    // loop posts the drain again.
  }
}

void ReadyQueue::drain() noexcept {
  drain_posted_ = false;
  // Only the waiters queued so far: those woken meanwhile wait for the next
  // drain, so that a chain of wake-ups cannot starve the loop's I/O.
  ListLink batch;
  batch.take_all(queue_);
  while (batch.linked()) {
    auto& waiter = static_cast<Waiter&>(*batch.next());
    waiter.unlink();
    waiter.state = Waiter::State::idle;
    // Resuming may destroy this waiter and any other one in the batch;
    // those leave the batch as they go.
    if (coro::coroutine_handle<> h = std::exchange(waiter.handle, {})) h.resume();
  }
}

void schedule(Loop& loop, Waiter& waiter) noexcept { LoopCore::of(loop).ready.schedule(waiter); }

}  // namespace httpxx::detail
