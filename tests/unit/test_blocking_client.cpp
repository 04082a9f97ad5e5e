// The blocking Client façade (native only: the browser cannot block).
#include <doctest/doctest.h>

#include "support.hpp"

using namespace httpxx;
using namespace std::chrono_literals;

namespace {

ClientOptions with_mock(MockTransport::Handler handler, ClientOptions options = {}) {
  options.transport = std::make_shared<MockTransport>(std::move(handler));
  return options;
}

}  // namespace

TEST_CASE("the blocking client returns buffered responses") {
  Client client(with_mock([](const Request& r) {
    return MockResponse{.content = r.method() + " " + r.url().path()};
  }));
  CHECK(client.get("http://a.test/x").text() == "GET /x");
  CHECK(client.post("http://a.test/y", {.content = "b"}).text() == "POST /y");
  CHECK(client.delete_("http://a.test/z").text() == "DELETE /z");
}

TEST_CASE("a blocking streamed response iterates its chunks in a range-for") {
  Client client(with_mock([](const Request&) {
    return MockResponse{.chunks = {"a", "b", "c"}, .chunk_delay = 1ms};
  }));
  BlockingResponse r = client.get("http://a.test/", {.stream = true});
  std::string all;
  for (const std::string& chunk : r.stream()) all += chunk + ",";
  CHECK(all == "a,b,c,");
  CHECK(r.is_closed());
}

TEST_CASE("blocking read() returns the content and close() releases the stream") {
  auto transport = std::make_shared<MockTransport>(
      MockTransport::Handler([](const Request&) { return MockResponse{.chunks = {"x", "y"}}; }));
  Client client({.transport = transport});
  BlockingResponse r = client.get("http://a.test/", {.stream = true});
  CHECK(r.read() == "xy");
  BlockingResponse s = client.get("http://a.test/", {.stream = true});
  CHECK(transport->open_streams() == 1);
  s.close();
  CHECK(transport->open_streams() == 0);
  CHECK_THROWS_AS(s.read(), StreamClosed);
}

TEST_CASE("errors propagate from the blocking client with their request") {
  Client client(with_mock([](const Request&) -> MockResponse { throw ReadTimeout("slow"); }));
  try {
    (void)client.get("http://a.test/slow");
    FAIL("no exception");
  } catch (const TimeoutException& e) {
    CHECK(e.request().url().path() == "/slow");
  }
}

TEST_CASE("a closed blocking client refuses new requests") {
  Client client(with_mock([](const Request&) { return MockResponse{}; }));
  client.close();
  CHECK(client.is_closed());
  CHECK_THROWS_AS((void)client.get("http://a.test/"), ClientClosed);
}

TEST_CASE("a blocking response outlives its client for buffered content") {
  BlockingResponse r;
  {
    Client client(with_mock([](const Request&) { return MockResponse{.content = "still here"}; }));
    r = client.get("http://a.test/");
  }
  CHECK(r.text() == "still here");
}

TEST_CASE("the blocking client runs parallel requests and returns them in completion order") {
  Client client(with_mock(MockTransport::Handler([](const Request& r) {
    // /N answers after N milliseconds on the loop.
    return MockResponse{.chunks = {r.url().path()},
                        .chunk_delay = std::chrono::milliseconds(std::stoi(r.url().path().substr(1)))};
  })));
  auto p = client.parallel();
  auto slow = p.get("http://a.test/40");
  auto fast = p.get("http://a.test/1");
  CHECK(fast.get_response().text() == "/1");
  CHECK(p.next_response().text() == "/40");
  CHECK_FALSE(p.has_pending());
  CHECK(slow.get_response().text() == "/40");
  auto q = client.parallel();
  (void)q.get("http://a.test/3");
  (void)q.get("http://a.test/1");
  auto all = q.gather();
  REQUIRE(all.size() == 2);
  CHECK(all[0].text() == "/3");
  CHECK(all[1].text() == "/1");
  q.close();
}
