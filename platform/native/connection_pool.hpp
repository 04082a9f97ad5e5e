#pragma once
// `ConnectionPool`: idle keep-alive connections per origin, the
// `max_connections` places, and the queue of requests waiting for one.
//
// A place is a `PoolTicket`. `acquire` hands out an idle connection of the
// origin (which carries its ticket) or a fresh ticket for a connection the
// caller opens; when every place is taken it closes the oldest idle
// connection of another origin, else waits (up to `Timeout::pool`) for a
// ticket to be given back or a connection to go idle. Wake-ups are posted
// on the loop, never run inside the call that freed the place.

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

#include "async/wait_list.hpp"
#include "connection.hpp"
#include "h2_registry.hpp"
#include "httpxx/loop.hpp"
#include "httpxx/task.hpp"
#include "native_options.hpp"

namespace httpxx::native {

class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
 public:
  using Duration = std::chrono::steady_clock::duration;

  /// What `acquire` gives: an idle connection to reuse, or else a ticket
  /// for a connection to open.
  struct Lease {
    std::unique_ptr<Connection> connection;
    PoolTicket ticket;
  };

  /// Counters for tests and diagnostics.
  struct Stats {
    std::size_t open = 0;         ///< places taken (connections open or opening)
    std::size_t idle = 0;         ///< connections waiting in the pool
    std::size_t waiting = 0;      ///< requests waiting for a place
    std::uint64_t tickets = 0;    ///< places handed out for new connections
    std::uint64_t reused = 0;     ///< idle connections handed out again
    std::uint64_t discarded = 0;  ///< idle connections found closed, dirty or expired
    std::size_t h2 = 0;           ///< HTTP/2 connections kept (shared, never idle)
  };

  explicit ConnectionPool(Limits limits);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  /// A connection for `origin` (`fresh`: never an idle one). Throws
  /// `PoolTimeout` after `timeout`, `ConnectError` once the pool is closed.
  [[nodiscard]] Task<Lease> acquire(const Origin& origin, std::optional<Duration> timeout,
                                    bool fresh);
  /// Takes back a connection whose response was read to its end and may be
  /// reused; it is closed instead if the pool is closed or full.
  void release(std::unique_ptr<Connection> connection) noexcept;
  /// Closes the idle connections and fails waiting and later requests.
  /// Connections in use are closed when they are given back.
  void close() noexcept;

  [[nodiscard]] Stats stats() const noexcept;
  [[nodiscard]] const Limits& limits() const noexcept { return limits_; }
  /// The HTTP/2 connections (each holds one place of `max_connections`).
  [[nodiscard]] H2Registry& h2() noexcept { return h2_; }
  [[nodiscard]] bool closed() const noexcept { return closed_; }

 private:
  friend class PoolTicket;

  void place_freed() noexcept;
  void sweep() noexcept;
  std::unique_ptr<Connection> take_idle(const Origin& origin, const AsioLoop* loop) noexcept;
  bool evict_oldest_idle() noexcept;

  Limits limits_;
  std::deque<std::unique_ptr<Connection>> idle_;  // oldest first
  // First come, first served. Relaying: a waiter woken for a free place but
  // destroyed before it ran hands the place's wake-up to the next one.
  httpxx::detail::WaitList waiters_{/*relay=*/true};
  std::size_t open_ = 0;
  Stats counters_;
  H2Registry h2_;
  bool closed_ = false;
};

}  // namespace httpxx::native
