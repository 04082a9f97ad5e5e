// Faults under load (issue #9, part 6), natively: thousands of requests
// while the server drops idle keep-alive connections at random
// (/idle-close), and a thousand requests cancelled or timed out at random
// points. Idempotent requests must all succeed (a request that met a
// connection closed under it is sent again on a new one), a POST is never
// received twice, and nothing leaks a descriptor.

#include <random>

#include "native_support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

// Each response drops its connection with probability 0.3, after 0..3 ms
// of idleness: often just as the client sends the next request on it.
const char* const kFlaky = "/idle-close?p=0.3&max_ms=3";

// The server's record of the ids starting with `prefix`.
struct Seen {
  std::int64_t received = 0;
  std::int64_t distinct = 0;
  std::size_t duplicates = 0;
  std::int64_t closes = 0;
};

Task<Seen> seen(AsyncClient& client, const std::string& prefix) {
  httpxx::RequestOptions query{.params = {{"prefix", prefix}}};
  auto r = co_await client.get(http("/idle-close/seen"), std::move(query));
  const httpxx::Json doc = r.json();
  const auto& o = as_object(doc);
  co_return Seen{o.at("received").to_number<std::int64_t>(),
                 o.at("distinct").to_number<std::int64_t>(), o.at("duplicates").as_array().size(),
                 o.at("closes").to_number<std::int64_t>()};
}

std::string unique_prefix(const char* what) {
  return std::string(what) + "-" + std::to_string(std::random_device{}()) + "-";
}

}  // namespace

TEST_CASE("10 000 idempotent requests all succeed while the server drops idle connections") {
  httpxx::ClientOptions options;
  options.timeout = httpxx::Timeout(20s);
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        const Seen before = co_await seen(client, "-");
        const char* const methods[] = {"GET", "PUT", "DELETE", "HEAD", "OPTIONS"};
        auto p = client.parallel({.max_concurrency = 16});
        for (int i = 0; i < 10000; ++i) {
          httpxx::RequestOptions request;
          if (i % 5 == 1) request.content = "put body " + std::to_string(i);
          (void)p.request(methods[i % 5], http(kFlaky), std::move(request));
        }
        int succeeded = 0;
        int failed = 0;
        std::string first_error;
        while (p.has_pending()) {
          try {
            auto r = co_await p.next_response();
            if (r.status_code() == 200) ++succeeded;
          } catch (const std::exception& e) {
            if (failed++ == 0) first_error = type_name(typeid(e)) + ": " + e.what();
          }
        }
        co_await p.close();
        CHECK_MESSAGE(failed == 0, failed << " failed, the first with " << first_error);
        CHECK(succeeded == 10000);
        // The faults happened: the server closed connections, and the pool
        // found some of them closed when it went to reuse them.
        const Seen after = co_await seen(client, "-");
        const auto stats = transport.pool_stats();
        MESSAGE("server closes: " << after.closes - before.closes << ", connections opened: "
                                  << stats.tickets << ", reused: " << stats.reused
                                  << ", found closed in the pool: " << stats.discarded);
        CHECK(after.closes > before.closes);
        CHECK(stats.discarded > 0);
        CHECK(stats.tickets > 1);
      },
      {}, options);
}

TEST_CASE("POSTs are never received twice while the server drops idle connections") {
  httpxx::ClientOptions options;
  options.timeout = httpxx::Timeout(20s);
  with_client(
      [](AsyncClient& client) -> Task<void> {
        const std::string prefix = unique_prefix("post");
        auto p = client.parallel({.max_concurrency = 16});
        std::vector<httpxx::PendingResponse> pending;
        for (int i = 0; i < 3000; ++i) {
          httpxx::RequestOptions post{.headers = {{"X-Request-Id", prefix + std::to_string(i)}},
                                      .content = "post body " + std::to_string(i)};
          pending.push_back(p.post(http(kFlaky), std::move(post)));
        }
        int succeeded = 0;
        int lost = 0;
        for (int i = 0; i < 3000; ++i) {
          try {
            auto r = co_await pending[static_cast<std::size_t>(i)].get_response();
            CHECK(r.status_code() == 200);
            const httpxx::Json doc = r.json();
            CHECK(as_object(doc).at("id").as_string() == prefix + std::to_string(i));
            ++succeeded;
          } catch (const httpxx::TransportError&) {
            // Sent on a connection the server closed as it arrived: not
            // repeated, since a POST is not idempotent.
            ++lost;
          }
        }
        co_await p.close();
        const Seen s = co_await seen(client, prefix);
        MESSAGE(succeeded << " POSTs answered, " << lost << " lost with their connection; the "
                          << "server received " << s.received);
        CHECK(succeeded + lost == 3000);
        CHECK(s.duplicates == 0);
        CHECK(s.received == s.distinct);
        CHECK(s.distinct >= succeeded);
        CHECK(s.distinct <= 3000);
      },
      options);
}

TEST_CASE("1 000 requests cancelled or timed out at random points leak no descriptor") {
  const int before = open_descriptors();
  const unsigned seed = std::random_device{}();
  CAPTURE(seed);
  with_client(
      [seed](AsyncClient& client) -> Task<void> {
        std::mt19937 random(seed);
        auto pick = [&random](int low, int high) {
          return std::uniform_int_distribution<int>(low, high)(random);
        };
        int started = 0;
        int outcomes[4] = {0, 0, 0, 0};  // answered, timed out, other error, cancelled
        while (started < 1000) {
          auto p = client.parallel();
          std::vector<httpxx::PendingResponse> round;
          for (int i = 0; i < 25; ++i, ++started) {
            httpxx::RequestOptions options;
            std::string url;
            switch (pick(0, 5)) {
              case 0:  // a slow answer, within or past a read timeout
                url = http("/delay-ms/" + std::to_string(pick(0, 40)));
                options.timeout = httpxx::Timeout(std::chrono::milliseconds(pick(1, 40)));
                break;
              case 1:  // a body that drips, cut by a total deadline
                url = http("/drip?numbytes=10&duration=0.1");
                options.timeout =
                    httpxx::Timeout(5s).with_total(std::chrono::milliseconds(pick(1, 60)));
                break;
              case 2:  // a server that never answers
                url = raw_case("never_respond");
                options.timeout = httpxx::Timeout(std::chrono::milliseconds(pick(1, 30)));
                break;
              case 3:  // TLS, cut anywhere from the handshake on
                url = https("/delay-ms/" + std::to_string(pick(0, 20)));
                options.timeout = httpxx::Timeout(std::chrono::milliseconds(pick(1, 40)));
                break;
              case 4:  // a streamed body, left unread when the round is cancelled
                url = http("/drip?numbytes=5&duration=0.5");
                options.stream = true;
                break;
              default:  // an idle-closing server, no deadline: cancelled if still running
                url = http(kFlaky);
                break;
            }
            round.push_back(p.get(url, std::move(options)));
          }
          co_await httpxx::sleep(std::chrono::milliseconds(pick(0, 30)));
          // Those finished now are looked at; the others will be cancelled.
          std::vector<httpxx::PendingResponse> finished;
          for (auto& one : round) {
            if (one.done()) {
              finished.push_back(one);
            } else {
              ++outcomes[3];
            }
          }
          for (auto& one : finished) {
            try {
              (void)co_await one.get_response();
              ++outcomes[0];
            } catch (const httpxx::TimeoutException&) {
              ++outcomes[1];
            } catch (const std::exception&) {
              ++outcomes[2];
            }
          }
          // Half the rounds are closed, half dropped with requests still running.
          if (pick(0, 1) == 0) {
            try {
              co_await p.close();
            } catch (const std::exception&) {
              // an error nobody took: counted above or cancelled
            }
          }
        }
        MESSAGE("answered " << outcomes[0] << ", timed out " << outcomes[1] << ", other errors "
                            << outcomes[2] << ", cancelled while running " << outcomes[3]);
        CHECK(outcomes[0] + outcomes[1] + outcomes[2] + outcomes[3] == 1000);
      },
      [] {
        // The https requests trust the test CA.
        httpxx::ClientOptions options;
        options.ca_file = env("HTTPXX_TEST_CERTS") + "/ca.crt";
        return options;
      }());
  CHECK(open_descriptors() == before);
}
