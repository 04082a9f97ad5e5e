// Fuzzes the cookie jar (lib/src/cookies/cookies.cpp): Set-Cookie parsing,
// cookie dates, storing, and matching against request URLs.
//
// Input: lines. The first is the URL the cookies come from; then each line
// is a Set-Cookie value received from it, or, starting with '>', a request
// URL (optionally followed by '|' and the request's own Cookie header) to
// build the Cookie header for, or, starting with '@', a new origin URL.
// Invalid URLs (and hosts with an empty label) are replaced by a default
// one.
//
// Checked: nothing throws but `InvalidURL` from parsing URLs; the jar never
// holds two cookies with one (name, domain, path) key, nor an expired one;
// stored domains are lower case without a leading dot, paths start with
// '/'; a Cookie header names only cookies of the jar and keeps the
// request's own cookies first.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "httpxx/cookies.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/request.hpp"

namespace {

using httpxx::Cookie;
using httpxx::Cookies;
using httpxx::URL;
using Clock = Cookies::Clock;
using namespace std::chrono_literals;

constexpr Clock::time_point kNow{1'700'000'000s};  // 2023-11-14

std::string_view take_line(std::string_view& rest) {
  const std::size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

// A host name with an empty label (".a", "a..b", "a.") cannot be looked
// up; the jar stores what such a host gives as it is (RFC 6265 removes one
// leading dot from Domain, no more), so the checks below assume none.
bool has_empty_label(std::string_view host) {
  return host.starts_with('.') || host.ends_with('.') || host.find("..") != std::string::npos;
}

URL url_or_default(std::string_view text) {
  try {
    URL url(text);
    if (url.is_absolute() && !has_empty_label(url.host())) return url;
  } catch (const httpxx::InvalidURL&) {
  }
  return URL("http://www.example.com/dir/page");
}

void check_jar(const Cookies& jar, Clock::time_point now) {
  for (auto a = jar.begin(); a != jar.end(); ++a) {
    FUZZ_CHECK(!a->name.empty());
    FUZZ_CHECK(!a->path.empty() && a->path.front() == '/');
    FUZZ_CHECK(!a->domain.starts_with('.'));
    FUZZ_CHECK(std::none_of(a->domain.begin(), a->domain.end(),
                            [](char c) { return c >= 'A' && c <= 'Z'; }));
    FUZZ_CHECK(!a->expires || *a->expires > now);
    for (auto b = a + 1; b != jar.end(); ++b) {
      FUZZ_CHECK(!(a->name == b->name && a->domain == b->domain && a->path == b->path));
    }
  }
}

bool jar_has(const Cookies& jar, std::string_view name) {
  return std::any_of(jar.begin(), jar.end(), [&](const Cookie& c) { return c.name == name; });
}

void request_from(Cookies& jar, std::string_view line) {
  const std::size_t bar = line.find('|');
  const URL url = url_or_default(line.substr(0, bar));
  const std::optional<std::string> header = jar.header_for(url, kNow);
  if (header) {
    // "a=1; b=2": every name is a cookie of the jar.
    std::string_view rest = *header;
    while (!rest.empty()) {
      const std::size_t semi = rest.find("; ");
      const std::string_view item = rest.substr(0, semi);
      FUZZ_CHECK(jar_has(jar, item.substr(0, item.find('='))));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 2);
    }
  }
  if (bar == std::string_view::npos) return;
  httpxx::Headers headers;
  try {
    headers.add("Cookie", line.substr(bar + 1));
  } catch (const httpxx::Error&) {
    return;  // not a valid header value
  }
  httpxx::Request request("GET", url, headers);
  jar.set_cookie_header(request, kNow);
  const std::optional<std::string> merged = request.headers().get("Cookie");
  FUZZ_CHECK(merged.has_value() && merged->starts_with(*headers.get("Cookie")));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  URL origin = url_or_default(take_line(rest));
  Cookies jar;
  std::size_t stored = 0;
  while (!rest.empty()) {
    const std::string_view line = take_line(rest);
    if (line.starts_with('>')) {
      request_from(jar, line.substr(1));
    } else if (line.starts_with('@')) {
      origin = url_or_default(line.substr(1));
    } else {
      (void)httpxx::parse_cookie_date(line);  // UBSan watches its arithmetic
      if (jar.set_cookie(line, origin, kNow)) ++stored;
      FUZZ_CHECK(jar.size() <= stored);
    }
    check_jar(jar, kNow);
  }
  Cookies copy;
  copy.update(jar);
  FUZZ_CHECK(copy.size() == jar.size());
  const Clock::time_point later = kNow + 24h * 500;
  jar.evict_expired(later);
  check_jar(jar, later);
  return 0;
}
