// The native connection pool: keep-alive reuse, connections that must not
// be reused, stale connections, the idempotent retry, limits and the pool
// timeout. Native only (the browser pools by itself).
#include "native_support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

// The server's id for the connection a request arrived on.
Task<std::int64_t> conn_id(AsyncClient& client) {
  auto r = co_await client.get(http("/conn-id"));
  co_return as_object(r.json()).at("id").as_int64();
}

std::int64_t conn_id_of(const httpxx::Response& r) {
  const httpxx::Json doc = r.json();
  return as_object(doc).at("conn_id").as_int64();
}

httpxx::RequestOptions streamed() {
  httpxx::RequestOptions options;
  options.stream = true;
  return options;
}

NativeOptions with_limits(std::optional<std::size_t> max_connections,
                          std::optional<std::size_t> max_keepalive = 20,
                          std::optional<std::chrono::steady_clock::duration> expiry = 5s) {
  NativeOptions options;
  options.limits.max_connections = max_connections;
  options.limits.max_keepalive_connections = max_keepalive;
  options.limits.keepalive_expiry = expiry;
  return options;
}

}  // namespace

TEST_CASE("sequential requests to one origin reuse one connection") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    const auto first = co_await conn_id(client);
    CHECK(co_await conn_id(client) == first);
    CHECK(co_await conn_id(client) == first);
    const auto stats = transport.pool_stats();
    CHECK(stats.tickets == 1);
    CHECK(stats.reused == 2);
    CHECK(stats.idle == 1);
  });
}

TEST_CASE("the default client reuses connections too") {
  with_client([](AsyncClient& client) -> Task<void> {
    const auto first = co_await conn_id(client);
    CHECK(co_await conn_id(client) == first);
  });
}

TEST_CASE("a streamed body read to its end gives its connection back") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    auto r = co_await client.get(http("/anything"), streamed());
    (void)co_await r.read();
    const auto first = conn_id_of(r);
    CHECK(transport.pool_stats().idle == 1);
    CHECK(co_await conn_id(client) == first);
  });
}

TEST_CASE("a body closed before its end drops its connection") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    const auto first = co_await conn_id(client);
    auto r = co_await client.get(http("/bytes/3000000"), streamed());
    auto chunks = r.stream();
    REQUIRE((co_await chunks.next()).has_value());
    co_await r.close();
    const auto stats = transport.pool_stats();
    CHECK(stats.idle == 0);
    CHECK(stats.open == 0);
    CHECK(co_await conn_id(client) != first);
  });
}

TEST_CASE("a streamed response destroyed unread drops its connection") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    const auto first = co_await conn_id(client);
    {
      auto r = co_await client.get(http("/bytes/3000000"), streamed());
      CHECK(transport.pool_stats().open == 1);
    }
    CHECK(transport.pool_stats().open == 0);
    CHECK(co_await conn_id(client) != first);
  });
}

TEST_CASE("a Connection: close response is not reused") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    auto r = co_await client.get(http("/close-after"));
    CHECK(r.headers().get("Connection") == "close");
    CHECK(transport.pool_stats().idle == 0);
    CHECK(co_await conn_id(client) != conn_id_of(r));
  });
}

TEST_CASE("a request asking for Connection: close does not leave its connection idle") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    httpxx::RequestOptions options;
    options.headers.set("Connection", "close");
    auto r = co_await client.get(http("/anything"), std::move(options));
    CHECK(r.status_code() == 200);
    CHECK(transport.pool_stats().idle == 0);
    CHECK(transport.pool_stats().open == 0);
  });
}

TEST_CASE("a connection the server closed while idle is not used again") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    auto r = co_await client.get(http("/keepalive-then-close?ms=50"));
    const auto first = as_object(r.json()).at("id").as_int64();
    co_await httpxx::sleep(250ms);
    // POST is never retried: it succeeds only if the stale connection was
    // recognised before the request went out.
    httpxx::RequestOptions body{.content = "x"};
    auto post = co_await client.post(http("/anything"), std::move(body));
    CHECK(post.status_code() == 200);
    CHECK(conn_id_of(post) != first);
    const auto stats = transport.pool_stats();
    CHECK(stats.discarded == 1);
    CHECK(stats.tickets == 2);
  });
}

TEST_CASE("an idempotent request that fails on a reused connection is retried once") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    // The server destroys the connection 150 ms after this response, while
    // the next request waits for its delayed answer on it.
    auto r = co_await client.get(http("/keepalive-then-close?ms=150"));
    const auto first = as_object(r.json()).at("id").as_int64();
    auto get = co_await client.get(http("/delay-ms/500"));
    CHECK(get.status_code() == 200);
    CHECK(conn_id_of(get) != first);
    const auto stats = transport.pool_stats();
    CHECK(stats.reused == 1);
    CHECK(stats.tickets == 2);
  });
}

TEST_CASE("a POST that fails on a reused connection is not retried") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    (void)co_await client.get(http("/keepalive-then-close?ms=150"));
    httpxx::RequestOptions body{.content = "once"};
    (void)co_await expect_error<httpxx::TransportError>(
        client.post(http("/delay-ms/500"), std::move(body)));
    const auto stats = transport.pool_stats();
    CHECK(stats.reused == 1);
    CHECK(stats.tickets == 1);
    CHECK(stats.open == 0);
  });
}

TEST_CASE("idle connections older than keepalive_expiry are closed") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        const auto first = co_await conn_id(client);
        CHECK(co_await conn_id(client) == first);
        co_await httpxx::sleep(200ms);
        CHECK(co_await conn_id(client) != first);
        CHECK(transport.pool_stats().discarded == 1);
      },
      with_limits(100, 20, 100ms));
}

TEST_CASE("max_keepalive_connections of zero never keeps a connection") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        const auto first = co_await conn_id(client);
        CHECK(transport.pool_stats().idle == 0);
        CHECK(co_await conn_id(client) != first);
      },
      with_limits(100, 0));
}

TEST_CASE("max_keepalive_connections bounds the idle connections") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        // Three responses held open at once need three connections (their
        // bodies are too large to arrive with their heads).
        auto a = co_await client.get(http("/bytes/500000"), streamed());
        auto b = co_await client.get(http("/bytes/500000"), streamed());
        auto c = co_await client.get(http("/bytes/500000"), streamed());
        CHECK(transport.pool_stats().open == 3);
        (void)co_await a.read();
        (void)co_await b.read();
        (void)co_await c.read();
        CHECK(transport.pool_stats().idle == 2);
        CHECK(transport.pool_stats().open == 2);
      },
      with_limits(100, 2));
}

TEST_CASE("connections to different origins are pooled apart") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto plain = co_await client.get(http("/conn-id"));
        auto secure = co_await client.get(https("/conn-id"));
        auto plain2 = co_await client.get(http("/conn-id"));
        auto secure2 = co_await client.get(https("/conn-id"));
        CHECK(plain2.json() == plain.json());
        CHECK(secure2.json() == secure.json());
        CHECK(transport.pool_stats().tickets == 2);
        CHECK(transport.pool_stats().idle == 2);
      },
      trusting_test_ca());
}

TEST_CASE("a request waits for a free connection, then takes it") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto held = co_await client.get(http("/bytes/500000"), streamed());
        // Release the only connection 200 ms from now, from another task.
        httpxx::spawn([](httpxx::Response r) -> Task<void> {
          co_await httpxx::sleep(200ms);
          (void)co_await r.read();
        }(held));
        const auto start = std::chrono::steady_clock::now();
        auto next = co_await client.get(http("/conn-id"));
        CHECK(next.status_code() == 200);
        CHECK(ms_since(start) >= 150);
        CHECK(held.content().size() == 500000);
        const auto stats = transport.pool_stats();
        CHECK(stats.tickets == 1);
        CHECK(stats.reused == 1);
      },
      with_limits(1));
}

TEST_CASE("no free connection within the pool timeout raises PoolTimeout") {
  httpxx::ClientOptions options;
  options.timeout = httpxx::Timeout(5s).with_pool(200ms);
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto held = co_await client.get(http("/bytes/500000"), streamed());
        const auto start = std::chrono::steady_clock::now();
        std::string message = co_await expect_error<httpxx::PoolTimeout>(client.get(http("/get")));
        CHECK(ms_since(start) >= 150);
        CHECK(ms_since(start) < 1500);
        CHECK(message.find("max_connections=1") != std::string::npos);
        CHECK(transport.pool_stats().waiting == 0);
        // Once the held response is done, requests flow again.
        (void)co_await held.read();
        auto r = co_await client.get(http("/get"));
        CHECK(r.status_code() == 200);
      },
      with_limits(1), options);
}

TEST_CASE("a full pool closes an idle connection of another origin to make room") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        (void)co_await client.get(http("/get"));
        CHECK(transport.pool_stats().idle == 1);
        auto r = co_await client.get(https("/get"));
        CHECK(r.status_code() == 200);
        CHECK(transport.pool_stats().open == 1);
      },
      [] {
        NativeOptions o = trusting_test_ca();
        o.limits.max_connections = 1;
        return o;
      }());
}

TEST_CASE("closing the client fails a request waiting for a connection") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto held = co_await client.get(http("/bytes/500000"), streamed());
        auto outcome = std::make_shared<std::string>("still waiting");
        httpxx::spawn([](AsyncClient& c, std::shared_ptr<std::string> out) -> Task<void> {
          try {
            (void)co_await c.get(http("/get"));
            *out = "got a response";
          } catch (const httpxx::TransportError& e) {
            *out = type_name(typeid(e));
          }
        }(client, outcome));
        co_await httpxx::sleep(50ms);
        CHECK(transport.pool_stats().waiting == 1);
        co_await client.close();
        co_await httpxx::sleep(20ms);
        CHECK(*outcome == "httpxx::ConnectError");
        CHECK(transport.pool_stats().waiting == 0);
      },
      with_limits(1));
}

TEST_CASE("closing the client closes its idle connections") {
  auto transport = std::make_shared<NativeTransport>();
  run([](std::shared_ptr<NativeTransport> t) -> Task<void> {
    httpxx::ClientOptions options;
    options.transport = t;
    AsyncClient client(std::move(options));
    (void)co_await client.get(http("/get"));
    CHECK(t->pool_stats().idle == 1);
    co_await client.close();
    CHECK(t->pool_stats().idle == 0);
    CHECK(t->pool_stats().open == 0);
    (void)co_await expect_error<httpxx::ClientClosed>(client.get(http("/get")));
  }(transport));
}
