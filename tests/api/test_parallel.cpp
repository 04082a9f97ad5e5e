// Parallel requests over the real wire. Portable: public API only.
#include <algorithm>

#include "support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

long long delay_of(const httpxx::Response& r) {
  return as_object(r.json()).at("delay_ms").to_number<long long>();
}

// The server's own count of a statistic of its main listeners.
Task<long long> server_stat(AsyncClient& stats_client, const char* name) {
  auto stats = co_await stats_client.get(http("/__stats"));
  co_return as_object(stats.json()).at(name).to_number<long long>();
}

}  // namespace

TEST_CASE("parallel requests finish in completion order, not submission order") {
  // Browser: the 10 requests do not all run at once, so they do not finish in delay order.
  if (skip_in_browser("the browser runs at most 6 HTTP/1.1 requests at once per host; "
                      "the others wait in its queue")) {
    return;
  }
  with_client([](AsyncClient& client) -> Task<void> {
    auto p = client.parallel();
    // Submitted slowest first: if they ran one after another they would
    // come back in this order; run at once, the fastest come back first.
    for (int i = 9; i >= 0; --i) (void)p.get(http("/delay-ms/" + std::to_string(50 + 60 * i)));
    std::vector<long long> delays;
    while (p.has_pending()) delays.push_back(delay_of(co_await p.next_response()));
    REQUIRE(delays.size() == 10);
    CHECK(std::is_sorted(delays.begin(), delays.end()));
    co_await p.close();
  });
}

TEST_CASE("100 parallel requests with different delays all complete, each with its own response") {
  with_client([](AsyncClient& client) -> Task<void> {
    auto p = client.parallel();
    std::vector<httpxx::PendingResponse> pending;
    for (int i = 0; i < 100; ++i)
      pending.push_back(p.get(http("/delay-ms/" + std::to_string(i * 3))));
    // Awaited in submission order: each answer belongs to its own request.
    for (int i = 0; i < 100; ++i) {
      auto r = co_await pending[static_cast<std::size_t>(i)].get_response();
      CHECK(delay_of(r) == i * 3);
    }
    CHECK_FALSE(p.has_pending());
    co_await p.close();
  });
}

TEST_CASE("an error in one parallel request does not disturb the others") {
  with_client([](AsyncClient& client) -> Task<void> {
    auto p = client.parallel();
    auto good = p.get(http("/bytes/100"));
    auto slow = p.get(http("/delay-ms/1000"), {.timeout = httpxx::Timeout(100ms)});
    auto also_good = p.get(http("/get"));
    (void)co_await expect_error<httpxx::ReadTimeout>(slow.get_response());
    CHECK((co_await good.get_response()).content().size() == 100);
    CHECK((co_await also_good.get_response()).status_code() == 200);
    co_await p.close();
  });
}

TEST_CASE("streamed parallel downloads are read while the others still arrive") {
  with_client([](AsyncClient& client) -> Task<void> {
    auto p = client.parallel();
    auto a = p.get(http("/drip?numbytes=4&duration=0.4&chunks=4"), {.stream = true});
    auto b = p.get(http("/drip?numbytes=4&duration=0.4&chunks=4"), {.stream = true});
    auto ra = co_await a.get_response();
    auto rb = co_await b.get_response();
    auto sa = ra.stream();
    auto sb = rb.stream();
    std::string got_a, got_b;
    // Interleave: one chunk of each in turn.
    for (;;) {
      auto ca = co_await sa.next();
      auto cb = co_await sb.next();
      if (ca) got_a += *ca;
      if (cb) got_b += *cb;
      if (!ca && !cb) break;
    }
    CHECK(got_a == "****");
    CHECK(got_b == "****");
    co_await p.close();
  });
}

TEST_CASE("close cancels running parallel requests and the server sees the connections close") {
  if (api::skip_over_http2("it counts the server's HTTP/1.1 connections, one per request")) return;
  with_client([](AsyncClient& client) -> Task<void> {
    AsyncClient observer;
    long long requests_before = co_await server_stat(observer, "requests");
    auto p = client.parallel();
    // Five different URLs: browsers hold back a GET of a URL that is already
    // being fetched until the first answer is in their cache.
    for (int i = 0; i < 5; ++i) (void)p.get(http("/delay-ms/30000?n=" + std::to_string(i)));
    // Wait until the five requests reached the server (bounded).
    for (int tries = 0; tries < 200; ++tries) {
      if (co_await server_stat(observer, "requests") >= requests_before + 5) break;
      co_await httpxx::sleep(10ms);
    }
    REQUIRE(co_await server_stat(observer, "requests") >= requests_before + 5);
    // Connections the server saw close so far. (Counted as opened minus open:
    // Node's fetch may open spare connections right after an abort.)
    auto closed = [&]() -> Task<long long> {
      long long opened = co_await server_stat(observer, "connections_opened");
      long long open = co_await server_stat(observer, "connections_open");
      co_return opened - open;
    };
    long long closed_before = co_await closed();
    co_await p.close();
    // Each cancelled request's connection is closed (natively our socket; in
    // wasm the runtime's, aborted with its fetch), which the server sees.
    long long closed_after = closed_before;
    for (int tries = 0; tries < 200 && closed_after < closed_before + 5; ++tries) {
      co_await httpxx::sleep(10ms);
      closed_after = co_await closed();
    }
    CHECK(closed_after >= closed_before + 5);
    co_await observer.close();
  });
}

TEST_CASE("gather returns every response in submission order") {
  with_client([](AsyncClient& client) -> Task<void> {
    auto p = client.parallel();
    for (int n : {300, 10, 200}) (void)p.get(http("/bytes/" + std::to_string(n)));
    auto all = co_await p.gather();
    REQUIRE(all.size() == 3);
    CHECK(all[0].content().size() == 300);
    CHECK(all[1].content().size() == 10);
    CHECK(all[2].content().size() == 200);
    co_await p.close();
  });
}
