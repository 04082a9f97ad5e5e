// Parallel requests on MockTransport, with completion controlled by gates.
#include <doctest/doctest.h>

#include <map>

#include "support.hpp"

using namespace httpxx;
using httpxx_test::drive;

namespace {

// A gate a mock handler waits on until the test opens it. (Awaited through
// a small awaiter that points at it: g++ 12 copies an lvalue awaiter into
// the coroutine frame.)
class Gate {
 public:
  struct Awaiter {
    Gate* gate;
    bool await_ready() const noexcept { return gate->open_; }
    void await_suspend(coro::coroutine_handle<> h) { gate->waiter_ = h; }
    void await_resume() const noexcept {}
  };
  Awaiter operator co_await() noexcept { return Awaiter{this}; }
  void open() {
    open_ = true;
    if (waiter_) Loop::current().post([h = waiter_]() mutable { h.resume(); });
    waiter_ = {};
  }

 private:
  bool open_ = false;
  coro::coroutine_handle<> waiter_{};
};

// Serves /N after gate N opens; /fail-N throws after it; counts concurrency.
struct GatedServer {
  std::map<int, Gate> gates;
  int in_flight = 0;
  int max_in_flight = 0;
  std::shared_ptr<int> frames = std::make_shared<int>(0);

  std::shared_ptr<MockTransport> transport() {
    return std::make_shared<MockTransport>(
        MockTransport::AsyncHandler([this](const Request& r) -> Task<MockResponse> {
          auto token = frames;  // alive while the handler's frame is
          std::string path = r.url().path().substr(1);
          bool fail = path.starts_with("fail-");
          int n = std::stoi(fail ? path.substr(5) : path);
          ++in_flight;
          max_in_flight = std::max(max_in_flight, in_flight);
          struct Leave {
            int& count;
            ~Leave() { --count; }
          } leave{in_flight};
          co_await gates[n];
          if (fail) throw ConnectError("refused " + path);
          co_return MockResponse{.content = "body " + path, .chunks = {}};
        }));
  }
};

// Lets every posted callback run once (requests start, handlers suspend).
Task<void> settle() { co_await sleep(std::chrono::milliseconds(1)); }

}  // namespace

TEST_CASE("parallel requests all start at once and next_response yields completion order") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<std::vector<std::string>> {
    auto p = client.parallel();
    for (int i = 0; i < 3; ++i) (void)p.get("http://a.test/" + std::to_string(i));
    co_await settle();
    CHECK(server.max_in_flight == 3);
    CHECK(p.running() == 3);
    std::vector<std::string> order;
    for (int i : {2, 0, 1}) {
      server.gates[i].open();
      Response r = co_await p.next_response();
      order.push_back(r.text());
    }
    CHECK_FALSE(p.has_pending());
    co_await p.close();
    co_return order;
  };
  CHECK(drive(body()) == std::vector<std::string>{"body 2", "body 0", "body 1"});
}

TEST_CASE("get_response waits for its own request, whatever finishes first") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<void> {
    auto p = client.parallel();
    auto one = p.get("http://a.test/1");
    auto two = p.get("http://a.test/2");
    co_await settle();
    server.gates[1].open();
    server.gates[2].open();
    Response r2 = co_await two.get_response();
    Response r1 = co_await one.get_response();
    CHECK(r1.text() == "body 1");
    CHECK(r2.text() == "body 2");
    Response again = co_await two.get_response();  // awaiting again gives the same response
    CHECK(again.text() == "body 2");
    CHECK_FALSE(p.has_pending());
    co_await p.close();
  };
  drive(body());
}

TEST_CASE("next_response skips what get_response already took, and says when none is left") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<void> {
    auto p = client.parallel();
    auto one = p.get("http://a.test/1");
    (void)p.get("http://a.test/2");
    server.gates[1].open();
    (void)co_await one.get_response();
    server.gates[2].open();
    Response next = co_await p.next_response();
    CHECK(next.text() == "body 2");
    bool refused = false;
    try {
      (void)co_await p.next_response();
    } catch (const std::logic_error&) {
      refused = true;
    }
    CHECK(refused);
    co_await p.close();
  };
  drive(body());
}

TEST_CASE("an error belongs to its own request only") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<void> {
    auto p = client.parallel();
    auto good = p.get("http://a.test/1");
    auto bad = p.get("http://a.test/fail-2");
    co_await settle();
    server.gates[2].open();
    server.gates[1].open();
    bool raised = false;
    try {
      (void)co_await p.next_response();  // the failure finishes first
    } catch (const ConnectError& e) {
      raised = e.request().url().path() == "/fail-2";
    }
    CHECK(raised);
    Response ok = co_await good.get_response();
    CHECK(ok.text() == "body 1");
    bool raised_again = false;
    try {
      (void)co_await bad.get_response();
    } catch (const ConnectError&) {
      raised_again = true;
    }
    CHECK(raised_again);
    co_await p.close();  // every error was taken: close does not throw
  };
  drive(body());
}

TEST_CASE("a failure nobody awaited is reported by close") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<void> {
    auto p = client.parallel();
    (void)p.get("http://a.test/fail-1");
    server.gates[1].open();
    co_await settle();
    co_await p.close();
  };
  CHECK_THROWS_WITH_AS(drive(body()), "refused fail-1", ConnectError);
}

TEST_CASE("close cancels running requests and wakes their waiters") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<void> {
    auto p = client.parallel();
    auto one = p.get("http://a.test/1");
    (void)p.get("http://a.test/2");
    co_await settle();
    CHECK(server.frames.use_count() == 3);  // two handler frames hold it
    co_await p.close();
    CHECK(server.frames.use_count() == 1);  // both frames were destroyed
    CHECK(p.running() == 0);
    CHECK_FALSE(p.has_pending());
    bool cancelled = false;
    try {
      (void)co_await one.get_response();
    } catch (const RequestError& e) {
      cancelled = std::string(e.what()).find("cancelled") != std::string::npos;
    }
    CHECK(cancelled);
  };
  drive(body());
}

TEST_CASE("a Parallel destroyed without close cancels without blocking") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<void> {
    {
      auto p = client.parallel();
      (void)p.get("http://a.test/1");
      co_await settle();
      CHECK(server.frames.use_count() == 2);
    }
    CHECK(server.frames.use_count() == 1);
  };
  drive(body());
}

TEST_CASE("max_concurrency bounds the requests in flight; the rest queue in order") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<std::vector<std::string>> {
    auto p = client.parallel({.max_concurrency = 2});
    for (int i = 0; i < 5; ++i) (void)p.get("http://a.test/" + std::to_string(i));
    co_await settle();
    CHECK(server.in_flight == 2);
    CHECK(p.running() == 5);
    for (int i = 0; i < 5; ++i) server.gates[i].open();
    std::vector<std::string> bodies;
    while (p.has_pending()) bodies.push_back((co_await p.next_response()).text());
    CHECK(server.max_in_flight == 2);
    co_await p.close();
    co_return bodies;
  };
  CHECK(drive(body()).size() == 5);
}

TEST_CASE("gather returns every response in submission order") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<std::vector<Response>> {
    auto p = client.parallel();
    for (int i = 0; i < 4; ++i) (void)p.get("http://a.test/" + std::to_string(i));
    for (int i : {3, 1, 0, 2}) server.gates[i].open();
    auto all = co_await p.gather();
    co_await p.close();
    co_return all;
  };
  auto all = drive(body());
  REQUIRE(all.size() == 4);
  for (int i = 0; i < 4; ++i)
    CHECK(all[static_cast<std::size_t>(i)].text() == "body " + std::to_string(i));
}

TEST_CASE("streamed responses in a parallel set are read while others still run") {
  auto transport = std::make_shared<MockTransport>(MockTransport::Handler([](const Request& r) {
    return MockResponse{.chunks = {r.url().path(), "-end"},
                        .chunk_delay = std::chrono::milliseconds(1)};
  }));
  AsyncClient client({.transport = transport});
  auto body = [&]() -> Task<std::string> {
    auto p = client.parallel();
    auto a = p.get("http://a.test/a", {.stream = true});
    auto b = p.get("http://a.test/b", {.stream = true});
    Response ra = co_await a.get_response();
    Response rb = co_await b.get_response();
    CHECK(transport->open_streams() == 2);
    std::string out;
    ByteStream sa = ra.stream();
    ByteStream sb = rb.stream();
    out += *co_await sa.next();
    out += *co_await sb.next();
    out += *co_await sa.next();
    out += *co_await sb.next();
    CHECK_FALSE(co_await sa.next());
    CHECK_FALSE(co_await sb.next());
    co_await p.close();
    co_return out;
  };
  CHECK(drive(body()) == "/a/b-end-end");
}

TEST_CASE("a request that cannot be built is refused at once and starts nothing") {
  GatedServer server;
  AsyncClient client({.transport = server.transport()});
  auto body = [&]() -> Task<void> {
    auto p = client.parallel();
    CHECK_THROWS_AS(
        (void)p.get("http://a.test/1", {.headers = {{"X", "ok"}}, .content = "a", .json = Json(1)}),
        LocalProtocolError);
    CHECK_FALSE(p.has_pending());
    co_await p.close();
  };
  drive(body());
}
