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

// ------------------------------------------------------------- waiting

struct ConnectionPool::Waiter {
  Loop* loop = nullptr;
  coro::coroutine_handle<> handle;  // set while suspended and not yet resumed
  std::optional<Loop::TimerId> timer;
  bool queued = false;  // in waiters_
  bool woken = false;   // a wake-up is posted and not yet delivered
  bool timed_out = false;
};

/// Suspends until `wake_one` picks this waiter or `remaining` passes
/// (`co_await` gives true then). Destroying the waiting coroutine removes
/// it from the queue, and hands a wake-up it was sent to the next waiter.
class ConnectionPool::WaitAwaiter {
 public:
  WaitAwaiter(ConnectionPool& pool, std::optional<Duration> remaining, bool front)
      : pool_(pool), remaining_(remaining), front_(front), state_(std::make_shared<Waiter>()) {}
  WaitAwaiter(const WaitAwaiter&) = delete;
  WaitAwaiter& operator=(const WaitAwaiter&) = delete;
  ~WaitAwaiter() {
    Waiter& w = *state_;
    if (!w.handle) return;  // resumed, or never suspended
    w.handle = {};
    if (w.queued) {
      pool_.waiters_.remove(state_);
      w.queued = false;
    }
    if (w.timer) w.loop->cancel_timer(*w.timer);
    if (w.woken) pool_.wake_one();
  }

  bool await_ready() const noexcept { return false; }
  void await_suspend(coro::coroutine_handle<> h) {
    Waiter& w = *state_;
    w.loop = &Loop::current();
    if (front_) {
      pool_.waiters_.push_front(state_);
    } else {
      pool_.waiters_.push_back(state_);
    }
    w.queued = true;
    w.handle = h;
    if (remaining_) {
      w.timer = w.loop->start_timer(*remaining_, [s = state_, pool = &pool_] {
        s->timer.reset();
        if (!s->handle || s->woken) return;
        if (s->queued) {
          pool->waiters_.remove(s);
          s->queued = false;
        }
        s->timed_out = true;
        std::exchange(s->handle, {}).resume();
      });
    }
  }
  bool await_resume() const noexcept { return state_->timed_out; }

 private:
  ConnectionPool& pool_;
  std::optional<Duration> remaining_;
  bool front_;
  std::shared_ptr<Waiter> state_;
};

void ConnectionPool::wake_one() noexcept {
  while (!waiters_.empty()) {
    std::shared_ptr<Waiter> w = std::move(waiters_.front());
    waiters_.pop_front();
    w->queued = false;
    if (!w->handle) continue;
    if (w->timer) {
      w->loop->cancel_timer(*w->timer);
      w->timer.reset();
    }
    w->woken = true;
    try {
      w->loop->post([w] {
        w->woken = false;
        if (coro::coroutine_handle<> h = std::exchange(w->handle, {})) h.resume();
      });
    } catch (...) {
      // Out of memory: the waiter keeps waiting (its pool timeout is gone,
      // but a later wake-up still reaches it).
      w->woken = false;
      waiters_.push_front(std::move(w));
      waiters_.front()->queued = true;
    }
    return;
  }
}

// ---------------------------------------------------------------- pool

ConnectionPool::ConnectionPool(Limits limits) : limits_(limits) {}

ConnectionPool::~ConnectionPool() = default;

void ConnectionPool::place_freed() noexcept {
  --open_;
  wake_one();
}

void ConnectionPool::sweep() noexcept {
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
    // Every place is taken: an idle connection to another origin makes way.
    if (evict_oldest_idle()) continue;
    std::optional<Duration> remaining;
    if (timeout) {
      remaining = *timeout - (Clock::now() - start);
      if (*remaining <= Duration::zero()) throw timed_out();
    }
    // A waiter that was woken but lost the place to a newcomer keeps its
    // turn at the front.
    if (co_await WaitAwaiter(*this, remaining, front)) throw timed_out();
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
  wake_one();
}

void ConnectionPool::close() noexcept {
  closed_ = true;
  while (!idle_.empty()) evict_oldest_idle();
  // Each waiter wakes up to find the pool closed.
  for (std::size_t n = waiters_.size(); n > 0 && !waiters_.empty(); --n) wake_one();
}

ConnectionPool::Stats ConnectionPool::stats() const noexcept {
  Stats s = counters_;
  s.open = open_;
  s.idle = idle_.size();
  s.waiting = waiters_.size();
  return s;
}

}  // namespace httpxx::native
