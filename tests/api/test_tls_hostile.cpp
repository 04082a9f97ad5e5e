// TLS peers that misbehave: handshakes cut short (tests/server/tls_cut.mjs)
// and raw cases served over TLS (HTTPXX_TEST_RAW_TLS): each fails with its
// typed error and a clear reason, keeps nothing open, and a connection that
// carried a broken response is never reused. Native only.
#include "raw_checks.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

std::string cut(const char* name) {
  return env((std::string("HTTPXX_TEST_TLS_CUT_") + name).c_str()) + "/get";
}

// The handshake with `url` must fail with a ConnectError naming `reason`,
// leaving no connection open.
void expect_handshake_failure(const std::string& url, const std::string& reason) {
  with_transport(
      [=](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        std::string message = co_await expect_error<httpxx::ConnectError>(client.get(url));
        CHECK_MESSAGE(message.find("TLS connection to 127.0.0.1:") != std::string::npos, message);
        CHECK_MESSAGE(message.find(reason) != std::string::npos,
                      "'" << message << "' does not name '" << reason << "'");
        const auto stats = transport.pool_stats();
        CHECK(stats.open == 0);
        CHECK(stats.idle == 0);
      },
      trusting_test_ca(), short_timeouts());
}

}  // namespace

// ---- handshakes cut short ------------------------------------------------------------------

TEST_CASE("a server that closes after the ClientHello fails the handshake") {
  expect_handshake_failure(cut("HELLO_CLOSE"),
                           "the server closed the connection during the TLS handshake");
}

TEST_CASE("a server that resets after the ClientHello fails the handshake") {
  expect_handshake_failure(cut("HELLO_RESET"), "TLS handshake failed: Connection reset by peer");
}

TEST_CASE("a server that stops in the middle of its handshake messages fails the handshake") {
  expect_handshake_failure(cut("MID_HANDSHAKE"),
                           "the server closed the connection during the TLS handshake");
}

TEST_CASE("a plain HTTP answer to a ClientHello fails the handshake") {
  expect_handshake_failure(cut("PLAIN_HTTP"), "TLS handshake failed: ");
}

// ---- responses over TLS ------------------------------------------------------------------

TEST_CASE("the raw server's TLS twin serves a case and keeps its connection") {
  expect_response(
      "ok_chunked", 200, "Hello, world!", true, "GET",
      [](const httpxx::Response& r) { CHECK(r.url().scheme() == "https"); }, Over::tls);
}

TEST_CASE("a TLS body cut without close_notify is an error, not a short body") {
  expect_failure<httpxx::RemoteProtocolError>(
      "abrupt_close_mid_body",
      "peer closed connection without sending complete message body (received 50000 of 100000",
      "GET", Over::tls);
}

TEST_CASE("a TLS body cut short after close_notify is an error too") {
  expect_failure<httpxx::RemoteProtocolError>(
      "truncated_body_content_length",
      "peer closed connection without sending complete message body (received 50 of 100 bytes)",
      "GET", Over::tls);
}

TEST_CASE("a TCP reset in the middle of a TLS body raises ReadError") {
  expect_failure<httpxx::ReadError>("reset_mid_body", "reset", "GET", Over::tls);
}

TEST_CASE("a TLS connection closed without a response is an error") {
  expect_failure<httpxx::RemoteProtocolError>(
      "empty_response", "server disconnected without sending a response", "GET", Over::tls);
}

TEST_CASE("a TLS connection reset before any response raises ReadError") {
  expect_failure<httpxx::ReadError>("reset_immediately", "reset", "GET", Over::tls);
}

TEST_CASE("a malformed head over TLS is refused like over TCP") {
  expect_failure<httpxx::RemoteProtocolError>("conflicting_content_length", "Content-Length", "GET",
                                              Over::tls);
}

// A body delimited by the end of the connection cannot tell a truncation
// from its end when the peer skips close_notify; like HTTPX and browsers,
// httpxx takes the end of the stream as the end of the body (Boost.Beast's
// advice: a truncated shutdown is harmless). Framed bodies are checked
// above.
TEST_CASE("a TLS body read until close ends at close, with or without close_notify") {
  expect_response("ok_read_until_close", 200, "all of this until close", false, "GET", {},
                  Over::tls);
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto r =
            co_await client.get(raw_case_over(Over::tls, "ok_read_until_close") + "?then=destroy");
        CHECK(r.text() == "all of this until close");
        CHECK(transport.pool_stats().open == 0);
      },
      trusting_test_ca(), short_timeouts());
}

TEST_CASE("TLS records arriving on an idle connection make it unusable") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto first = co_await client.get(raw_case_over(Over::tls, "extra_bytes_after_response"));
        CHECK(first.text() == "Hello, world!");
        CHECK(transport.pool_stats().idle == 1);
        co_await httpxx::sleep(300ms);  // the server sends garbage 100 ms after the response
        auto second = co_await client.get(raw_case_over(Over::tls, "ok_content_length"));
        CHECK(second.text() == "Hello, world!");
        const auto stats = transport.pool_stats();
        CHECK(stats.tickets == 2);
        CHECK(stats.reused == 0);
        CHECK(stats.discarded == 1);
      },
      trusting_test_ca(), short_timeouts());
}
