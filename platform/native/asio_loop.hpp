#pragma once
// The native loop: an Asio io_context driven on the calling thread.

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <unordered_map>

#include "httpxx/loop.hpp"

namespace httpxx::native {

class AsioLoop final : public Loop {
 public:
  AsioLoop();
  ~AsioLoop() override;

  void post(Callback fn) override;
  TimerId start_timer(Duration delay, Callback fn) override;
  void cancel_timer(TimerId id) override;

  /// The io_context sockets of this loop belong to.
  boost::asio::io_context& context() noexcept { return context_; }

  /// The AsioLoop running on this thread. Throws `std::logic_error` if the
  /// current loop is not one (a native transport needs Asio).
  static AsioLoop& current();

 protected:
  void run_until(const bool& done) override;

 private:
  boost::asio::io_context context_{1};
  std::unordered_map<TimerId, std::unique_ptr<boost::asio::steady_timer>> timers_;
  TimerId next_timer_ = 1;
};

}  // namespace httpxx::native
