#include "proxy.hpp"

#include <cstdlib>
#include <stdexcept>

#include "httpxx/auth.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/headers.hpp"
#include "httpxx/url.hpp"
#include "native_options.hpp"

namespace httpxx::native {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// One NO_PROXY entry against the request's host and port.
bool entry_matches(std::string_view entry, std::string_view host, std::uint16_t port) {
  if (entry == "*") return true;
  if (const auto scheme = entry.find("://"); scheme != std::string_view::npos) {
    entry.remove_prefix(scheme + 3);
  }
  // "host:port" or "[v6]:port" limits the entry to one port; a bare IPv6
  // address has several colons and no port.
  std::string_view name = entry;
  if (!entry.empty() && entry.front() == '[') {
    const auto close = entry.find(']');
    if (close == std::string_view::npos) return false;
    name = entry.substr(1, close - 1);
    if (close + 1 < entry.size()) {
      if (entry[close + 1] != ':') return false;
      if (entry.substr(close + 2) != std::to_string(port)) return false;
    }
  } else if (const auto colon = entry.rfind(':');
             colon != std::string_view::npos && entry.find(':') == colon) {
    name = entry.substr(0, colon);
    if (entry.substr(colon + 1) != std::to_string(port)) return false;
  }
  if (!name.empty() && name.front() == '.') name.remove_prefix(1);
  if (name.empty()) return false;
  if (iequals(name, host)) return true;
  // A domain also covers its subdomains: "example.com" matches
  // "api.example.com", not "myexample.com".
  return host.size() > name.size() && host[host.size() - name.size() - 1] == '.' &&
         iequals(host.substr(host.size() - name.size()), name);
}

std::string env(const char* lower_name, const char* upper_name) {
  if (const char* v = std::getenv(lower_name); v != nullptr && *v != '\0') return v;
  if (const char* v = std::getenv(upper_name); v != nullptr && *v != '\0') return v;
  return {};
}

// HTTPX accepts "host:port" in the environment as "http://host:port".
std::string with_scheme(std::string url) {
  if (!url.empty() && url.find("://") == std::string::npos) url.insert(0, "http://");
  return url;
}

}  // namespace

Proxy Proxy::parse(std::string_view text) {
  URL url;
  try {
    url = URL(text);
  } catch (const InvalidURL& e) {
    throw std::invalid_argument("httpxx: invalid proxy URL: " + std::string(e.what()));
  }
  if (url.scheme() != "http") {
    throw std::invalid_argument("httpxx: unsupported proxy scheme '" + url.scheme() +
                                "' (only http:// proxies are supported)");
  }
  if (url.host().empty()) throw std::invalid_argument("httpxx: the proxy URL has no host");
  Proxy proxy;
  proxy.host = url.host();
  proxy.port = url.effective_port();
  const std::string user = url.username();
  const std::string password = url.password();
  if (!user.empty() || !password.empty()) {
    proxy.authorization = BasicAuth(user, password).header_value();
  }
  return proxy;
}

std::string Proxy::authority() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

bool bypasses_proxy(std::string_view no_proxy, std::string_view host, std::uint16_t port) {
  while (!no_proxy.empty()) {
    const auto comma = no_proxy.find(',');
    const std::string_view entry = trim(no_proxy.substr(0, comma));
    if (!entry.empty() && entry_matches(entry, host, port)) return true;
    if (comma == std::string_view::npos) break;
    no_proxy.remove_prefix(comma + 1);
  }
  return false;
}

ProxyOptions ProxyOptions::from_env() {
  ProxyOptions options;
  const std::string all = with_scheme(env("all_proxy", "ALL_PROXY"));
  options.http = with_scheme(env("http_proxy", "HTTP_PROXY"));
  options.https = with_scheme(env("https_proxy", "HTTPS_PROXY"));
  if (options.http.empty()) options.http = all;
  if (options.https.empty()) options.https = all;
  options.no_proxy = env("no_proxy", "NO_PROXY");
  return options;
}

}  // namespace httpxx::native
