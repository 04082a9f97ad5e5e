// HTTP/2 over the real wire: the test server's HTTP/2 listeners (TLS with
// ALPN, and h2c with prior knowledge) serve the same routes as its HTTP/1.1
// ones. Native only: in browsers and Node.js the runtime picks the protocol.
#include <doctest/doctest.h>

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "native_support.hpp"

using namespace std::chrono_literals;
using api::env;
using api::expect_error;
using api::NativeOptions;
using api::NativeTransport;
using api::with_transport;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

std::string h2(std::string_view path) { return env("HTTPXX_TEST_H2") + std::string(path); }
std::string h2c(std::string_view path) { return env("HTTPXX_TEST_H2C") + std::string(path); }

NativeOptions h2_options(bool http1 = true, bool http2 = true) {
  NativeOptions options = api::trusting_test_ca();
  options.http1 = http1;
  options.http2 = http2;
  return options;
}

std::int64_t conn_id_of(httpxx::Response& r) {
  return r.json().as_object().at("conn_id").as_int64();
}

}  // namespace

TEST_CASE("https negotiates HTTP/2 in ALPN by default") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto r = co_await client.get(h2("/get?q=h2"));
        CHECK(r.status_code() == 200);
        CHECK(r.http_version() == "HTTP/2");
        CHECK(r.reason_phrase() == "OK");
        auto echo = r.json().as_object();
        CHECK(echo.at("http_version").as_string() == "2.0");
        CHECK(echo.at("args").as_object().at("q").as_string() == "h2");
        // Host became :authority, and no connection field was sent.
        CHECK(echo.at("headers").as_object().contains("user-agent"));
        CHECK(transport.pool_stats().h2 == 1);
      },
      h2_options());
}

TEST_CASE("http2 = false never offers h2: the same server answers over HTTP/1.1") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto r = co_await client.get(h2("/get"));
        CHECK(r.http_version() == "HTTP/1.1");
        CHECK(r.json().as_object().at("http_version").as_string() == "1.1");
        CHECK(transport.pool_stats().h2 == 0);
      },
      h2_options(true, false));
}

TEST_CASE("a server that picks HTTP/1.1 is spoken to in HTTP/1.1, and remembered") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto p = client.parallel();
        std::vector<httpxx::PendingResponse> pending;
        for (int i = 0; i < 5; ++i) pending.push_back(p.get(api::https("/get")));
        for (auto& one : pending) CHECK((co_await one.get_response()).http_version() == "HTTP/1.1");
        co_await p.close();
        CHECK(transport.pool_stats().h2 == 0);
      },
      h2_options());
}

TEST_CASE("http1 = false speaks h2c on http:// with prior knowledge") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto r = co_await client.get(h2c("/get"));
        CHECK(r.http_version() == "HTTP/2");
        CHECK(r.json().as_object().at("http_version").as_string() == "2.0");
      },
      h2_options(false, true));
}

TEST_CASE("http1 = false refuses an https server that does not choose h2") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto message = co_await expect_error<httpxx::ConnectError>(client.get(api::https("/get")));
        CAPTURE(message);
        CHECK(message.find("HTTP/2") != std::string::npos);
      },
      h2_options(false, true));
}

TEST_CASE("http1 and http2 both false is an invalid_argument at construction") {
  CHECK_THROWS_AS(AsyncClient({.http1 = false, .http2 = false}), std::invalid_argument);
}

TEST_CASE("100 parallel requests share one HTTP/2 connection") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto p = client.parallel();
        std::vector<httpxx::PendingResponse> pending;
        for (int i = 0; i < 100; ++i) {
          pending.push_back(p.get(h2("/delay-ms/" + std::to_string(i % 10 * 20))));
        }
        std::set<std::int64_t> connections;
        for (auto& one : pending) {
          auto r = co_await one.get_response();
          CHECK(r.http_version() == "HTTP/2");
          connections.insert(conn_id_of(r));
        }
        co_await p.close();
        CHECK(connections.size() == 1);
        const auto stats = transport.pool_stats();
        CHECK(stats.tickets == 1);
        CHECK(stats.h2 == 1);
      },
      h2_options());
}

TEST_CASE("a body far larger than the stream window arrives whole, in bounded pieces") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        httpxx::RequestOptions streamed{.stream = true};
        auto r = co_await client.get(h2("/bytes/5000000"), std::move(streamed));
        CHECK(r.http_version() == "HTTP/2");
        std::uint64_t total = 0;
        std::size_t largest = 0;
        auto chunks = r.stream();
        while (auto chunk = co_await chunks.next()) {
          total += chunk->size();
          largest = std::max(largest, chunk->size());
        }
        CHECK(total == 5000000);
        CHECK(largest <= 64 * 1024);
      },
      h2_options());
}

TEST_CASE("closing a streamed response early resets its stream only; the connection carries on") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto first = co_await client.get(h2("/get"));
        const auto connection = conn_id_of(first);
        httpxx::RequestOptions streamed{.stream = true};
        auto big = co_await client.get(h2("/bytes/20000000"), std::move(streamed));
        auto chunks = big.stream();
        CHECK((co_await chunks.next()).has_value());
        co_await big.close();
        auto after = co_await client.get(h2("/get"));
        CHECK(conn_id_of(after) == connection);
        CHECK(transport.pool_stats().tickets == 1);
      },
      h2_options());
}

TEST_CASE("request bodies go out in DATA frames: content and a streamed source") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        httpxx::RequestOptions form{.content = std::string(200000, 'x')};
        auto r = co_await client.post(h2("/post"), std::move(form));
        CHECK(r.json().as_object().at("body_length").as_int64() == 200000);

        int pieces = 0;
        httpxx::ByteSource source([&pieces]() -> Task<std::optional<std::string>> {
          if (pieces == 50) co_return std::nullopt;
          ++pieces;
          co_return std::string(10000, 'y');
        });
        httpxx::RequestOptions upload{.content_stream = std::move(source)};
        auto streamed = co_await client.put(h2("/put"), std::move(upload));
        CHECK(streamed.json().as_object().at("body_length").as_int64() == 500000);
        CHECK(pieces == 50);
      },
      h2_options());
}

TEST_CASE("the read timeout fails one stream; the others and the connection carry on") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto p = client.parallel();
        auto slow = p.get(h2("/delay-ms/3000"), {.timeout = httpxx::Timeout(5s).with_read(200ms)});
        auto fast = p.get(h2("/delay-ms/300"));
        (void)co_await expect_error<httpxx::ReadTimeout>(slow.get_response());
        auto r = co_await fast.get_response();
        CHECK(r.json().as_object().at("delay_ms").as_int64() == 300);
        co_await p.close();
        auto again = co_await client.get(h2("/get"));
        CHECK(again.http_version() == "HTTP/2");
      },
      h2_options());
}

TEST_CASE("HEAD, gzip, redirects and status codes behave as over HTTP/1.1") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto head = co_await client.head(h2("/bytes/1000"));
        CHECK(head.status_code() == 200);
        CHECK(head.content().empty());
        auto gzip = co_await client.get(h2("/gzip"));
        CHECK(gzip.json().as_object().at("gzipped").as_bool());
        httpxx::RequestOptions follow{.follow_redirects = true};
        auto redirected = co_await client.get(h2("/redirect/2"), std::move(follow));
        CHECK(redirected.status_code() == 200);
        CHECK(redirected.history().size() == 2);
        auto teapot = co_await client.get(h2("/status/418"));
        CHECK(teapot.status_code() == 418);
        CHECK(teapot.reason_phrase() == "I'm a teapot");
      },
      h2_options());
}

TEST_CASE("an HTTP/2 connection without streams for keepalive_expiry is closed") {
  NativeOptions options = h2_options();
  options.limits.keepalive_expiry = 100ms;
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto first = co_await client.get(h2("/get"));
        auto second = co_await client.get(h2("/get"));
        CHECK(conn_id_of(second) == conn_id_of(first));
        co_await httpxx::sleep(250ms);
        auto third = co_await client.get(h2("/get"));
        CHECK(third.http_version() == "HTTP/2");
        CHECK(conn_id_of(third) != conn_id_of(first));
        const auto stats = transport.pool_stats();
        CHECK(stats.tickets == 2);
        CHECK(stats.h2 == 1);
        CHECK(stats.open == 1);  // the expired connection gave its place back
      },
      options);
}

TEST_CASE("an idle HTTP/2 connection makes way when every pool place is taken") {
  NativeOptions options = h2_options();
  options.limits.max_connections = 1;
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto over_h2 = co_await client.get(h2("/get"));
        CHECK(over_h2.http_version() == "HTTP/2");
        CHECK(transport.pool_stats().h2 == 1);
        // Another origin: the only place is the idle HTTP/2 connection's.
        auto other =
            co_await client.get(api::http("/get"), {.timeout = httpxx::Timeout(5s).with_pool(1s)});
        CHECK(other.http_version() == "HTTP/1.1");
        CHECK(transport.pool_stats().h2 == 0);
        CHECK(transport.pool_stats().open == 1);
      },
      options);
}

TEST_CASE("buffered bodies larger than the windows arrive whole, many at once on one connection") {
  // Read whole, a body is handed to the client in one piece (at most 512 KiB
  // at a time) while its window is given back as it arrives: 40 bodies of
  // 500 000 bytes (more than the 16 MiB connection window together) and one
  // of 5 MB (five stream windows) complete on one connection.
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto p = client.parallel();
        std::vector<httpxx::PendingResponse> pending;
        for (int i = 0; i < 40; ++i) pending.push_back(p.get(h2("/bytes/500000")));
        pending.push_back(p.get(h2("/bytes/5000000")));
        std::size_t total = 0;
        for (auto& one : pending) {
          auto r = co_await one.get_response();
          CHECK(r.http_version() == "HTTP/2");
          total += r.content().size();
        }
        co_await p.close();
        CHECK(total == 40 * 500000 + 5000000);
        CHECK(transport.pool_stats().tickets == 1);
      },
      h2_options());
}
