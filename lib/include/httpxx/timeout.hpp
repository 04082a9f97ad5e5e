#pragma once
/// \file
/// `Timeout`: HTTPX's four timeouts.

#include <chrono>
#include <optional>

namespace httpxx {

/// How long each phase of a request may take. An unset phase waits forever.
/// The default is 5 seconds for every phase, as in HTTPX.
///
///     Timeout(10s)                         // every phase
///     Timeout(10s).with_connect(2s)        // 2 s to connect, 10 s for the rest
///     Timeout(10s).with_total(30s)         // and at most 30 s in all
///     Timeout::none()                      // wait forever
struct Timeout {
  /// The type of each limit; `std::chrono::seconds`, `milliseconds`, … convert to it.
  using Duration = std::chrono::steady_clock::duration;

  /// DNS, TCP and TLS handshake together → `ConnectTimeout`.
  std::optional<Duration> connect;
  /// Longest wait for the next response bytes → `ReadTimeout`.
  std::optional<Duration> read;
  /// Longest wait for a request write to make progress → `WriteTimeout`.
  std::optional<Duration> write;
  /// Longest wait for a free connection from the pool → `PoolTimeout`.
  std::optional<Duration> pool;
  /// A deadline for the whole request, redirects included, until the
  /// response is returned (its body read, unless streamed) →
  /// `TimeoutException`. Unset by default.
  std::optional<Duration> total;

  Timeout() : Timeout(std::chrono::seconds(5)) {}
  /// The same limit for all four phases.
  template <class Rep, class Period>
  Timeout(std::chrono::duration<Rep, Period> all)  // NOLINT(google-explicit-constructor)
      : connect(std::chrono::duration_cast<Duration>(all)),
        read(connect),
        write(connect),
        pool(connect),
        total() {}

  /// No limit on any phase.
  static Timeout none() {
    Timeout t;
    t.connect = t.read = t.write = t.pool = t.total = std::nullopt;
    return t;
  }
  /// A copy with the connect limit set to `d` (any `std::chrono` duration).
  template <class D>
  Timeout with_connect(D d) const {
    Timeout t = *this;
    t.connect = std::chrono::duration_cast<Duration>(d);
    return t;
  }
  /// A copy with the read limit set to `d` (any `std::chrono` duration).
  template <class D>
  Timeout with_read(D d) const {
    Timeout t = *this;
    t.read = std::chrono::duration_cast<Duration>(d);
    return t;
  }
  /// A copy with the write limit set to `d` (any `std::chrono` duration).
  template <class D>
  Timeout with_write(D d) const {
    Timeout t = *this;
    t.write = std::chrono::duration_cast<Duration>(d);
    return t;
  }
  /// A copy with the pool limit set to `d` (any `std::chrono` duration).
  template <class D>
  Timeout with_pool(D d) const {
    Timeout t = *this;
    t.pool = std::chrono::duration_cast<Duration>(d);
    return t;
  }
  /// A copy with a deadline for the whole request set to `d` (any `std::chrono` duration).
  template <class D>
  Timeout with_total(D d) const {
    Timeout t = *this;
    t.total = std::chrono::duration_cast<Duration>(d);
    return t;
  }
  /// Equal if every phase and the total are equal.
  friend bool operator==(const Timeout&, const Timeout&) = default;
};

}  // namespace httpxx
