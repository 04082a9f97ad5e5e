// HTTP/2 against a hostile server: the raw-frame test server (tests/server/
// h2_raw_server.mjs, HTTPXX_TEST_H2_RAW) writes frames no HTTP/2 library
// would. Each case must end in a typed error or a correct response, in
// bounded time and memory: never a crash or a hang. Clients speak h2c with
// prior knowledge (http1 off) with short timeouts, so that a hang shows as
// the wrong error rather than a stuck suite.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <string>

#include "native_support.hpp"

using namespace std::chrono_literals;
using api::env;
using api::expect_error;
using api::NativeOptions;
using api::NativeTransport;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

using Clock = std::chrono::steady_clock;

std::string raw_h2(std::string_view name, std::string_view query = "") {
  return env("HTTPXX_TEST_H2_RAW") + "/case/" + std::string(name) + std::string(query);
}

// The bound of every case: 3 s a phase, 300 ms without a byte.
httpxx::Timeout bounded() { return httpxx::Timeout(3s).with_read(300ms).with_write(300ms); }

void with_h2c(const api::TransportTest& test) {
  NativeOptions native;
  native.http1 = false;
  native.http2 = true;
  api::with_transport(test, native, {.timeout = bounded(), .http1 = false, .http2 = true});
}

std::string conn_of(const httpxx::Response& r) { return r.headers().get("x-conn").value_or("?"); }

// The peak resident size of this process so far (VmHWM), in KiB.
long peak_kib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  long value = 0;
  while (status >> key) {
    if (key == "VmHWM:") {
      status >> value;
      return value;
    }
    status.ignore(1 << 10, '\n');
  }
  return 0;
}

// Expects `name` to fail with a RemoteProtocolError quickly (well before any
// timeout) and without growing the process by more than 16 MiB; returns the
// message.
Task<std::string> expect_protocol_error(AsyncClient& client, std::string name) {
  const long before = peak_kib();
  const auto start = Clock::now();
  auto message = co_await expect_error<httpxx::RemoteProtocolError>(client.get(raw_h2(name)));
  CAPTURE(name);
  CAPTURE(message);
  CHECK(Clock::now() - start < 2s);
  CHECK(peak_kib() - before < 16 * 1024);
  co_return message;
}

Task<std::uint64_t> drain(httpxx::Response& response) {
  std::uint64_t total = 0;
  auto chunks = response.stream();
  while (auto chunk = co_await chunks.next()) total += chunk->size();
  co_return total;
}

}  // namespace

TEST_CASE("RST_STREAM fails that request only; the connection serves the next one") {
  with_h2c([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    auto first = co_await client.get(raw_h2("ok"));
    auto message =
        co_await expect_error<httpxx::RemoteProtocolError>(client.get(raw_h2("rst_stream")));
    CAPTURE(message);
    CHECK(message.find("reset the stream (INTERNAL_ERROR)") != std::string::npos);
    auto after = co_await client.get(raw_h2("ok"));
    CHECK(after.text() == "ok");
    CHECK(conn_of(after) == conn_of(first));
    CHECK(transport.pool_stats().h2 == 1);
  });
}

TEST_CASE("GOAWAY: a stream above last_stream_id goes again on a new connection; one below ends") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    auto first = co_await client.get(raw_h2("ok"));  // stream 1
    auto p = client.parallel();
    auto slow = p.get(raw_h2("slow", "?ms=100"));  // stream 3: answered after the GOAWAY
    auto moved = p.get(raw_h2("goaway"));          // stream 5: GOAWAY(last_stream_id 3)
    auto s = co_await slow.get_response();
    CHECK(s.text() == "slow");
    CHECK(conn_of(s) == conn_of(first));
    auto m = co_await moved.get_response();
    CHECK(m.text() == "ok");
    CHECK(conn_of(m) != conn_of(first));  // the server saw a second connection
    co_await p.close();
  });
}

TEST_CASE("a server silent after the SETTINGS exchange: ReadTimeout") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    const auto start = Clock::now();
    (void)co_await expect_error<httpxx::ReadTimeout>(client.get(raw_h2("silent")));
    CHECK(Clock::now() - start < 2s);
  });
}

TEST_CASE("DATA beyond the stream window the client advertised: RemoteProtocolError") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    auto r = co_await client.get(raw_h2("window_overflow"), {.stream = true});
    CHECK(r.status_code() == 200);
    co_await httpxx::sleep(300ms);  // read nothing while the server overruns the window
    auto message = co_await expect_error<httpxx::RemoteProtocolError>(drain(r));
    CAPTURE(message);
    CHECK(message.find("FLOW_CONTROL_ERROR") != std::string::npos);
  });
}

TEST_CASE(
    "a window that stays at zero during an upload: WriteTimeout; the connection serves GETs") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    httpxx::RequestOptions big{.content = std::string(1 << 20, 'u')};
    (void)co_await expect_error<httpxx::WriteTimeout>(
        client.post(raw_h2("upload_no_window"), std::move(big)));
    int pieces = 0;
    httpxx::ByteSource source([&pieces]() -> Task<std::optional<std::string>> {
      if (++pieces > 100) co_return std::nullopt;
      co_return std::string(16384, 's');
    });
    (void)co_await expect_error<httpxx::WriteTimeout>(
        client.put(raw_h2("upload_no_window"), {.content_stream = std::move(source)}));
    auto after = co_await client.get(raw_h2("ok"));
    CHECK(after.text() == "ok");
  });
}

TEST_CASE("a response head larger than max_header_bytes: RemoteProtocolError") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    auto message = co_await expect_protocol_error(client, "big_headers");
    CHECK(message.find("exceeds") != std::string::npos);
  });
}

TEST_CASE("CONTINUATION floods end in RemoteProtocolError, in bounded time and memory") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    (void)co_await expect_protocol_error(client, "continuation_flood");
    auto message = co_await expect_protocol_error(client, "continuation_flood_empty");
    CHECK(message.find("CONTINUATION") != std::string::npos);
  });
}

TEST_CASE("SETTINGS, PING and empty DATA floods end in RemoteProtocolError, bounded") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    (void)co_await expect_protocol_error(client, "settings_flood");
    (void)co_await expect_protocol_error(client, "ping_flood");
    auto message = co_await expect_protocol_error(client, "empty_data_flood");
    CHECK(message.find("empty DATA") != std::string::npos);
    auto after = co_await client.get(raw_h2("ok"));  // on a new connection
    CHECK(after.text() == "ok");
  });
}

TEST_CASE("a frame larger than SETTINGS_MAX_FRAME_SIZE: RemoteProtocolError (FRAME_SIZE_ERROR)") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    auto message = co_await expect_protocol_error(client, "frame_too_large");
    CHECK(message.find("FRAME_SIZE_ERROR") != std::string::npos);
  });
}

TEST_CASE("invalid pseudo-headers in a response: RemoteProtocolError") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    (void)co_await expect_protocol_error(client, "missing_status");
    (void)co_await expect_protocol_error(client, "request_pseudo_header");
  });
}

TEST_CASE("PUSH_PROMISE although push is off: RemoteProtocolError, a connection error") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    auto message = co_await expect_protocol_error(client, "push_promise");
    CHECK(message.find("PROTOCOL_ERROR") != std::string::npos);
  });
}

TEST_CASE("HEADERS on a stream the client never opened: the request still ends") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    const auto start = Clock::now();
    try {
      auto r = co_await client.get(raw_h2("headers_unopened_stream"));
      CHECK(r.text() == "ok");
    } catch (const httpxx::RemoteProtocolError& e) {
      MESSAGE("refused: " << std::string(e.what()));
    }
    CHECK(Clock::now() - start < 2s);
  });
}

TEST_CASE("the connection closed in the middle of a body: RemoteProtocolError") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    (void)co_await expect_protocol_error(client, "closed_mid_body");
    auto r = co_await client.get(raw_h2("closed_mid_body"), {.stream = true});
    (void)co_await expect_error<httpxx::RemoteProtocolError>(drain(r));
  });
}

TEST_CASE("window overflow by WINDOW_UPDATE and an oversized HPACK table: RemoteProtocolError") {
  with_h2c([](AsyncClient& client, NativeTransport&) -> Task<void> {
    auto message = co_await expect_protocol_error(client, "window_update_overflow");
    CHECK(message.find("FLOW_CONTROL_ERROR") != std::string::npos);
    message = co_await expect_protocol_error(client, "hpack_table_too_large");
    CHECK(message.find("COMPRESSION_ERROR") != std::string::npos);
  });
}

TEST_CASE("a client that closes says GOAWAY (NO_ERROR) on its HTTP/2 connections") {
  std::int64_t closed = -1;
  with_h2c([&closed](AsyncClient& client, NativeTransport&) -> Task<void> {
    auto ok = co_await client.get(raw_h2("ok"));
    closed = std::stoll(conn_of(ok));
    co_await client.close();
  });
  REQUIRE(closed > 0);
  with_h2c([closed](AsyncClient& client, NativeTransport&) -> Task<void> {
    bool found = false;
    for (int attempt = 0; attempt < 20 && !found; ++attempt) {
      auto list = co_await client.get(env("HTTPXX_TEST_H2_RAW") + "/goaways");
      const httpxx::Json received = list.json();
      for (const auto& entry : received.as_array()) {
        const auto& goaway = entry.as_object();
        found =
            found || (goaway.at("conn").as_int64() == closed && goaway.at("code").as_int64() == 0);
      }
      if (!found) co_await httpxx::sleep(50ms);
    }
    CHECK(found);
  });
}

TEST_CASE("after a connection error the client's GOAWAY names it before the socket closes") {
  // The server records the GOAWAYs it receives (/goaways): the one for the
  // connection that broke the protocol must be there, with the error code:
  // nghttp2's own for the errors it handles, ENHANCE_YOUR_CALM (11) for
  // floods, whether nghttp2's limits or the client's own stop them.
  struct Case {
    const char* name;
    std::int64_t code;
  };
  for (const Case& one :
       {Case{"frame_too_large", 6}, Case{"push_promise", 1}, Case{"settings_flood", 11},
        Case{"ping_flood", 11}, Case{"continuation_flood", 11}, Case{"empty_data_flood", 11}}) {
    const std::string name = one.name;
    CAPTURE(name);
    with_h2c([&one](AsyncClient& client, NativeTransport&) -> Task<void> {
      auto ok = co_await client.get(raw_h2("ok"));
      const std::int64_t broken = std::stoll(conn_of(ok));
      (void)co_await expect_protocol_error(client, one.name);
      bool found = false;
      for (int attempt = 0; attempt < 20 && !found; ++attempt) {
        auto list = co_await client.get(env("HTTPXX_TEST_H2_RAW") + "/goaways");
        CHECK(std::stoll(conn_of(list)) != broken);
        const httpxx::Json received = list.json();
        for (const auto& entry : received.as_array()) {
          const auto& goaway = entry.as_object();
          found = found || (goaway.at("conn").as_int64() == broken &&
                            goaway.at("code").as_int64() == one.code);
        }
        if (!found) co_await httpxx::sleep(50ms);
      }
      CHECK(found);
    });
  }
}
