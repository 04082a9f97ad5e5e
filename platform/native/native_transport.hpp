#pragma once
// `NativeTransport`: HTTP/1.1 and HTTP/2 over TCP and TLS, with a connection
// pool.
//
// How the pieces fit (one file each):
//   NativeTransport   send(): route (proxy?) → the origin's open HTTP/2
//                     session, else pool → connection → exchange (or a new
//                     H2Session); the retry rules
//   Proxy             a proxy URL parsed, the NO_PROXY rule
//   ConnectionPool    idle connections per origin, places (PoolTicket), waiters
//   Connection        DNS + TCP (+ CONNECT tunnel) + TLS connect, read, write,
//                     idle check
//   IoCore            the Asio objects and buffers a connection's operations use
//   async_op          awaiting one Asio operation from a Task
//   Exchange          one request/response on a connection; ExchangeBody
//   ResponseParser    llhttp, limits, framing rules
//   request_writer    the request head on the wire
//   TlsContext        OpenSSL context, SNI, name verification, error reasons
//   shared_tls_context  one TlsContext per TLS configuration in the process
//
// Cancellation: every wait is an `async_op` awaiter in the waiting
// coroutine's frame. Destroying the frame (a dropped task, a loop that ends)
// runs the awaiter's destructor, which closes the socket; the pending
// operation then completes with an error, and its handler, finding no
// waiter, only releases the I/O objects it kept alive. Timeouts work the
// same way: a timer closes the socket, and the woken coroutine sees that
// its deadline passed.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "connection_pool.hpp"
#include "httpxx/transport.hpp"
#include "native_options.hpp"

namespace httpxx::native {

class TlsContext;

/// The transport natively: DNS, TCP, TLS (OpenSSL), HTTP/1.1 (llhttp) and
/// keep-alive connections pooled per origin (scheme, host, port).
///
/// Timeouts come from each send's `TransportOptions::timeout`: connect
/// (DNS + TCP + TLS) → `ConnectTimeout`, each wait for response bytes →
/// `ReadTimeout`, each write → `WriteTimeout`, waiting for a pool place →
/// `PoolTimeout`. A request that fails on a reused connection before any
/// response byte arrived (the server closed it meanwhile) is sent again,
/// once, on a new connection if its method is idempotent (GET, HEAD,
/// OPTIONS, PUT, DELETE, TRACE).
///
/// Proxies (`NativeOptions::proxy`): http URLs go to the proxy in absolute
/// form (with `Proxy-Authorization`), pooled as connections to the proxy;
/// https URLs through a CONNECT tunnel, TLS with the target inside it. A
/// refused tunnel is a `ProxyError`. Retries (`NativeOptions::retry`): a
/// connection attempt failing with `ConnectError` or `ConnectTimeout` is
/// repeated after a backoff, before any byte of the request was written.
///
/// Must be used from coroutines running on an `AsioLoop` (`httpxx::run`,
/// the blocking `Client`). Destroying a request's task closes its socket.
class NativeTransport final : public Transport {
 public:
  /// Throws `std::invalid_argument` if a TLS file cannot be loaded, a proxy
  /// URL is invalid or not http://, or `retry.retries` is negative.
  explicit NativeTransport(NativeOptions options = {});
  ~NativeTransport() override;
  NativeTransport(const NativeTransport&) = delete;
  NativeTransport& operator=(const NativeTransport&) = delete;

  [[nodiscard]] Task<TransportResponse> send(std::shared_ptr<const Request> request,
                                             TransportOptions options) override;
  [[nodiscard]] Task<void> close() override;

  /// The pool's counters (for tests and diagnostics).
  [[nodiscard]] ConnectionPool::Stats pool_stats() const noexcept { return pool_->stats(); }
  [[nodiscard]] const NativeOptions& options() const noexcept { return options_; }
  /// Connection attempts repeated so far (for tests and diagnostics).
  [[nodiscard]] std::uint64_t connect_retries() const noexcept { return *connect_retries_; }
  /// The TLS context of this transport's https connections, made on first
  /// use (loading the system's trust store costs milliseconds, which a
  /// client that never speaks TLS should not pay) or, when the options name
  /// files of the user's (CA file or dir, client certificate), at
  /// construction, so that a bad path fails at once. It comes from the
  /// process-wide cache (`shared_tls_context`): transports with the same TLS
  /// options share one. Throws as the constructor does.
  [[nodiscard]] std::shared_ptr<TlsContext> tls_context();
  /// The wait before retry `retry` (1, 2, ...): `base × 2^(retry-1)`.
  [[nodiscard]] static Loop::Duration backoff_delay(std::chrono::steady_clock::duration base,
                                                    int retry) noexcept;

 private:
  // Where a request's connection goes, and the proxy that forwards it in
  // absolute form (null: origin-form, directly or through a tunnel).
  struct Route {
    Origin origin;
    const Proxy* forward = nullptr;
  };
  [[nodiscard]] Route route(const URL& url) const;
  // http:// with prior knowledge of HTTP/2 (HTTP/1.1 off).
  [[nodiscard]] bool speaks_h2c(const Origin& origin) const noexcept;
  [[nodiscard]] bool wants_h2(const Route& routed) const noexcept;
  // The request on an open HTTP/2 connection; a refused stream goes to
  // send_routed.
  Task<TransportResponse> send_on_session(std::shared_ptr<H2Session> session,
                                          std::shared_ptr<const Request> request,
                                          TransportOptions options);
  // The general path: a pool's connection (or the origin's HTTP/2
  // connection, once open); `refused` counts the streams refused so far.
  Task<TransportResponse> send_routed(Route routed, std::shared_ptr<const Request> request,
                                      TransportOptions options, int refused);

  NativeOptions options_;
  std::once_flag tls_once_;
  std::shared_ptr<TlsContext> tls_;
  std::shared_ptr<ConnectionPool> pool_;
  std::optional<Proxy> http_proxy_;
  std::optional<Proxy> https_proxy_;
  // Shared with running sends: the transport may be dropped while one runs.
  std::shared_ptr<std::uint64_t> connect_retries_ = std::make_shared<std::uint64_t>(0);
};

}  // namespace httpxx::native
