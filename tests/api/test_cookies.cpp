// Cookies over the wire: the server sets them, the client's jar sends them
// back. Portable: public API only (Node's fetch keeps no cookies, so the
// jar applies in the wasm build too).
#include <algorithm>
#include <vector>

#include "support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

// The `cookies` object of a /cookies document, as "a=1,b=2" (sorted by name).
std::string cookies_of(const httpxx::Json& doc) {
  std::vector<std::string> pairs;
  for (const auto& [name, value] : as_object(doc).at("cookies").as_object()) {
    pairs.push_back(std::string(name) + "=" + std::string(value.as_string()));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& pair : pairs) out += (out.empty() ? "" : ",") + pair;
  return out;
}

// Why the cookie tests cannot run in a browser.
constexpr const char* kBrowserCookies =
    "the browser keeps the cookies: httpxx's jar is not used, Set-Cookie is hidden from the "
    "page, Cookie is a forbidden request header, and a cross-origin fetch without credentials "
    "neither stores nor sends cookies";

}  // namespace

TEST_CASE("cookies set through a redirect are stored and sent back") {
  // Browser: the cookies are the browser's (docs/platforms.md).
  if (skip_in_browser(kBrowserCookies)) return;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(http("/cookies/set?a=1&b=2"));
        CHECK(r.status_code() == 200);
        REQUIRE(r.history().size() == 1);
        CHECK(r.history()[0].cookies().get("a") == "1");
        CHECK(cookies_of(r.json()) == "a=1,b=2");
        CHECK(client.cookies().get("b") == "2");
        auto again = co_await client.get(http("/cookies"));
        CHECK(cookies_of(again.json()) == "a=1,b=2");
      },
      {.follow_redirects = true});
}

TEST_CASE("a deleted cookie leaves the jar") {
  // Browser: the cookies are the browser's (docs/platforms.md).
  if (skip_in_browser(kBrowserCookies)) return;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        (void)co_await client.get(http("/cookies/set?a=1&b=2"));
        auto r = co_await client.get(http("/cookies/delete?a"));
        CHECK(cookies_of(r.json()) == "b=2");
        CHECK_FALSE(client.cookies().get("a").has_value());
      },
      {.follow_redirects = true});
}

TEST_CASE("Path and Max-Age of a raw Set-Cookie are honoured") {
  // Browser: the cookies are the browser's (docs/platforms.md).
  if (skip_in_browser(kBrowserCookies)) return;
  with_client([](AsyncClient& client) -> Task<void> {
    auto r = co_await client.get(
        http("/set-cookie-raw?h=deep%3D1%3B%20Path%3D%2Fcookies%2Fx&h=gone%3D1%3B%20Max-Age%3D0"
             "&h=root%3D1%3B%20Path%3D%2F%3B%20HttpOnly"));
    CHECK(r.status_code() == 200);
    CHECK(client.cookies().size() == 2);
    auto cookies = co_await client.get(http("/cookies"));
    CHECK(cookies_of(cookies.json()) == "root=1");
  });
}

TEST_CASE("per-request cookies are sent but not kept") {
  // Browser: the cookies are the browser's (docs/platforms.md).
  if (skip_in_browser(kBrowserCookies)) return;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions options;
        options.cookies = httpxx::Cookies{{"once", "1"}};
        auto r = co_await client.get(http("/cookies"), std::move(options));
        CHECK(cookies_of(r.json()) == "init=0,once=1");
        auto again = co_await client.get(http("/cookies"));
        CHECK(cookies_of(again.json()) == "init=0");
      },
      {.cookies = httpxx::Cookies{{"init", "0"}}});
}
