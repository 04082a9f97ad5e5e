#pragma once
// The native loop: an Asio io_context driven on the calling thread.

#include <boost/asio/io_context.hpp>
#include <unordered_set>

#include "httpxx/loop.hpp"
#include "timer_queue.hpp"

namespace httpxx::native {

/// Something that holds I/O objects of an `AsioLoop`'s io_context (a socket,
/// a timer) or waits for wake-ups from the loop, and may outlive the loop
/// (a pooled connection of a client that outlives one `httpxx::run`). The
/// loop calls `loop_ending()` before its io_context goes: the resource must
/// then destroy its I/O objects and forget the loop. Attach with
/// `AsioLoop::attach`, detach in the destructor if still attached.
class LoopResource {
 public:
  virtual void loop_ending() noexcept = 0;

 protected:
  LoopResource() = default;
  LoopResource(const LoopResource&) = default;
  LoopResource& operator=(const LoopResource&) = default;
  virtual ~LoopResource() = default;
};

class AsioLoop final : public Loop {
 public:
  AsioLoop();
  ~AsioLoop() override;

  void post(Callback fn) override;
  TimerId start_timer(Duration delay, Callback fn) override;
  void cancel_timer(TimerId id) override;

  /// The io_context sockets of this loop belong to.
  boost::asio::io_context& context() noexcept { return context_; }

  /// Registers `resource` to be told when this loop ends. Not thread-safe.
  void attach(LoopResource* resource);
  /// Undoes `attach`. Harmless if not attached.
  void detach(LoopResource* resource) noexcept;

  /// The AsioLoop running on this thread. Throws `std::logic_error` if the
  /// current loop is not one (a native transport needs Asio).
  static AsioLoop& current();

 protected:
  void run_until(const bool& done) override;

 private:
  boost::asio::io_context context_{1};
  TimerQueue timers_{context_};
  std::unordered_set<LoopResource*> resources_;
};

}  // namespace httpxx::native
