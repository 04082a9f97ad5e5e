#pragma once
// `Proxy`: an HTTP proxy as the transport uses it (where to connect, what
// `Proxy-Authorization` to send), and the NO_PROXY rule that sends some
// hosts around it.

#include <cstdint>
#include <string>
#include <string_view>

namespace httpxx::native {

struct Proxy {
  std::string host;  // a DNS name or an IP address (IPv6 without brackets)
  std::uint16_t port = 0;
  /// The `Proxy-Authorization` value ("Basic ..."), empty without userinfo.
  std::string authorization;

  /// Parses "http://[user:pass@]host[:port]" (port 80 by default; a path
  /// is ignored). Throws `std::invalid_argument` for another scheme or a
  /// malformed URL.
  [[nodiscard]] static Proxy parse(std::string_view url);
  /// "host:port" ("[::1]:port" for IPv6), for messages and CONNECT.
  [[nodiscard]] std::string authority() const;
  friend bool operator==(const Proxy&, const Proxy&) = default;
};

/// True if `no_proxy` (NO_PROXY's syntax, see `ProxyOptions`) sends
/// `host:port` around the proxy.
[[nodiscard]] bool bypasses_proxy(std::string_view no_proxy, std::string_view host,
                                  std::uint16_t port);

}  // namespace httpxx::native
