// Event hooks around each request sent, on MockTransport.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace httpxx;
using httpxx_test::drive;
using httpxx_test::mock_client;

namespace {

MockResponse echo_header(const Request& r) {
  if (r.url().path() == "/moved") {
    return MockResponse{.status = 302, .headers = {{"Location", "/final"}}};
  }
  if (r.url().path() == "/missing") return MockResponse{.status = 404, .content = "nope"};
  return MockResponse{.content = r.headers().get("X-Hook").value_or("-")};
}

}  // namespace

TEST_CASE("request hooks run in order before sending and may change headers") {
  std::vector<std::string> log;
  ClientOptions options;
  options.event_hooks.request.emplace_back([&log](Request& r) {
    log.push_back("first " + r.url().path());
    r.headers().set("X-Hook", "one");
  });
  options.event_hooks.request.emplace_back([&log](Request& r) {
    log.push_back("second");
    r.headers().set("X-Hook", r.headers().get("X-Hook").value_or("") + "+two");
  });
  auto client = mock_client(echo_header, std::move(options));
  Response r = drive(client.get("http://a.test/x"));
  CHECK(r.text() == "one+two");
  CHECK(r.request().headers().get("X-Hook") == "one+two");
  CHECK(log == std::vector<std::string>{"first /x", "second"});
}

TEST_CASE("a hook changes the request sent, not the one a PendingResponse was built with") {
  ClientOptions options;
  options.event_hooks.request.emplace_back([](Request& r) { r.headers().set("X-Hook", "set"); });
  options.cookies.set("jar", "1", "a.test");
  auto client = mock_client(echo_header, std::move(options));
  auto task = [&]() -> Task<void> {
    auto parallel = client.parallel();
    PendingResponse pending = parallel.get("http://a.test/x");
    Response r = co_await pending.get_response();
    CHECK(r.text() == "set");
    CHECK(r.request().headers().get("X-Hook") == "set");
    CHECK(r.request().headers().get("Cookie") == "jar=1");
    CHECK_FALSE(pending.request().headers().contains("X-Hook"));
    CHECK_FALSE(pending.request().headers().contains("Cookie"));
  };
  drive(task());
}

TEST_CASE("response hooks run after the head, before the body is read, on every redirect hop") {
  std::vector<std::string> log;
  ClientOptions options;
  options.follow_redirects = true;
  options.event_hooks.request.emplace_back(
      [&log](Request& r) { log.push_back("request " + r.url().path()); });
  options.event_hooks.response.emplace_back([&log](Response& r) {
    log.push_back("response " + std::to_string(r.status_code()) +
                  (r.is_stream_consumed() || r.is_closed() ? " read" : " unread"));
  });
  auto client = mock_client(echo_header, std::move(options));
  Response r = drive(client.get("http://a.test/moved"));
  CHECK(r.status_code() == 200);
  CHECK(log == std::vector<std::string>{"request /moved", "response 302 unread", "request /final",
                                        "response 200 unread"});
}

TEST_CASE("an asynchronous response hook may read the body") {
  std::string seen;
  ClientOptions options;
  options.event_hooks.response.emplace_back(
      [&seen](Response& r) -> Task<void> { seen = std::string(co_await r.read()); });
  auto client = mock_client(echo_header, std::move(options));
  Response r = drive(client.get("http://a.test/"));
  CHECK(seen == "-");
  CHECK(r.text() == "-");
}

TEST_CASE("raise_for_status in a response hook raises HTTPStatusError with the request") {
  ClientOptions options;
  options.event_hooks.response.emplace_back([](Response& r) { (void)r.raise_for_status(); });
  auto client = mock_client(echo_header, std::move(options));
  CHECK(drive(client.get("http://a.test/")).status_code() == 200);
  try {
    (void)drive(client.get("http://a.test/missing"));
    FAIL("expected HTTPStatusError");
  } catch (const HTTPStatusError& e) {
    REQUIRE(e.has_request());
    CHECK(e.request().url().path() == "/missing");
  }
}

TEST_CASE("an error thrown by a request hook stops the request and carries it") {
  int sent = 0;
  ClientOptions options;
  options.event_hooks.request.emplace_back(
      [](Request&) { throw LocalProtocolError("refused by hook"); });
  auto client = mock_client(
      [&sent](const Request& r) {
        ++sent;
        return echo_header(r);
      },
      std::move(options));
  try {
    (void)drive(client.get("http://a.test/y"));
    FAIL("expected LocalProtocolError");
  } catch (const LocalProtocolError& e) {
    REQUIRE(e.has_request());
    CHECK(e.request().url().path() == "/y");
  }
  CHECK(sent == 0);
}

TEST_CASE("hooks see every request of an auth flow") {
  std::vector<std::string> log;
  ClientOptions options;
  options.auth = std::make_shared<BasicAuth>("u", "p");
  options.event_hooks.request.emplace_back(
      [&log](Request& r) { log.push_back(r.headers().get("Authorization").value_or("-")); });
  auto client = mock_client(echo_header, std::move(options));
  (void)drive(client.get("http://a.test/"));
  CHECK(log == std::vector<std::string>{"Basic dTpw"});
}
