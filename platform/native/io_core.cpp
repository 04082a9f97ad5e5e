#include "io_core.hpp"

#include <boost/asio/bind_allocator.hpp>

#include "recycling_allocator.hpp"

namespace httpxx::native {

IoCore::IoCore(AsioLoop& loop, std::size_t read_buffer_size)
    : loop_(&loop), read_buffer_limit_(std::max<std::size_t>(read_buffer_size, 1)) {
  resolver_.emplace(loop.context());
  socket_.emplace(loop.context());
  timer_.emplace(loop.context());
  loop.attach(this);
}

char* IoCore::thread_read_buffer(std::size_t size) {
  thread_local std::vector<char> buffer;
  if (buffer.size() < size) {
    buffer.clear();
    buffer.shrink_to_fit();
    buffer.resize(size);
  }
  return buffer.data();
}

IoCore::~IoCore() {
  if (loop_ != nullptr) loop_->detach(this);
}

bool IoCore::usable() const noexcept {
  return loop_ != nullptr && !aborted_ && socket_ && socket_->is_open();
}

TlsChannel& IoCore::start_tls(boost::asio::ssl::context& context) {
  boost::system::error_code ignored;
  socket_->non_blocking(true, ignored);
  tls_.emplace(context.native_handle(), socket_->native_handle(),
               std::min<std::size_t>(read_buffer_limit_, 64 * 1024));
  return *tls_;
}

void IoCore::abort() noexcept {
  aborted_ = true;
  if (resolver_) resolver_->cancel();
  if (tls_) tls_->detach();
  if (socket_) {
    boost::system::error_code ignored;
    socket_->close(ignored);
  }
}

void IoCore::arm(Duration delay) {
  timed_out_ = false;
  armed_ = true;
  deadline_ = std::chrono::steady_clock::now() + delay;
  if (!timer_) return;
  if (wait_pending_ && wait_expiry_ <= deadline_) return;  // it fires first and waits on
  start_wait();
}

void IoCore::start_wait() {
  wait_pending_ = true;
  wait_expiry_ = deadline_;
  const std::uint64_t generation = ++wait_generation_;
  timer_->expires_at(deadline_);  // a wait still pending completes as cancelled
  timer_->async_wait(boost::asio::bind_allocator(
      httpxx::detail::RecyclingAllocator<void>(),
      [weak = weak_from_this(), generation](const boost::system::error_code& ec) {
        std::shared_ptr<IoCore> core = weak.lock();
        // A replaced wait (or one cancelled as the core goes) does nothing.
        if (!core || ec || generation != core->wait_generation_) return;
        core->wait_pending_ = false;
        core->on_timer();
      }));
}

void IoCore::on_timer() {
  if (!armed_) return;  // disarmed since: the next arm starts a wait again
  if (std::chrono::steady_clock::now() < deadline_) {
    start_wait();  // the deadline moved on while this wait was pending
    return;
  }
  armed_ = false;
  timed_out_ = true;
  abort();
}

void IoCore::release_io() noexcept {
  // Pending operations complete with operation_aborted when their objects
  // go; their handlers are then destroyed with the io_context, unrun.
  if (tls_) tls_->detach();
  if (socket_) {
    boost::system::error_code ignored;
    socket_->close(ignored);
  }
  socket_.reset();
  resolver_.reset();
  timer_.reset();
}

void IoCore::loop_ending() noexcept {
  aborted_ = true;
  release_io();
  loop_ = nullptr;
}

}  // namespace httpxx::native
