#pragma once
/// \file
/// `Limits` (the connection pool, as `httpx.Limits`) and `ClientCert`.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace httpxx {

/// The connection pool's limits. An unset limit means "no limit". Natively
/// these shape httpxx's own pool; in the browser the browser's pool applies
/// and they are ignored.
struct Limits {
  /// The type of `keepalive_expiry`; `std::chrono::seconds`, `milliseconds`, … convert to it.
  using Duration = std::chrono::steady_clock::duration;
  /// Connections open at once, in use or idle, over every origin. A request
  /// that finds none free waits up to `Timeout::pool` (`PoolTimeout`).
  std::optional<std::size_t> max_connections = 100;
  /// Idle connections kept for reuse; more are closed when released.
  std::optional<std::size_t> max_keepalive_connections = 20;
  /// An idle connection older than this is closed instead of reused (an
  /// HTTP/2 connection is idle while it has no stream open).
  std::optional<Duration> keepalive_expiry = std::chrono::seconds(5);
};

/// A TLS client certificate (HTTPX's `cert=`): PEM files.
struct ClientCert {
  /// The certificate (may hold its chain).
  std::string cert_file{};
  /// Its private key; empty means the key is in `cert_file`.
  std::string key_file{};
  /// The password of an encrypted key.
  std::string password{};
};

}  // namespace httpxx
