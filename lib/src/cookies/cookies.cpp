#include "httpxx/cookies.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "httpxx/request.hpp"
#include "httpxx/response.hpp"
#include "text/ascii.hpp"

namespace httpxx {

namespace {

using Clock = std::chrono::system_clock;

using detail::ascii::lower;

using detail::ascii::trim;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// An IPv4 dotted quad or an IPv6 literal (URL::host() has no brackets).
bool is_ip_literal(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;
  if (host.empty()) return false;
  int dots = 0;
  for (char c : host) {
    if (c == '.') {
      ++dots;
    } else if (!is_digit(c)) {
      return false;
    }
  }
  return dots == 3;
}

// RFC 6265 section 5.1.3.
bool domain_match(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return !is_ip_literal(host) && host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

// RFC 6265 section 5.1.4.
std::string default_path(std::string_view uri_path) {
  if (uri_path.empty() || uri_path.front() != '/') return "/";
  std::size_t last = uri_path.rfind('/');
  if (last == 0) return "/";
  return std::string(uri_path.substr(0, last));
}

bool path_match(std::string_view request_path, std::string_view cookie_path) {
  if (request_path.empty()) request_path = "/";
  if (request_path == cookie_path) return true;
  if (!request_path.starts_with(cookie_path)) return false;
  return cookie_path.ends_with('/') || request_path[cookie_path.size()] == '/';
}

bool expired(const Cookie& c, Clock::time_point now) { return c.expires && *c.expires <= now; }

bool same_key(const Cookie& a, const Cookie& b) {
  return a.name == b.name && a.domain == b.domain && a.path == b.path;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

bool is_delimiter(char c) {
  auto u = static_cast<unsigned char>(c);
  return u == 0x09 || (u >= 0x20 && u <= 0x2F) || (u >= 0x3B && u <= 0x40) ||
         (u >= 0x5B && u <= 0x60) || (u >= 0x7B && u <= 0x7E);
}

// Leading digits of `token`: between `min` and `max` of them.
std::optional<int> leading_number(std::string_view token, std::size_t min, std::size_t max) {
  std::size_t n = 0;
  while (n < token.size() && is_digit(token[n])) ++n;
  if (n < min || n > max) return std::nullopt;
  int value = 0;
  std::from_chars(token.data(), token.data() + n, value);
  return value;
}

// hms-time ( non-digit *OCTET ), hms-time = 1*2DIGIT ":" 1*2DIGIT ":" 1*2DIGIT.
std::optional<std::array<int, 3>> parse_time(std::string_view token) {
  std::array<int, 3> hms{};
  std::size_t i = 0;
  for (int part = 0; part < 3; ++part) {
    std::size_t start = i;
    while (i < token.size() && is_digit(token[i]) && i - start < 3) ++i;
    if (i == start || i - start > 2) return std::nullopt;
    std::from_chars(token.data() + start, token.data() + i, hms[static_cast<std::size_t>(part)]);
    if (part < 2) {
      if (i >= token.size() || token[i] != ':') return std::nullopt;
      ++i;
    }
  }
  if (i < token.size() && is_digit(token[i])) return std::nullopt;
  return hms;
}

}  // namespace

std::optional<Clock::time_point> parse_cookie_date(std::string_view text) {
  std::optional<int> hour, minute, second, day, month, year;
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_delimiter(text[i])) ++i;
    std::size_t start = i;
    while (i < text.size() && !is_delimiter(text[i])) ++i;
    std::string_view token = text.substr(start, i - start);
    if (token.empty()) continue;
    if (!hour) {
      if (auto hms = parse_time(token)) {
        hour = (*hms)[0], minute = (*hms)[1], second = (*hms)[2];
        continue;
      }
    }
    if (!day) {
      if (auto d = leading_number(token, 1, 2)) {
        day = d;
        continue;
      }
    }
    if (!month && token.size() >= 3) {
      std::string prefix = lower(token.substr(0, 3));
      bool found = false;
      for (int m = 0; m < 12; ++m) {
        if (prefix == kMonths[m]) {
          month = m + 1;
          found = true;
          break;
        }
      }
      if (found) continue;
    }
    if (!year) {
      if (auto y = leading_number(token, 2, 4)) {
        year = y;
        continue;
      }
    }
  }
  if (!hour || !day || !month || !year) return std::nullopt;
  if (*year >= 70 && *year <= 99) *year += 1900;
  if (*year >= 0 && *year <= 69) *year += 2000;
  if (*day < 1 || *day > 31 || *year < 1601 || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  const bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (*day > kDays[*month - 1] + (*month == 2 && leap ? 1 : 0)) return std::nullopt;
  long long days =
      days_from_civil(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  const long long seconds = days * 86400 + *hour * 3600 + *minute * 60 + *second;
  // A clock counting nanoseconds in 64 bits (libstdc++'s) spans the years
  // 1678 to 2261 only; converting a date beyond them would overflow. RFC
  // 6265 section 5.2.1 lets such dates become the nearest representable one.
  using std::chrono::duration_cast;
  constexpr long long kLatest =
      duration_cast<std::chrono::seconds>(Clock::time_point::max().time_since_epoch()).count();
  constexpr long long kEarliest =
      duration_cast<std::chrono::seconds>(Clock::time_point::min().time_since_epoch()).count();
  if (seconds >= kLatest) return Clock::time_point::max();
  if (seconds <= kEarliest) return Clock::time_point::min();
  return Clock::time_point(std::chrono::seconds(seconds));
}

Cookies::Cookies(std::initializer_list<std::pair<std::string, std::string>> cookies) {
  for (const auto& [name, value] : cookies) set(name, value);
}

void Cookies::set(std::string_view name, std::string_view value, std::string_view domain,
                  std::string_view path) {
  Cookie cookie;
  cookie.name = std::string(name);
  cookie.value = std::string(value);
  std::string_view d = domain;
  if (d.starts_with('.')) d.remove_prefix(1);
  cookie.domain = lower(d);
  cookie.path = path.empty() ? "/" : std::string(path);
  set(std::move(cookie));
}

void Cookies::set(Cookie cookie) {
  for (Cookie& existing : cookies_) {
    if (same_key(existing, cookie)) {
      cookie.creation = existing.creation;
      existing = std::move(cookie);
      return;
    }
  }
  cookie.creation = next_creation_++;
  cookies_.push_back(std::move(cookie));
}

std::optional<std::string> Cookies::get(std::string_view name, std::string_view domain,
                                        std::string_view path) const {
  for (const Cookie& c : cookies_) {
    if (c.name == name && (domain.empty() || c.domain == domain) &&
        (path.empty() || c.path == path)) {
      return c.value;
    }
  }
  return std::nullopt;
}

std::size_t Cookies::remove(std::string_view name, std::string_view domain, std::string_view path) {
  return std::erase_if(cookies_, [&](const Cookie& c) {
    return c.name == name && (domain.empty() || c.domain == domain) &&
           (path.empty() || c.path == path);
  });
}

void Cookies::update(const Cookies& other) {
  for (const Cookie& c : other.cookies_) set(c);
}

void Cookies::evict_expired(Clock::time_point now) {
  std::erase_if(cookies_, [now](const Cookie& c) { return expired(c, now); });
}

bool Cookies::set_cookie(std::string_view set_cookie, const URL& url, Clock::time_point now) {
  // Control characters other than HTAB make the whole line ignored (RFC
  // 6265bis, section 5.6): stored, a NUL or CR would make every later
  // request to that host fail to build its Cookie header.
  if (std::any_of(set_cookie.begin(), set_cookie.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && u != '\t') || u == 0x7f;
      })) {
    return false;
  }
  // RFC 6265 section 5.2: name=value, then ';'-separated attributes.
  std::size_t semi = set_cookie.find(';');
  std::string_view pair = set_cookie.substr(0, semi);
  std::size_t eq = pair.find('=');
  if (eq == std::string_view::npos) return false;
  Cookie cookie;
  cookie.name = std::string(trim(pair.substr(0, eq)));
  cookie.value = std::string(trim(pair.substr(eq + 1)));
  if (cookie.name.empty()) return false;

  std::optional<Clock::time_point> expires, max_age;
  std::string domain_attr;  // empty: no Domain attribute (an empty one is ignored too)
  std::string path_attr;
  std::string_view attrs =
      semi == std::string_view::npos ? std::string_view() : set_cookie.substr(semi + 1);
  while (!attrs.empty()) {
    std::size_t next = attrs.find(';');
    std::string_view av = attrs.substr(0, next);
    attrs = next == std::string_view::npos ? std::string_view() : attrs.substr(next + 1);
    std::size_t aeq = av.find('=');
    std::string name = lower(trim(av.substr(0, aeq)));
    std::string_view value =
        aeq == std::string_view::npos ? std::string_view() : trim(av.substr(aeq + 1));
    if (name == "expires") {
      if (auto t = parse_cookie_date(value)) expires = t;
    } else if (name == "max-age") {
      std::string_view digits = value.starts_with('-') ? value.substr(1) : value;
      if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) continue;
      long long seconds = 0;
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), seconds);
      if (ec != std::errc()) seconds = 400LL * 24 * 3600;  // too large: far in the future
      if (value.starts_with('-') || seconds == 0) {
        max_age = Clock::time_point::min();
      } else {
        max_age = now + std::chrono::seconds(std::min(seconds, 400LL * 24 * 3600 * 100));
      }
    } else if (name == "domain") {
      std::string_view d = value;
      if (d.starts_with('.')) d.remove_prefix(1);
      if (!d.empty()) domain_attr = lower(d);
    } else if (name == "path") {
      path_attr = std::string(value);
    } else if (name == "secure") {
      cookie.secure = true;
    } else if (name == "httponly") {
      cookie.http_only = true;
    }
  }
  cookie.expires = max_age ? max_age : expires;

  const std::string& host = url.host();
  if (host.empty()) return false;
  if (!domain_attr.empty()) {
    const bool public_suffix = domain_attr.find('.') == std::string::npos;
    if (public_suffix || is_ip_literal(host)) {
      // A bare top-level name (or an IP host) only ever gets a host-only cookie.
      if (domain_attr != host) return false;
      domain_attr.clear();
    } else if (!domain_match(host, domain_attr)) {
      return false;
    }
  }
  if (!domain_attr.empty()) {
    cookie.domain = domain_attr;
  } else {
    cookie.domain = host;
    cookie.host_only = true;
  }
  cookie.path = path_attr.starts_with('/') ? path_attr : default_path(url.path());

  if (expired(cookie, now)) {
    std::erase_if(cookies_, [&](const Cookie& c) { return same_key(c, cookie); });
    return true;
  }
  set(std::move(cookie));
  return true;
}

void Cookies::extract_cookies(const Response& response, Clock::time_point now) {
  for (const std::string& field : response.headers().get_list("Set-Cookie")) {
    set_cookie(field, response.url(), now);
  }
}

std::optional<std::string> Cookies::header_for(const URL& url, Clock::time_point now) {
  evict_expired(now);
  const std::string& host = url.host();
  const bool https = url.scheme() == "https";
  std::vector<const Cookie*> matching;
  for (const Cookie& c : cookies_) {
    if (c.secure && !https) continue;
    if (!c.domain.empty()) {
      if (c.host_only ? host != c.domain : !domain_match(host, c.domain)) continue;
    }
    if (!path_match(url.path(), c.path)) continue;
    matching.push_back(&c);
  }
  if (matching.empty()) return std::nullopt;
  std::stable_sort(matching.begin(), matching.end(), [](const Cookie* a, const Cookie* b) {
    if (a->path.size() != b->path.size()) return a->path.size() > b->path.size();
    return a->creation < b->creation;
  });
  std::string header;
  for (const Cookie* c : matching) {
    if (!header.empty()) header += "; ";
    header += c->name + "=" + c->value;
  }
  return header;
}

void Cookies::set_cookie_header(Request& request, Clock::time_point now) {
  std::optional<std::string> jar = header_for(request.url(), now);
  if (!jar) return;
  const std::optional<std::string_view> existing = request.headers().first("Cookie");
  if (!existing) {
    request.headers().set("Cookie", *jar);
    return;
  }
  // Cookies the request already names (its own `Cookie` header or
  // per-request cookies) win over the jar's.
  std::vector<std::string> names;
  std::string_view rest = *existing;
  while (!rest.empty()) {
    std::size_t semi = rest.find(';');
    std::string_view item = trim(rest.substr(0, semi));
    names.emplace_back(trim(item.substr(0, item.find('='))));
    rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
  }
  std::string merged(*existing);
  std::string_view jar_rest = *jar;
  while (!jar_rest.empty()) {
    std::size_t semi = jar_rest.find("; ");
    std::string_view item = jar_rest.substr(0, semi);
    std::string name(item.substr(0, item.find('=')));
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      merged += "; ";
      merged += item;
    }
    jar_rest = semi == std::string_view::npos ? std::string_view() : jar_rest.substr(semi + 2);
  }
  request.headers().set("Cookie", merged);
}

}  // namespace httpxx
