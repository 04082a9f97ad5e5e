// Redirect following on MockTransport (HTTPX semantics).
#include <doctest/doctest.h>

#include "support.hpp"

using namespace httpxx;
using httpxx_test::drive;
using httpxx_test::mock_client;

namespace {

MockResponse redirect(int status, std::string location) {
  return MockResponse{.status = status, .headers = {{"Location", location}}, .content = "moved"};
}

// /redirect/N → /redirect/N-1 … → /done; other paths echo method and body.
MockResponse chain(const Request& r) {
  const std::string& path = r.url().path();
  if (path.starts_with("/redirect/")) {
    int n = std::stoi(path.substr(10));
    return redirect(302, n > 1 ? "/redirect/" + std::to_string(n - 1) : "/done");
  }
  if (path == "/absolute") return redirect(301, "http://b.test/landing");
  if (path == "/protocol-relative") return redirect(302, "//c.test/x");
  if (path == "/to-ftp") return redirect(302, "ftp://a.test/file");
  if (path == "/bad-location") return redirect(302, "http://[broken");
  if (path.starts_with("/status/")) return redirect(std::stoi(path.substr(8)), "/done");
  std::string auth = r.headers().get("Authorization").value_or("-");
  std::string cookie = r.headers().get("Cookie").value_or("-");
  return MockResponse{.content = r.method() + " " + r.url().str() + " body=" + r.content() +
                                 " auth=" + auth + " cookie=" + cookie};
}

}  // namespace

TEST_CASE("redirects are not followed by default; next_request says where they lead") {
  auto client = mock_client(chain);
  Response r = drive(client.get("http://a.test/redirect/1"));
  CHECK(r.status_code() == 302);
  CHECK(r.history().empty());
  REQUIRE(r.next_request().has_value());
  CHECK(r.next_request()->url().str() == "http://a.test/done");
}

TEST_CASE("a redirect chain is followed and recorded in history") {
  auto client = mock_client(chain, {.follow_redirects = true});
  Response r = drive(client.get("http://a.test/redirect/3"));
  CHECK(r.status_code() == 200);
  CHECK(r.url().str() == "http://a.test/done");
  REQUIRE(r.history().size() == 3);
  CHECK(r.history()[0].url().str() == "http://a.test/redirect/3");
  CHECK(r.history()[2].url().str() == "http://a.test/redirect/1");
  CHECK(r.history()[0].content() == "moved");
  CHECK_FALSE(r.next_request().has_value());
}

TEST_CASE("follow_redirects per request overrides the client") {
  auto client = mock_client(chain);
  Response r = drive(client.get("http://a.test/redirect/2", {.follow_redirects = true}));
  CHECK(r.status_code() == 200);
}

TEST_CASE("more redirects than max_redirects raise TooManyRedirects") {
  auto client = mock_client(chain, {.follow_redirects = true, .max_redirects = 3});
  CHECK(drive(client.get("http://a.test/redirect/3")).status_code() == 200);
  CHECK_THROWS_AS(drive(client.get("http://a.test/redirect/4")), TooManyRedirects);
}

TEST_CASE("303 turns POST into GET and drops the body; 307 and 308 keep both") {
  auto client = mock_client(chain, {.follow_redirects = true});
  CHECK(drive(client.post("http://a.test/status/303", {.content = "data"})).text() ==
        "GET http://a.test/done body= auth=- cookie=-");
  CHECK(drive(client.post("http://a.test/status/302", {.content = "data"})).text() ==
        "GET http://a.test/done body= auth=- cookie=-");
  CHECK(drive(client.post("http://a.test/status/307", {.content = "data"})).text() ==
        "POST http://a.test/done body=data auth=- cookie=-");
  CHECK(drive(client.put("http://a.test/status/308", {.content = "data"})).text() ==
        "PUT http://a.test/done body=data auth=- cookie=-");
  Response head = drive(client.head("http://a.test/status/303"));
  CHECK(head.request().method() == "HEAD");
}

TEST_CASE("a method change drops the body headers") {
  auto client = mock_client(chain);
  Response r = drive(client.post("http://a.test/status/303", {.json = Json{{"a", 1}}}));
  REQUIRE(r.next_request());
  CHECK_FALSE(r.next_request()->headers().contains("Content-Length"));
  CHECK_FALSE(r.next_request()->headers().contains("Content-Type"));
  CHECK(r.next_request()->content().empty());
}

TEST_CASE("absolute and protocol-relative locations are followed with a new Host") {
  auto client = mock_client(chain, {.follow_redirects = true});
  Response r = drive(client.get("http://a.test/absolute"));
  CHECK(r.url().str() == "http://b.test/landing");
  CHECK(r.request().headers().get("Host") == "b.test");
  Response p = drive(client.get("https://a.test/protocol-relative"));
  CHECK(p.url().str() == "https://c.test/x");
}

TEST_CASE("Authorization and Cookie are dropped on a cross-origin redirect, kept on same origin") {
  auto client = mock_client(chain, {.follow_redirects = true});
  Headers secret{{"Authorization", "Bearer t"}, {"Cookie", "s=1"}};
  CHECK(drive(client.get("http://a.test/redirect/1", {.headers = secret})).text() ==
        "GET http://a.test/done body= auth=Bearer t cookie=-");
  CHECK(drive(client.get("http://a.test/absolute", {.headers = secret})).text() ==
        "GET http://b.test/landing body= auth=- cookie=-");
}

TEST_CASE("a redirect to another scheme than http(s) raises UnsupportedProtocol") {
  auto client = mock_client(chain, {.follow_redirects = true});
  CHECK_THROWS_AS(drive(client.get("http://a.test/to-ftp")), UnsupportedProtocol);
}

TEST_CASE("a malformed Location raises RemoteProtocolError") {
  auto client = mock_client(chain, {.follow_redirects = true});
  CHECK_THROWS_AS(drive(client.get("http://a.test/bad-location")), RemoteProtocolError);
}

TEST_CASE("a transport that follows redirects itself is trusted with the final URL") {
  struct Following final : Transport {
    Task<TransportResponse> send(std::shared_ptr<const Request>, TransportOptions) override {
      TransportResponse r;
      r.status = 200;
      r.url = URL("http://final.test/");
      co_return r;
    }
    Task<void> close() override { co_return; }
    TransportCapabilities capabilities() const override { return {.follows_redirects = true}; }
  };
  AsyncClient client({.follow_redirects = true, .transport = std::make_shared<Following>()});
  Response r = drive(client.get("http://a.test/start"));
  CHECK(r.url().str() == "http://final.test/");
  CHECK(r.request().url().str() == "http://a.test/start");
}
