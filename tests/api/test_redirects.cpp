// Redirects over the real wire. Portable: public API only. (Under Node.js the
// Fetch transport returns the real 3xx, so lib/'s rules apply there too.)
#include "support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

std::string field(const httpxx::Json& doc, const char* name) {
  const auto* value = as_object(doc).if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

// The same test server reached under another origin (localhost instead of 127.0.0.1).
std::string other_origin(std::string_view path) {
  std::string base = http("");
  base.replace(base.find("127.0.0.1"), 9, "localhost");
  return base + std::string(path);
}

// Why the tests that look at the 3xx responses cannot run in a browser.
constexpr const char* kBrowserFollows =
    "fetch follows redirects itself: no 3xx reaches httpxx, so there is no history and no "
    "next_request, and follow_redirects=false and max_redirects cannot apply";

}  // namespace

TEST_CASE("a redirect chain is followed when asked, and recorded in history") {
  // Browser: no 3xx reaches httpxx (docs/platforms.md).
  if (skip_in_browser(kBrowserFollows)) return;
  with_client([](AsyncClient& client) -> Task<void> {
    httpxx::RequestOptions follow{.follow_redirects = true};
    auto r = co_await client.get(http("/redirect/3"), std::move(follow));
    CHECK(r.status_code() == 200);
    CHECK(r.url().path() == "/get");
    REQUIRE(r.history().size() == 3);
    CHECK(r.history()[0].status_code() == 302);
    CHECK(r.history()[0].url().path() == "/redirect/3");
  });
}

TEST_CASE("redirects are not followed by default; next_request says where to go") {
  // Browser: no 3xx reaches httpxx (docs/platforms.md).
  if (skip_in_browser(kBrowserFollows)) return;
  with_client([](AsyncClient& client) -> Task<void> {
    auto r = co_await client.get(http("/redirect/2"));
    CHECK(r.status_code() == 302);
    REQUIRE(r.next_request().has_value());
    CHECK(r.next_request()->url().path() == "/redirect/1");
  });
}

TEST_CASE("relative and absolute Location headers are both followed") {
  httpxx::ClientOptions options;
  options.follow_redirects = true;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto relative = co_await client.get(http("/relative-redirect/3"));
        CHECK(relative.url().path() == "/get");
        // A browser's fetch follows redirects itself: only the final URL is seen.
        if (!is_browser()) CHECK(relative.history().size() == 3);
        auto absolute = co_await client.get(http("/absolute-redirect/2"));
        CHECK(absolute.url().path() == "/get");
        if (!is_browser()) CHECK(absolute.history().size() == 2);
      },
      options);
}

TEST_CASE("303 turns a POST into a GET without its body; 307 keeps both") {
  httpxx::ClientOptions options;
  options.follow_redirects = true;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions see_other{.params = {{"url", "/anything"}, {"status_code", "303"}},
                                         .content = "payload"};
        auto r303 = co_await client.post(http("/redirect-to"), std::move(see_other));
        CHECK(field(r303.json(), "method") == "GET");
        CHECK(field(r303.json(), "body").empty());
        httpxx::RequestOptions temporary{.params = {{"url", "/anything"}, {"status_code", "307"}},
                                         .content = "payload"};
        auto r307 = co_await client.post(http("/redirect-to"), std::move(temporary));
        CHECK(field(r307.json(), "method") == "POST");
        CHECK(field(r307.json(), "body") == "payload");
      },
      options);
}

TEST_CASE("more redirects than max_redirects raise TooManyRedirects") {
  // Browser: no 3xx reaches httpxx (docs/platforms.md).
  if (skip_in_browser(kBrowserFollows)) return;
  httpxx::ClientOptions options;
  options.follow_redirects = true;
  options.max_redirects = 2;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        (void)co_await expect_error<httpxx::TooManyRedirects>(client.get(http("/redirect/5")));
      },
      options);
}

TEST_CASE("Authorization is dropped when a redirect changes origin") {
  httpxx::ClientOptions options;
  options.follow_redirects = true;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions same{.params = {{"url", "/headers"}},
                                    .headers = {{"Authorization", "Bearer secret"}}};
        auto kept = co_await client.get(http("/redirect-to"), std::move(same));
        CHECK(kept.text().find("Bearer secret") != std::string::npos);
        httpxx::RequestOptions cross{.params = {{"url", other_origin("/headers")}},
                                     .headers = {{"Authorization", "Bearer secret"}}};
        auto dropped = co_await client.get(http("/redirect-to"), std::move(cross));
        CHECK(dropped.url().host() == "localhost");
        CHECK(dropped.text().find("Bearer secret") == std::string::npos);
      },
      options);
}

TEST_CASE("a redirect to a non-http scheme raises UnsupportedProtocol") {
  // Browser: fetch follows the redirect itself and fails it with its opaque
  // TypeError ("Failed to fetch"), which httpxx can only report as a ConnectError.
  if (skip_in_browser("fetch follows the redirect to ftp: itself and rejects with an opaque "
                      "TypeError, reported as ConnectError")) {
    return;
  }
  httpxx::ClientOptions options;
  options.follow_redirects = true;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions to_ftp{.params = {{"url", "ftp://127.0.0.1/file"}}};
        (void)co_await expect_error<httpxx::UnsupportedProtocol>(
            client.get(http("/redirect-to"), std::move(to_ftp)));
      },
      options);
}
