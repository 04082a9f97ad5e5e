// Fuzzes httpxx::URL and QueryParams (lib/src/url.cpp, on Boost.URL).
//
// Input: up to three lines: a URL, a reference to join onto it, and a
// query string for QueryParams.
//
// Checked: only parsing and `join` throw, and only `InvalidURL`; normalising is idempotent (the
// text of a URL parses back to the same URL), also for what `join`,
// `with_params`, `without_fragment` and `without_userinfo` return; `join`
// gives an absolute URL; `with_params` appends exactly the given parameters
// and keeps the fragment; the two `without_` functions remove what they
// say; and QueryParams survive `encode` then `parse`.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/url.hpp"

namespace {

using httpxx::InvalidURL;
using httpxx::QueryParams;
using httpxx::URL;

std::string_view take_line(std::string_view& rest) {
  const std::size_t nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

void check_stable(const URL& url) {
  const URL again(url.str());
  FUZZ_CHECK(again.str() == url.str());
  FUZZ_CHECK(again.scheme() == url.scheme());
  FUZZ_CHECK(again.host() == url.host());
  FUZZ_CHECK(again.port() == url.port());
  FUZZ_CHECK(again.path() == url.path());
  FUZZ_CHECK(again.query() == url.query());
  FUZZ_CHECK(again.fragment() == url.fragment());
}

QueryParams concat(QueryParams a, const QueryParams& b) {
  for (const auto& [name, value] : b) a.add(name, value);
  return a;
}

void exercise(const URL& url, std::string_view reference, const QueryParams& params) {
  check_stable(url);
  FUZZ_CHECK(url.is_absolute() != url.is_relative());
  FUZZ_CHECK(!url.target().empty());
  (void)url.host_header();
  (void)url.effective_port();
  (void)url.username();
  (void)url.password();
  if (url.is_absolute()) (void)url.origin();
  const QueryParams own = url.params();

  const URL plain = url.without_fragment();
  check_stable(plain);
  FUZZ_CHECK(plain.fragment().empty() && plain.str().find('#') == std::string::npos);
  const URL anonymous = url.without_userinfo();
  check_stable(anonymous);
  FUZZ_CHECK(anonymous.username().empty() && anonymous.password().empty());
  FUZZ_CHECK(anonymous.host() == url.host() && anonymous.path() == url.path());

  const URL extended = url.with_params(params);
  check_stable(extended);
  FUZZ_CHECK(extended.fragment() == url.fragment());
  FUZZ_CHECK(extended.path() == url.path());
  FUZZ_CHECK(extended.params() == concat(own, params));

  if (url.is_absolute()) {
    try {
      const URL joined = url.join(URL(reference));
      FUZZ_CHECK(joined.is_absolute());
      check_stable(joined);
    } catch (const InvalidURL&) {
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string_view text = take_line(rest);
  const std::string_view reference = take_line(rest);
  const std::string_view query = take_line(rest);

  QueryParams params;
  try {
    params = QueryParams::parse(query);
  } catch (const InvalidURL&) {
    return 0;
  }
  FUZZ_CHECK(QueryParams::parse(params.encode()) == params);
  std::optional<URL> url;
  try {
    url.emplace(text);
  } catch (const InvalidURL&) {
    return 0;
  }
  // Once parsed, only `join` may refuse: anything else escaping is a bug.
  exercise(*url, reference, params);
  return 0;
}
