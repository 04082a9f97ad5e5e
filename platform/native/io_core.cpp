#include "io_core.hpp"

namespace httpxx::native {

IoCore::IoCore(AsioLoop& loop, std::size_t read_buffer_size)
    : loop_(&loop), read_buffer_(read_buffer_size == 0 ? 1 : read_buffer_size) {
  resolver_.emplace(loop.context());
  socket_.emplace(loop.context());
  timer_.emplace(loop.context());
  loop.attach(this);
}

IoCore::~IoCore() {
  if (loop_ != nullptr) loop_->detach(this);
}

bool IoCore::usable() const noexcept {
  return loop_ != nullptr && !aborted_ && socket_ && socket_->is_open();
}

IoCore::TlsStream& IoCore::start_tls(boost::asio::ssl::context& context) {
  tls_.emplace(*socket_, context);
  return *tls_;
}

void IoCore::abort() noexcept {
  aborted_ = true;
  if (resolver_) resolver_->cancel();
  if (socket_) {
    boost::system::error_code ignored;
    socket_->close(ignored);
  }
}

void IoCore::arm(Duration delay) {
  timed_out_ = false;
  const std::uint64_t generation = ++timer_generation_;
  if (!timer_) return;
  timer_->expires_after(delay);
  timer_->async_wait([weak = weak_from_this(), generation](const boost::system::error_code& ec) {
    std::shared_ptr<IoCore> core = weak.lock();
    // A stale expiry (the deadline was disarmed or re-armed meanwhile)
    // must not abort the operation that followed it.
    if (!core || ec || generation != core->timer_generation_) return;
    core->timed_out_ = true;
    core->abort();
  });
}

void IoCore::disarm() noexcept {
  ++timer_generation_;
  if (timer_) timer_->cancel();
}

void IoCore::release_io() noexcept {
  // Pending operations complete with operation_aborted when their objects
  // go; their handlers are then destroyed with the io_context, unrun.
  tls_.reset();
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
