// Credentials and cookies across redirect chains that leave an origin and
// come back, on MockTransport (HTTPX's rules: Authorization and
// Proxy-Authorization are dropped on a change of origin except an http ->
// https upgrade, the request's own Cookie header is never sent again, the
// jar's cookies go wherever they match, and what was dropped stays dropped).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support.hpp"

using namespace httpxx;
using httpxx_test::drive;
using httpxx_test::mock_client;

namespace {

// What each request of a chain carried.
struct Sent {
  std::string url;
  std::string authorization;
  std::string proxy_authorization;
  std::string cookie;
};

// Answers a path "/go" with a redirect to the URL in its query ("to=...",
// everything after "to="), anything else with 200; records every request.
auto recording(std::vector<Sent>& sent) {
  return [&sent](const Request& r) {
    sent.push_back(Sent{r.url().str(), r.headers().get("Authorization").value_or(""),
                        r.headers().get("Proxy-Authorization").value_or(""),
                        r.headers().get("Cookie").value_or("")});
    const std::string target = r.url().target();
    const auto to = target.find("to=");
    if (r.url().path() == "/go" && to != std::string::npos) {
      return MockResponse{.status = 302, .headers = {{"Location", target.substr(to + 3)}}};
    }
    MockResponse ok{.content = "done"};
    if (r.url().path() == "/login") ok.headers = {{"Set-Cookie", "session=s1; Path=/"}};
    return ok;
  };
}

// http://a.test/go -> http://b.test/go -> http://a.test/end
const char* const kThereAndBack = "http://a.test/go?to=http://b.test/go?to=http://a.test/end";

}  // namespace

TEST_CASE("credentials dropped when a chain leaves its origin stay dropped when it comes back") {
  std::vector<Sent> sent;
  auto client = mock_client(recording(sent), {.follow_redirects = true});
  Headers secrets{{"Authorization", "Bearer t"}, {"Proxy-Authorization", "Basic cA=="}};
  Response r = drive(client.get(kThereAndBack, {.headers = secrets}));
  CHECK(r.url().str() == "http://a.test/end");
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].authorization == "Bearer t");
  CHECK(sent[0].proxy_authorization == "Basic cA==");
  for (std::size_t i = 1; i < 3; ++i) {
    CAPTURE(sent[i].url);
    CHECK(sent[i].authorization.empty());
    CHECK(sent[i].proxy_authorization.empty());
  }
}

TEST_CASE("a client's auth and URL credentials are sent with the first request only") {
  std::vector<Sent> sent;
  auto client = mock_client(
      recording(sent), {.follow_redirects = true, .auth = std::make_shared<BasicAuth>("u", "p")});
  (void)drive(client.get(kThereAndBack));
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].authorization == "Basic dTpw");
  CHECK(sent[1].authorization.empty());
  CHECK(sent[2].authorization.empty());

  sent.clear();
  auto plain = mock_client(recording(sent), {.follow_redirects = true});
  (void)drive(plain.get("http://u:p@a.test/go?to=http://b.test/go?to=http://a.test/end"));
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].authorization == "Basic dTpw");
  CHECK(sent[1].authorization.empty());
  CHECK(sent[2].authorization.empty());
}

TEST_CASE("a new port or a downgrade to http is another origin; an upgrade to https is not") {
  std::vector<Sent> sent;
  auto client = mock_client(recording(sent), {.follow_redirects = true});
  Headers secret{{"Authorization", "Bearer t"}};
  (void)drive(client.get("http://a.test/go?to=http://a.test:8080/end", {.headers = secret}));
  (void)drive(client.get("https://a.test/go?to=http://a.test/end", {.headers = secret}));
  (void)drive(client.get("http://a.test/go?to=https://a.test/end", {.headers = secret}));
  (void)drive(client.get("http://a.test/go?to=https://a.test:8443/end", {.headers = secret}));
  REQUIRE(sent.size() == 8);
  CHECK(sent[1].authorization.empty());        // port 80 -> 8080
  CHECK(sent[3].authorization.empty());        // https -> http
  CHECK(sent[5].authorization == "Bearer t");  // http:80 -> https:443, the same host
  CHECK(sent[7].authorization.empty());        // https, but not on its default port
}

TEST_CASE("a request's own Cookie header is not sent after a redirect; the jar's cookies are") {
  std::vector<Sent> sent;
  auto client = mock_client(recording(sent), {.follow_redirects = true});
  (void)drive(client.get("http://a.test/login"));  // the jar gets a host-only cookie of a.test
  sent.clear();
  Headers own{{"Cookie", "manual=m1"}};
  (void)drive(client.get(kThereAndBack, {.headers = own, .cookies = {{"once", "o1"}}}));
  REQUIRE(sent.size() == 3);
  CHECK(sent[0].cookie.find("manual=m1") != std::string::npos);
  CHECK(sent[0].cookie.find("once=o1") != std::string::npos);
  CHECK(sent[0].cookie.find("session=s1") != std::string::npos);
  CHECK(sent[1].cookie.empty());
  CHECK(sent[2].cookie == "session=s1");

  sent.clear();
  (void)drive(client.get("http://a.test/go?to=/end", {.headers = own}));
  REQUIRE(sent.size() == 2);
  CHECK(sent[1].cookie == "session=s1");  // same origin: still only the jar's
}

TEST_CASE("a chain that ends at a non-http scheme fails after its earlier hops") {
  std::vector<Sent> sent;
  auto client = mock_client(recording(sent), {.follow_redirects = true});
  for (const char* target : {"ftp://a.test/f", "file:///etc/passwd", "javascript:alert(1)",
                             "data:text/plain,x", "ws://a.test/"}) {
    CAPTURE(target);
    sent.clear();
    const std::string url = std::string("http://a.test/go?to=http://b.test/go?to=") + target;
    CHECK_THROWS_AS(drive(client.get(url)), UnsupportedProtocol);
    CHECK(sent.size() == 2);
  }
}
