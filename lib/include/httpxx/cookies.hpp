#pragma once
/// \file
/// `Cookie` and `Cookies`: an RFC 6265 cookie jar.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "httpxx/headers.hpp"
#include "httpxx/url.hpp"

namespace httpxx {

class Request;
class Response;

/// One stored cookie.
struct Cookie {
  /// The cookie's name.
  std::string name{};
  /// The cookie's value, as received.
  std::string value{};
  /// Lower case, without a leading dot. Empty for a cookie set by hand
  /// without a domain: it is sent to every host.
  std::string domain{};
  /// The path it applies to (and below); "/" for every path.
  std::string path = "/";
  /// When it expires; nullopt for a session cookie (kept while the jar lives).
  std::optional<std::chrono::system_clock::time_point> expires{};
  /// Sent only over https.
  bool secure = false;
  /// Stored and reported; an HTTP client sends it like any other cookie.
  bool http_only = false;
  /// Sent only to exactly `domain` (no Domain attribute was given).
  bool host_only = false;
  /// Order of creation in its jar (a replaced cookie keeps its own).
  std::uint64_t creation = 0;
};

/// A cookie jar following RFC 6265, as `httpx.Cookies`.
///
/// A client keeps one (`AsyncClient::cookies()`): before each request (and
/// each redirect hop) it adds the matching cookies to the `Cookie` header,
/// and it stores the `Set-Cookie` fields of every response. Rules:
/// - `Expires` (RFC 1123, RFC 850 and asctime forms, parsed as section
///   5.1.1 says) and `Max-Age` (which wins); an expired cookie deletes its
///   namesake and expired cookies are evicted whenever the jar is used.
/// - `Domain` (a leading dot ignored) must domain-match the request host,
///   else the cookie is refused. A `Domain` without an inner dot (`com`,
///   `localhost`) is treated as a public suffix: accepted as a host-only
///   cookie when it equals the host, refused otherwise. An IP-literal host
///   only ever gets host-only cookies. Without `Domain`, a cookie is
///   host-only.
/// - `Path` defaults to the request path's directory (section 5.1.4);
///   paths match per section 5.1.4.
/// - `Secure` cookies are sent over https only; `HttpOnly` is stored.
/// - The `Cookie` header lists longer paths first, then older cookies first.
class Cookies {
 public:
  /// The clock of expiry times (`Cookie::expires`, the `now` arguments).
  using Clock = std::chrono::system_clock;
  /// Iterates over the stored cookies (`Cookie`s) in the jar's order.
  using const_iterator = std::vector<Cookie>::const_iterator;

  Cookies() = default;
  /// `Cookies{{"session", "abc"}, {"theme", "dark"}}`: cookies for every host.
  Cookies(std::initializer_list<std::pair<std::string, std::string>> cookies);

  /// Sets a cookie (replacing one of the same name, domain and path). An
  /// empty `domain` sends it to every host.
  void set(std::string_view name, std::string_view value, std::string_view domain = "",
           std::string_view path = "/");
  /// Stores `cookie` as given (replacing its namesake).
  void set(Cookie cookie);
  /// The value of the cookie `name` (the first one if several match);
  /// `domain`/`path`, when not empty, must equal the cookie's.
  [[nodiscard]] std::optional<std::string> get(std::string_view name, std::string_view domain = "",
                                               std::string_view path = "") const;
  /// Removes the cookies `name` (restricted to `domain`/`path` when given);
  /// returns how many.
  std::size_t remove(std::string_view name, std::string_view domain = "",
                     std::string_view path = "");
  /// Removes every cookie.
  void clear() noexcept { cookies_.clear(); }
  /// Adds every cookie of `other` (replacing namesakes).
  void update(const Cookies& other);

  /// Stores the cookies `response` sets (its `Set-Cookie` fields, judged
  /// against its URL).
  void extract_cookies(const Response& response, Clock::time_point now = Clock::now());
  /// Parses one `Set-Cookie` value received from `url` and stores it if the
  /// rules above allow; returns whether it was stored (or deleted its
  /// namesake, for an expired one). A value holding a control character
  /// other than HTAB is ignored whole (RFC 6265bis).
  bool set_cookie(std::string_view set_cookie, const URL& url,
                  Clock::time_point now = Clock::now());

  /// The `Cookie` header value for a request to `url` (nullopt if no
  /// cookie matches). Evicts expired cookies first.
  [[nodiscard]] std::optional<std::string> header_for(const URL& url,
                                                      Clock::time_point now = Clock::now());
  /// Adds the matching cookies to `request`'s `Cookie` header; cookies
  /// whose name the header already holds are left out.
  void set_cookie_header(Request& request, Clock::time_point now = Clock::now());
  /// Removes the cookies expired at `now`.
  void evict_expired(Clock::time_point now = Clock::now());

  /// How many cookies are stored (expired ones included until evicted).
  [[nodiscard]] std::size_t size() const noexcept { return cookies_.size(); }
  /// True if no cookie is stored.
  [[nodiscard]] bool empty() const noexcept { return cookies_.empty(); }
  /// The first cookie: `for (const Cookie& c : client.cookies())`. Changing the jar
  /// invalidates iterators.
  [[nodiscard]] const_iterator begin() const noexcept { return cookies_.begin(); }
  /// Past the last cookie.
  [[nodiscard]] const_iterator end() const noexcept { return cookies_.end(); }

 private:
  std::vector<Cookie> cookies_;
  std::uint64_t next_creation_ = 0;
};

/// Parses an HTTP cookie date (RFC 6265 section 5.1.1: RFC 1123, RFC 850,
/// asctime and the variants browsers accept); nullopt if it is not one. A
/// date the clock cannot represent becomes its earliest or latest time
/// point (a 64-bit nanosecond clock ends in 2262).
[[nodiscard]] std::optional<std::chrono::system_clock::time_point> parse_cookie_date(
    std::string_view text);

}  // namespace httpxx
