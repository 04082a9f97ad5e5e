#include "asio_loop.hpp"

#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/post.hpp>
#include <stdexcept>

#include "recycling_allocator.hpp"

namespace httpxx::native {

AsioLoop::AsioLoop() = default;

AsioLoop::~AsioLoop() {
  // Detached tasks may own sockets of this context: destroy them while it
  // is still alive, then let pending handlers go without running.
  destroy_detached_tasks();
  // Then whatever still holds sockets or timers of the context (idle pooled
  // connections, streamed bodies not yet read) lets go of them.
  while (!resources_.empty()) {
    LoopResource* resource = *resources_.begin();
    resources_.erase(resources_.begin());
    resource->loop_ending();
  }
  timers_.clear();
}

void AsioLoop::attach(LoopResource* resource) { resources_.insert(resource); }

void AsioLoop::detach(LoopResource* resource) noexcept { resources_.erase(resource); }

void AsioLoop::post(Callback fn) {
  // Asio's operation storage comes from the recycled pool, not the heap.
  boost::asio::post(context_, boost::asio::bind_allocator(
                                  httpxx::detail::RecyclingAllocator<void>(), std::move(fn)));
}

Loop::TimerId AsioLoop::start_timer(Duration delay, Callback fn) {
  return timers_.start(delay, std::move(fn));
}

void AsioLoop::cancel_timer(TimerId id) { timers_.cancel(id); }

AsioLoop& AsioLoop::current() {
  auto* loop = dynamic_cast<AsioLoop*>(&Loop::current());
  if (loop == nullptr) {
    throw std::logic_error(
        "the native httpxx transport needs an Asio loop: run it with httpxx::run() or an "
        "httpxx::native::AsioLoop, not another Loop");
  }
  return *loop;
}

void AsioLoop::run_until(const bool& done) {
  // Asio stops a context whose work ran out (at the end of an earlier run):
  // make it runnable again.
  if (context_.stopped()) context_.restart();
  while (!done) {
    if (context_.run_one() == 0) {
      context_.restart();
      if (done) break;
      throw std::logic_error(
          "httpxx: the task waits, but nothing is left that could wake it (no I/O, no timer)");
    }
  }
}

}  // namespace httpxx::native
