#include "connection_pool.hpp"

#include "httpxx/errors.hpp"

namespace httpxx::native {

namespace {
using Clock = std::chrono::steady_clock;
}

void PoolTicket::reset() noexcept {
  // Moved out first: giving the place back may drop the last other owner.
  if (std::shared_ptr<ConnectionPool> pool = std::move(pool_)) pool->place_freed();
}

// ---------------------------------------------------------------- pool

ConnectionPool::ConnectionPool(Limits limits) : limits_(limits), h2_(limits.keepalive_expiry) {}

ConnectionPool::~ConnectionPool() = default;

void ConnectionPool::place_freed() noexcept {
  --open_;
  waiters_.wake_one();
}

void ConnectionPool::sweep() noexcept {
  h2_.sweep();
  const Clock::time_point now = Clock::now();
  for (std::size_t i = 0; i < idle_.size();) {
    Connection& c = *idle_[i];
    const bool expired =
        limits_.keepalive_expiry && now - c.idle_since >= *limits_.keepalive_expiry;
    if (expired || !c.usable()) {
      std::unique_ptr<Connection> gone = std::move(idle_[i]);
      idle_.erase(idle_.begin() + static_cast<std::ptrdiff_t>(i));
      ++counters_.discarded;
      gone.reset();  // gives its place back
    } else {
      ++i;
    }
  }
}

std::unique_ptr<Connection> ConnectionPool::take_idle(const Origin& origin,
                                                      const AsioLoop* loop) noexcept {
  // Most recently used first: the likeliest to be still open.
  for (std::size_t i = idle_.size(); i-- > 0;) {
    if (idle_[i]->origin() != origin || idle_[i]->loop() != loop) continue;
    std::unique_ptr<Connection> c = std::move(idle_[i]);
    idle_.erase(idle_.begin() + static_cast<std::ptrdiff_t>(i));
    if (c->idle_usable()) return c;
    ++counters_.discarded;
    c.reset();
  }
  return nullptr;
}

bool ConnectionPool::evict_oldest_idle() noexcept {
  if (idle_.empty()) return false;
  std::unique_ptr<Connection> oldest = std::move(idle_.front());
  idle_.pop_front();
  oldest.reset();
  return true;
}

Task<ConnectionPool::Lease> ConnectionPool::acquire(const Origin& origin,
                                                    std::optional<Duration> timeout, bool fresh) {
  std::shared_ptr<ConnectionPool> self = shared_from_this();
  const Clock::time_point start = Clock::now();
  bool front = false;
  auto timed_out = [this] {
    return PoolTimeout("timed out waiting for a free connection (max_connections=" +
                       std::to_string(limits_.max_connections.value_or(0)) + ")");
  };
  for (;;) {
    if (closed_) throw ConnectError("cannot send a request: the transport was closed");
    sweep();
    if (!fresh) {
      if (std::unique_ptr<Connection> c = take_idle(origin, &AsioLoop::current())) {
        ++counters_.reused;
        co_return Lease{std::move(c), PoolTicket()};
      }
    }
    if (!limits_.max_connections || open_ < *limits_.max_connections) {
      ++open_;
      ++counters_.tickets;
      co_return Lease{nullptr, PoolTicket(self)};
    }
    // Every place is taken: an idle connection to another origin makes way
    // (an HTTP/1.1 one first, else an HTTP/2 one without open streams).
    if (evict_oldest_idle() || h2_.evict_idle()) continue;
    std::optional<Duration> remaining;
    if (timeout) {
      remaining = *timeout - (Clock::now() - start);
      if (*remaining <= Duration::zero()) throw timed_out();
    }
    // A waiter that was woken but lost the place to a newcomer keeps its
    // turn at the front.
    const auto place =
        front ? httpxx::detail::WaitList::Place::front : httpxx::detail::WaitList::Place::back;
    if (co_await waiters_.wait(remaining, place) == httpxx::detail::WaitOutcome::timed_out) {
      throw timed_out();
    }
    front = true;
  }
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) noexcept {
  const std::size_t keep = limits_.max_keepalive_connections.value_or(SIZE_MAX);
  if (closed_ || keep == 0 || !connection->usable()) {
    connection.reset();
    return;
  }
  connection->idle_since = Clock::now();
  idle_.push_back(std::move(connection));
  while (idle_.size() > keep) evict_oldest_idle();
  waiters_.wake_one();
}

void ConnectionPool::close() noexcept {
  closed_ = true;
  while (!idle_.empty()) evict_oldest_idle();
  h2_.close();
  // Each waiter wakes up to find the pool closed.
  waiters_.wake_all();
}

ConnectionPool::Stats ConnectionPool::stats() const noexcept {
  Stats s = counters_;
  s.open = open_;
  s.idle = idle_.size();
  s.waiting = waiters_.size();
  s.h2 = h2_.size();
  return s;
}

}  // namespace httpxx::native
