// Connecting natively: refused and unresolvable hosts, connect and write
// timeouts against servers that never answer, IPv6, cancellation, and
// clients that outlive the loop they ran on. Native only.
#include <boost/json/parse.hpp>

#include "asio_loop.hpp"
#include "native_support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

httpxx::ClientOptions timeouts(httpxx::Timeout timeout) {
  httpxx::ClientOptions options;
  options.timeout = timeout;
  return options;
}

// The test server's count of open plain-HTTP connections (its own
// connection for this query is not counted).
std::int64_t server_open_connections() {
  std::int64_t open = -1;
  run([](std::int64_t& out) -> Task<void> {
    AsyncClient client;
    auto r = co_await client.get(http("/__stats"));
    const httpxx::Json doc = r.json();
    out = as_object(doc).at("http").as_object().at("connections_open").as_int64();
    co_await client.close();
  }(open));
  return open;
}

// `base` ("http://127.0.0.1:PORT") with the host written as `localhost`.
std::string via_localhost_port(std::string base) {
  const auto at = base.find("127.0.0.1");
  REQUIRE(at != std::string::npos);
  return base.replace(at, 9, "localhost");
}

}  // namespace

TEST_CASE("a refused connection raises ConnectError naming the reason") {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  with_transport([url](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    std::string message = co_await expect_error<httpxx::ConnectError>(client.get(url));
    CHECK(message.find("Connection refused") != std::string::npos);
    CHECK(transport.pool_stats().open == 0);
  });
}

TEST_CASE("a host that does not resolve raises ConnectError") {
  with_transport([](AsyncClient& client, NativeTransport&) -> Task<void> {
    std::string message =
        co_await expect_error<httpxx::ConnectError>(client.get("http://nonexistent.invalid/"));
    CHECK(message.find("cannot resolve host 'nonexistent.invalid'") != std::string::npos);
  });
}

TEST_CASE("a host name is resolved before connecting") {
  const std::string url = via_localhost_port(env("HTTPXX_TEST_HTTP"));
  with_transport([url](AsyncClient& client, NativeTransport&) -> Task<void> {
    auto r = co_await client.get(url + "/get");
    CHECK(r.status_code() == 200);
  });
}

TEST_CASE("a TLS handshake that never completes raises ConnectTimeout") {
  SilentListener silent;
  const std::string url = "https://127.0.0.1:" + std::to_string(silent.port()) + "/";
  with_transport(
      [url](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        const auto start = std::chrono::steady_clock::now();
        std::string message = co_await expect_error<httpxx::ConnectTimeout>(client.get(url));
        CHECK(ms_since(start) >= 250);
        CHECK(ms_since(start) < 1500);
        CHECK(message.find("timed out while connecting to 127.0.0.1:") != std::string::npos);
        CHECK(transport.pool_stats().open == 0);
      },
      {}, timeouts(httpxx::Timeout(5s).with_connect(300ms)));
}

TEST_CASE("a server that stops reading makes a large upload raise WriteTimeout") {
  SilentListener silent;
  const std::string url = "http://127.0.0.1:" + std::to_string(silent.port()) + "/upload";
  with_transport(
      [url](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        httpxx::RequestOptions upload{.content = std::string(64 * 1024 * 1024, 'u')};
        const auto start = std::chrono::steady_clock::now();
        (void)co_await expect_error<httpxx::WriteTimeout>(client.post(url, std::move(upload)));
        CHECK(ms_since(start) < 3000);
        CHECK(transport.pool_stats().open == 0);
      },
      {}, timeouts(httpxx::Timeout(5s).with_write(300ms)));
}

TEST_CASE("an IPv6 literal host is connected to over IPv6") {
  // The test server listens on 127.0.0.1 only: a small server of our own
  // listens on ::1.
  CannedServer server("::1", "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nv6ok", false);
  const std::string base = "http://[::1]:" + std::to_string(server.port());
  with_transport([base](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    auto r = co_await client.get(base + "/a");
    CHECK(r.text() == "v6ok");
    auto again = co_await client.get(base + "/b");
    CHECK(again.text() == "v6ok");
    CHECK(transport.pool_stats().reused == 1);
  });
  CHECK(server.accepted() == 1);
}

TEST_CASE("destroying a pending request closes its connection") {
  const std::int64_t before = server_open_connections();
  auto transport = std::make_shared<NativeTransport>();
  {
    httpxx::native::AsioLoop loop;
    loop.spawn([](std::shared_ptr<NativeTransport> t) -> Task<void> {
      httpxx::ClientOptions options;
      options.transport = t;
      options.timeout = httpxx::Timeout::none();
      AsyncClient client(std::move(options));
      (void)co_await client.get(http("/hang"));
      FAIL("the request to /hang returned");
    }(transport));
    loop.run(httpxx::sleep(300ms));
    CHECK(transport->pool_stats().open == 1);
  }  // the loop destroys the suspended request
  CHECK(transport->pool_stats().open == 0);
  std::int64_t after = -1;
  for (int i = 0; i < 40 && after != before; ++i) {
    std::this_thread::sleep_for(25ms);
    after = server_open_connections();
  }
  CHECK(after == before);
}

TEST_CASE("a client that outlives its loop connects afresh on the next one") {
  auto transport = std::make_shared<NativeTransport>();
  httpxx::ClientOptions options;
  options.transport = transport;
  AsyncClient client(std::move(options));
  auto get = [](AsyncClient& c, httpxx::RequestOptions o) -> Task<httpxx::Response> {
    co_return co_await c.get(http("/bytes/400000"), std::move(o));
  };
  httpxx::Response first = httpxx::run(get(client, {}));
  CHECK(first.content().size() == 400000);
  CHECK(transport->pool_stats().open == 1);  // idle, but its loop is gone
  httpxx::RequestOptions streamed;
  streamed.stream = true;
  httpxx::Response second = httpxx::run(get(client, std::move(streamed)));
  CHECK(transport->pool_stats().tickets == 2);
  CHECK(transport->pool_stats().reused == 0);
  // The streamed body's connection went with the loop that made it.
  httpxx::run([](httpxx::Response r) -> Task<void> {
    (void)co_await expect_error<httpxx::ReadError>(r.read());
  }(second));
  httpxx::run(client.close());
  CHECK(transport->pool_stats().open == 0);
}

TEST_CASE("the blocking client keeps its connection between calls") {
  httpxx::Client client;
  auto a = client.get(http("/conn-id"));
  auto b = client.get(http("/conn-id"));
  CHECK(boost::json::parse(a.text()) == boost::json::parse(b.text()));
  auto big = client.get(http("/bytes/1000000"));
  CHECK(big.content().size() == 1000000);
  CHECK(is_pattern(big.content()));
}

TEST_CASE("destroying a request that waits for a connection leaves the pool consistent") {
  NativeOptions one;
  one.limits.max_connections = 1;
  auto transport = std::make_shared<NativeTransport>(one);
  httpxx::ClientOptions options;
  options.transport = transport;
  AsyncClient client(std::move(options));
  httpxx::Response held;
  {
    httpxx::native::AsioLoop loop;
    held = loop.run([](AsyncClient& c, NativeTransport& t) -> Task<httpxx::Response> {
      httpxx::RequestOptions streamed;
      streamed.stream = true;
      auto r = co_await c.get(http("/bytes/500000"), std::move(streamed));
      httpxx::spawn([](AsyncClient& c2) -> Task<void> {
        (void)co_await c2.get(http("/get"));
        FAIL("the waiting request got a connection");
      }(c));
      co_await httpxx::sleep(50ms);
      CHECK(t.pool_stats().waiting == 1);
      co_return r;
    }(client, *transport));
  }  // the loop destroys the waiting request
  CHECK(transport->pool_stats().waiting == 0);
  CHECK(transport->pool_stats().open == 1);
  held = httpxx::Response();
  CHECK(transport->pool_stats().open == 0);
}
