// The total deadline of a request (Timeout::total), on MockTransport.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace httpxx;
using namespace std::chrono_literals;
using httpxx_test::drive;

namespace {

// /N answers after N ms; counts the handler frames alive.
std::shared_ptr<MockTransport> slow_server(std::shared_ptr<int> frames) {
  return std::make_shared<MockTransport>(
      MockTransport::AsyncHandler([frames](const Request& r) -> Task<MockResponse> {
        auto alive = frames;
        co_await sleep(std::chrono::milliseconds(std::stoi(r.url().path().substr(1))));
        co_return MockResponse{.content = "ok"};
      }));
}

}  // namespace

TEST_CASE("a request that outlives its total deadline is cancelled with TimeoutException") {
  auto frames = std::make_shared<int>(0);
  AsyncClient client({.transport = slow_server(frames)});
  const long idle = frames.use_count();  // the handler itself holds one
  auto body = [&]() -> Task<void> {
    RequestOptions options{.timeout = Timeout(5s).with_total(20ms)};
    bool timed_out = false;
    try {
      (void)co_await client.get("http://a.test/2000", std::move(options));
    } catch (const TimeoutException& e) {
      timed_out = e.has_request() && std::string(e.what()).find("total") != std::string::npos;
    }
    CHECK(timed_out);
    CHECK(frames.use_count() == idle);  // the slow handler's frame was destroyed
  };
  drive(body());
}

TEST_CASE("a request within its total deadline completes normally") {
  auto frames = std::make_shared<int>(0);
  AsyncClient client({.timeout = Timeout(5s).with_total(2s), .transport = slow_server(frames)});
  Response r = drive(client.get("http://a.test/1"));
  CHECK(r.text() == "ok");
}

TEST_CASE("the total deadline spans a chain of redirects") {
  int hops = 0;
  auto transport = std::make_shared<MockTransport>(
      MockTransport::AsyncHandler([&hops](const Request&) -> Task<MockResponse> {
        ++hops;
        co_await sleep(10ms);
        co_return MockResponse{.status = 302, .headers = {{"Location", "/again"}}};
      }));
  AsyncClient client(
      {.timeout = Timeout(5s).with_total(55ms), .follow_redirects = true, .transport = transport});
  CHECK_THROWS_AS(drive(client.get("http://a.test/")), TimeoutException);
  CHECK(hops < 20);  // stopped by the deadline, not by max_redirects
}
