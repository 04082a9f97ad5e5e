// Read timeouts, client-wide and per request. Portable: public API only.
// (Connect, write and pool timeouts need servers or pools that only the
// native build controls: see test_native_connect.cpp, test_native_pool.cpp.)
#include "support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

httpxx::ClientOptions read_timeout(std::chrono::milliseconds read) {
  httpxx::ClientOptions options;
  options.timeout = httpxx::Timeout(5s).with_read(read);
  return options;
}

}  // namespace

TEST_CASE("a response slower than the read timeout raises ReadTimeout") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        const auto start = std::chrono::steady_clock::now();
        std::string message =
            co_await expect_error<httpxx::ReadTimeout>(client.get(http("/delay-ms/3000")));
        CHECK(ms_since(start) >= 200);
        CHECK(ms_since(start) < 2000);
        CHECK_FALSE(message.empty());
        // The client is still usable, on a new connection.
        auto ok = co_await client.get(http("/get"));
        CHECK(ok.status_code() == 200);
      },
      read_timeout(250ms));
}

TEST_CASE("a response within the read timeout is received") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(http("/delay-ms/100"));
        CHECK(r.status_code() == 200);
      },
      read_timeout(2000ms));
}

TEST_CASE("a per-request timeout overrides the client's") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions quick;
        quick.timeout = httpxx::Timeout(5s).with_read(200ms);
        (void)co_await expect_error<httpxx::ReadTimeout>(
            client.get(http("/delay-ms/2000"), std::move(quick)));
        httpxx::RequestOptions patient;
        patient.timeout = httpxx::Timeout(5s);
        auto r = co_await client.get(http("/delay-ms/400"), std::move(patient));
        CHECK(r.status_code() == 200);
      },
      read_timeout(100ms));
}

TEST_CASE("a body that stalls while streaming raises ReadTimeout from next()") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions options;
        options.stream = true;
        // The head comes at once; the one body chunk only after 1.5 s.
        auto r =
            co_await client.get(http("/drip?numbytes=1&duration=1.5&chunks=1"), std::move(options));
        CHECK(r.status_code() == 200);
        auto chunks = r.stream();
        const auto start = std::chrono::steady_clock::now();
        (void)co_await expect_error<httpxx::ReadTimeout>(chunks.next());
        CHECK(ms_since(start) < 1200);
        (void)co_await expect_error<httpxx::StreamClosed>(chunks.next());
      },
      read_timeout(300ms));
}

TEST_CASE("the read timeout bounds each wait, not the whole body") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        // Five chunks 150 ms apart: 750 ms in all, never 400 ms of silence.
        auto r = co_await client.get(http("/drip?numbytes=5&duration=0.75&chunks=5"));
        CHECK(r.text() == "*****");
      },
      read_timeout(400ms));
}

TEST_CASE("timeouts are TimeoutExceptions and TransportErrors carrying their request") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        bool caught = false;
        try {
          (void)co_await client.get(http("/delay-ms/2000"));
        } catch (const httpxx::TimeoutException& e) {
          caught = true;
          CHECK(dynamic_cast<const httpxx::TransportError*>(&e) != nullptr);
          REQUIRE(e.has_request());
          CHECK(e.request().url().path() == "/delay-ms/2000");
        }
        CHECK(caught);
      },
      read_timeout(150ms));
}
