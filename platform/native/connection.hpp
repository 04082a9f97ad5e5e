#pragma once
// `Connection`: one TCP (or TLS) connection to an origin, with deadlines on
// every operation and the errors of HTTPX's hierarchy. It moves bytes only;
// HTTP lives in `Exchange`.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "httpxx/task.hpp"
#include "io_core.hpp"
#include "native_options.hpp"
#include "pool_ticket.hpp"
#include "proxy.hpp"

namespace httpxx::native {

class TlsContext;

/// Where a connection goes: the pool's key. TLS settings are not part of
/// it because one transport has one TLS configuration. Requests forwarded
/// by an HTTP proxy (absolute form) have the proxy as their origin; an
/// https origin reached through a proxy's CONNECT tunnel names the proxy in
/// `tunnel`.
struct Origin {
  std::string scheme;  // "http" or "https"
  std::string host;    // a DNS name or an IP address (IPv6 without brackets)
  std::uint16_t port = 0;
  std::optional<Proxy> tunnel;

  [[nodiscard]] bool tls() const noexcept { return scheme == "https"; }
  /// "host:port" ("[::1]:port" for IPv6), for messages.
  [[nodiscard]] std::string authority() const;
  friend bool operator==(const Origin&, const Origin&) = default;
};

/// What a TLS connection offers in ALPN (RFC 7301).
enum class Alpn : unsigned char {
  http1,     ///< nothing: HTTP/1.1
  h2_or_h1,  ///< "h2" and "http/1.1": the server chooses
  h2,        ///< "h2" only: a server that does not choose it is refused
};

class Connection {
 public:
  using Duration = std::chrono::steady_clock::duration;

  /// Resolves the host, connects to each address in turn until one
  /// answers (IPv4 and IPv6), sets TCP_NODELAY, opens the CONNECT tunnel
  /// if the origin has one and, for https, does the TLS handshake with the
  /// origin's host, all within `timeout`. The proxy's answer to CONNECT
  /// is read by `ResponseParser` under `limits`, as any response. Throws
  /// `ConnectTimeout`, `ConnectError`, `RemoteProtocolError` for a
  /// malformed answer to CONNECT (or none), or `ProxyError` if the proxy
  /// refuses the tunnel (the message names its status) or sends bytes
  /// after its 2xx head. Nothing of a request is sent here. The connection
  /// keeps `ticket` (its pool place); its reads take up to
  /// `limits.read_buffer_size` bytes. Over TLS it offers the protocols of
  /// `alpn`; with `Alpn::h2`, a server that does not pick "h2" is a
  /// `ConnectError`.
  [[nodiscard]] static Task<std::unique_ptr<Connection>> open(Origin origin, PoolTicket ticket,
                                                              TlsContext* tls,
                                                              std::optional<Duration> timeout,
                                                              HttpLimits limits,
                                                              Alpn alpn = Alpn::http1);

  Connection(Origin origin, std::shared_ptr<IoCore> core, PoolTicket ticket);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Writes `head` then `body`; each write of a slice must complete within
  /// `timeout`. Throws `WriteTimeout`, `WriteError`.
  [[nodiscard]] Task<void> write(std::string_view head, std::string_view body,
                                 std::optional<Duration> timeout);
  /// Waits up to `timeout` for bytes; returns them (a view of the read
  /// buffer: the connection's own over TLS, valid until its next read; the
  /// thread's over plain TCP, valid until the thread reads again, so the
  /// caller uses the bytes before it waits for anything), or an empty view
  /// at end of stream
  /// (a TLS peer that closes without close_notify counts as end of
  /// stream). Throws `ReadTimeout`, `ReadError`.
  [[nodiscard]] Task<std::string_view> read(std::optional<Duration> timeout);

  /// Writes what the socket takes now, without waiting: a connection's last
  /// words before it closes (HTTP/2's GOAWAY). True if all of `bytes` went
  /// out. Never call it while a `write` is pending.
  bool send_now(std::string_view bytes) noexcept;

  /// For an idle pooled connection: true if it can carry a new request,
  /// i.e. the peer has not closed it and sent no data unasked (checked
  /// with a non-blocking peek; over TLS, records that arrived are processed
  /// without blocking, since they may be session tickets).
  [[nodiscard]] bool idle_usable() noexcept;
  [[nodiscard]] bool usable() const noexcept { return core_->usable(); }
  [[nodiscard]] const Origin& origin() const noexcept { return origin_; }
  /// For a connection that stays busy (HTTP/2): TLS keeps its buffers
  /// between reads (TlsChannel::keep_buffers). Nothing for plain TCP.
  void keep_buffers() noexcept;
  /// True if the TLS handshake chose HTTP/2 ("h2" in ALPN).
  [[nodiscard]] bool negotiated_h2() const noexcept { return h2_; }
  [[nodiscard]] AsioLoop* loop() const noexcept { return core_->loop(); }
  /// The pool this connection has its place in (null if none).
  [[nodiscard]] const std::shared_ptr<ConnectionPool>& pool() const noexcept {
    return ticket_.pool();
  }

  /// When it went idle in the pool.
  std::chrono::steady_clock::time_point idle_since{};

 private:
  // Sends CONNECT to `origin.tunnel` on a connected socket and reads the
  // answer (within `deadline`). Called only from `open`, whose frame holds
  // what the references name.
  [[nodiscard]] static Task<void> open_tunnel(std::shared_ptr<IoCore> core, const Origin& origin,
                                              const HttpLimits& limits, const Deadline& deadline);

  Origin origin_;
  std::shared_ptr<IoCore> core_;
  PoolTicket ticket_;
  bool h2_ = false;
};

}  // namespace httpxx::native
