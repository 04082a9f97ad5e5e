// Malformed, hostile and unusual responses from the raw-TCP server
// (tests/server/raw_cases.mjs), native only: each must give its typed
// exception (or the response the RFCs allow), never a crash or a hang, and
// a connection that served a broken response is never reused. Trailers,
// TLS peers and answers during an upload have files of their own.
#include "raw_checks.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

// ---- valid responses ----------------------------------------------------------------------

TEST_CASE("a Content-Length response is read and its connection kept") {
  expect_response("ok_content_length", 200, "Hello, world!", true, "GET",
                  [](const httpxx::Response& r) {
                    CHECK(r.headers().get("Content-Type") == "text/plain");
                    CHECK(r.reason_phrase() == "OK");
                  });
}

TEST_CASE("a kept connection serves the next request") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    for (int i = 0; i < 3; ++i) {
      auto r = co_await client.get(raw_case("ok_chunked"));
      CHECK(r.text() == "Hello, world!");
    }
    CHECK(transport.pool_stats().tickets == 1);
    CHECK(transport.pool_stats().reused == 2);
  });
}

TEST_CASE("a chunked response is reassembled") {
  expect_response("ok_chunked", 200, "Hello, world!", true);
}

TEST_CASE("trailers of a chunked response are not mistaken for body") {
  expect_response(
      "ok_chunked_trailers", 200, "Hello, world!", true, "GET",
      [](const httpxx::Response& r) { CHECK_FALSE(r.headers().contains("X-Checksum")); });
}

TEST_CASE("chunk extensions and upper-case or zero-padded sizes are accepted") {
  expect_response("ok_chunked_extensions", 200, "0123456789abc0123456789", true);
}

TEST_CASE("a body without length is read until the server closes") {
  expect_response("ok_read_until_close", 200, "all of this until close", false);
}

TEST_CASE("an HTTP/1.0 response is read until close and its connection not reused") {
  expect_response("ok_http10", 200, "HTTP/1.0 body", false, "GET",
                  [](const httpxx::Response& r) { CHECK(r.http_version() == "HTTP/1.0"); });
}

TEST_CASE("100 Continue is skipped for the final response") {
  expect_response("ok_100_continue_then_200", 200, "Hello, world!", true);
}

TEST_CASE("more than 50 interim responses are refused") {
  expect_failure<httpxx::RemoteProtocolError>("many_1xx", "more than 50 interim");
}

TEST_CASE("an endless stream of interim responses is cut at the cap") {
  expect_failure<httpxx::RemoteProtocolError>("endless_1xx", "more than 50 interim");
}

TEST_CASE("an empty reason phrase is accepted") {
  expect_response("ok_empty_reason", 200, "ok", true, "GET",
                  [](const httpxx::Response& r) { CHECK(r.reason_phrase() == "OK"); });
}

TEST_CASE("a status line without reason or space is accepted") {
  expect_response("ok_no_reason_no_space", 200, "ok", true);
}

TEST_CASE("optional whitespace around header values is removed") {
  expect_response("ok_header_ows", 200, "hello", true, "GET",
                  [](const httpxx::Response& r) { CHECK(r.headers().get("X-Spaced") == "value"); });
}

TEST_CASE("an unrequested protocol switch (101) is refused") {
  expect_failure<httpxx::RemoteProtocolError>("switching_protocols_101", "101");
}

// ---- Content-Length --------------------------------------------------------------------------

TEST_CASE("two different Content-Length values are refused") {
  expect_failure<httpxx::RemoteProtocolError>("conflicting_content_length", "Content-Length");
}

TEST_CASE("a repeated identical Content-Length is refused") {
  expect_failure<httpxx::RemoteProtocolError>("duplicate_same_content_length", "Content-Length");
}

TEST_CASE("a Content-Length list is refused") {
  expect_failure<httpxx::RemoteProtocolError>("content_length_list_same", "malformed");
}

TEST_CASE("a negative Content-Length is refused") {
  expect_failure<httpxx::RemoteProtocolError>("negative_content_length", "malformed");
}

TEST_CASE("a Content-Length with a plus sign is refused") {
  expect_failure<httpxx::RemoteProtocolError>("plus_content_length", "malformed");
}

TEST_CASE("a hexadecimal Content-Length is refused") {
  expect_failure<httpxx::RemoteProtocolError>("hex_content_length", "malformed");
}

TEST_CASE("a Content-Length beyond 64 bits is refused without wrapping") {
  expect_failure<httpxx::RemoteProtocolError>("content_length_overflow", "overflow");
}

TEST_CASE("a Content-Length with letters after its digits is refused") {
  expect_failure<httpxx::RemoteProtocolError>("content_length_letters", "malformed");
}

TEST_CASE("bytes beyond the Content-Length are not body and the connection is dropped") {
  expect_response("body_longer_than_content_length", 200, "hello", false);
}

TEST_CASE("a body shorter than its Content-Length is an error") {
  expect_failure<httpxx::RemoteProtocolError>(
      "truncated_body_content_length",
      "peer closed connection without sending complete message body (received 50 of 100 bytes)");
}

// ---- Transfer-Encoding ---------------------------------------------------------------------

TEST_CASE("a Transfer-Encoding where chunked is not last is refused") {
  expect_failure<httpxx::RemoteProtocolError>("te_chunked_not_last", "Transfer-Encoding");
}

TEST_CASE("chunked applied twice is refused") {
  expect_failure<httpxx::RemoteProtocolError>("te_chunked_twice", "Transfer-Encoding");
}

TEST_CASE("Transfer-Encoding together with Content-Length is refused") {
  expect_failure<httpxx::RemoteProtocolError>("te_and_content_length", "malformed");
}

TEST_CASE("an unknown transfer coding is refused") {
  expect_failure<httpxx::RemoteProtocolError>("te_unknown", "only 'chunked' is supported");
}

TEST_CASE("a chunk size beyond 64 bits is refused without wrapping") {
  expect_failure<httpxx::RemoteProtocolError>("chunk_size_overflow", "malformed");
}

TEST_CASE("a chunk size that is not hexadecimal is refused") {
  expect_failure<httpxx::RemoteProtocolError>("bad_chunk_size_chars", "malformed");
}

TEST_CASE("chunk data not followed by CRLF is refused") {
  expect_failure<httpxx::RemoteProtocolError>("chunk_missing_crlf", "Expected CRLF after chunk");
}

TEST_CASE("a chunked body cut before its last chunk is an error") {
  expect_failure<httpxx::RemoteProtocolError>("truncated_chunked", "incomplete chunked body");
}

// ---- head and framing ------------------------------------------------------------------------

TEST_CASE("a connection closed in the middle of the head is an error") {
  expect_failure<httpxx::RemoteProtocolError>("truncated_head", "middle of the response head");
}

TEST_CASE("a connection closed without a response is an error") {
  expect_failure<httpxx::RemoteProtocolError>("empty_response",
                                              "server disconnected without sending a response");
}

TEST_CASE("a connection closed inside the status line is an error") {
  expect_failure<httpxx::RemoteProtocolError>("truncated_status_line",
                                              "middle of the response head");
}

TEST_CASE("a connection closed after an interim response is an error") {
  expect_failure<httpxx::RemoteProtocolError>("interim_then_close", "middle of the response head");
}

TEST_CASE("a NUL byte in the reason phrase is refused") {
  expect_failure<httpxx::RemoteProtocolError>("nul_in_status_line", "malformed");
}

TEST_CASE("a status line longer than the line limit is refused") {
  expect_failure<httpxx::RemoteProtocolError>("status_line_too_long", "longer than 16384 bytes");
}

TEST_CASE("a head of modest lines that is larger than the head limit is refused") {
  expect_failure<httpxx::RemoteProtocolError>("head_too_large",
                                              "response head is larger than 65536 bytes");
}

TEST_CASE("a NUL byte in a header value is refused") {
  expect_failure<httpxx::RemoteProtocolError>("nul_in_header", "malformed");
}

TEST_CASE("a bare CR in a header value is refused") {
  expect_failure<httpxx::RemoteProtocolError>("cr_in_header_value", "malformed");
}

// RFC 9112 section 2.2 allows either; llhttp refuses a bare LF after a
// header value.
TEST_CASE("bare LF line endings are refused") {
  expect_failure<httpxx::RemoteProtocolError>("bare_lf_line_endings", "malformed");
}

// RFC 9112 section 5.2: a user agent replaces obs-fold with spaces.
TEST_CASE("an obsolete folded header line is unfolded") {
  expect_response("obs_fold_header", 200, "hello", true, "GET", [](const httpxx::Response& r) {
    CHECK(r.headers().get("X-Folded") == "first   second");
  });
}

TEST_CASE("a header line without a colon is refused") {
  expect_failure<httpxx::RemoteProtocolError>("header_no_colon", "malformed");
}

TEST_CASE("whitespace between a header name and its colon is refused") {
  expect_failure<httpxx::RemoteProtocolError>("header_space_before_colon", "malformed");
}

TEST_CASE("a header line longer than the line limit is refused") {
  expect_failure<httpxx::RemoteProtocolError>("oversized_header_line", "longer than 16384 bytes");
}

TEST_CASE("more header fields than the limit are refused") {
  expect_failure<httpxx::RemoteProtocolError>("too_many_headers", "more than 200 header fields");
}

TEST_CASE("garbage instead of a status line is refused") {
  expect_failure<httpxx::RemoteProtocolError>("status_line_garbage", "malformed");
}

TEST_CASE("a four-digit status code is refused") {
  expect_failure<httpxx::RemoteProtocolError>("bad_status_code", "malformed");
}

TEST_CASE("an HTTP/2.0 status line is refused") {
  expect_failure<httpxx::RemoteProtocolError>("bad_http_version", "HTTP version");
}

TEST_CASE("an HTTP/0.9 response without status line is refused") {
  expect_failure<httpxx::RemoteProtocolError>("http09_response", "malformed");
}

TEST_CASE("an HTTP/2 preface is refused") {
  expect_failure<httpxx::RemoteProtocolError>("http2_preface", "malformed");
}

// ---- bodies that must be ignored -----------------------------------------------------------

TEST_CASE("a body sent after a HEAD response is ignored and the connection dropped") {
  expect_response("head_with_body", 200, "", false, "HEAD", [](const httpxx::Response& r) {
    CHECK(r.headers().get("Content-Length") == "11");
  });
}

TEST_CASE("a body sent with a 204 to HEAD is ignored and the connection dropped") {
  expect_response("head_with_body_204", 204, "", false, "HEAD");
}

TEST_CASE("a body sent with a 204 is ignored and the connection dropped") {
  expect_response("status_204_with_body", 204, "", false);
}

TEST_CASE("a body sent with a 304 is ignored and the connection dropped") {
  expect_response("status_304_with_body", 304, "", false);
}

TEST_CASE("bytes arriving on an idle connection make it unusable") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto first = co_await client.get(raw_case("extra_bytes_after_response"));
        CHECK(first.text() == "Hello, world!");
        CHECK(transport.pool_stats().idle == 1);
        // The server sends garbage 100 ms after the response.
        co_await httpxx::sleep(300ms);
        auto second = co_await client.get(raw_case("ok_content_length"));
        CHECK(second.status_code() == 200);
        CHECK(second.reason_phrase() == "OK");
        CHECK(second.text() == "Hello, world!");
        const auto stats = transport.pool_stats();
        CHECK(stats.tickets == 2);
        CHECK(stats.reused == 0);
        CHECK(stats.discarded == 1);
      },
      {}, short_timeouts());
}

// ---- content coding ----------------------------------------------------------------------

TEST_CASE("a body that is not the gzip it claims raises DecodingError") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        (void)co_await expect_error<httpxx::DecodingError>(client.get(raw_case("gzip_bad_data")));
      },
      {}, short_timeouts());
}

TEST_CASE("a truncated gzip body raises DecodingError") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        (void)co_await expect_error<httpxx::DecodingError>(client.get(raw_case("gzip_truncated")));
      },
      {}, short_timeouts());
}

TEST_CASE("an endless gzip body stops at max_decoded_size") {
  httpxx::ClientOptions options = short_timeouts();
  options.max_decoded_size = 8 * 1024 * 1024;
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        std::string message = co_await expect_error<httpxx::DecodingError>(
            client.get(raw_case("infinite_gzip_body")));
        CHECK(message.find("max_decoded_size") != std::string::npos);
        CHECK(transport.pool_stats().open == 0);
      },
      {}, options);
}

TEST_CASE("an endless gzip body read as a stream stops at max_decoded_size") {
  httpxx::ClientOptions options = short_timeouts();
  options.max_decoded_size = 8 * 1024 * 1024;
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        httpxx::RequestOptions streamed{.stream = true};
        auto r = co_await client.get(raw_case("infinite_gzip_body"), std::move(streamed));
        const Drained drained = co_await drain_until_decoding_error(r);
        CHECK(drained.stopped);
        CHECK(drained.decoded <= 8 * 1024 * 1024);
        co_await r.close();
        CHECK(transport.pool_stats().open == 0);
      },
      {}, options);
}

// ---- timing and connection problems --------------------------------------------------------

TEST_CASE("a server that never answers raises ReadTimeout") {
  httpxx::ClientOptions options;
  options.timeout = httpxx::Timeout(3s).with_read(300ms);
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        const auto start = std::chrono::steady_clock::now();
        (void)co_await expect_error<httpxx::ReadTimeout>(client.get(raw_case("never_respond")));
        CHECK(ms_since(start) >= 250);
        CHECK(ms_since(start) < 1500);
        CHECK(transport.pool_stats().open == 0);
      },
      {}, options);
}

TEST_CASE("a body that stalls raises ReadTimeout") {
  httpxx::ClientOptions options;
  options.timeout = httpxx::Timeout(3s).with_read(300ms);
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        (void)co_await expect_error<httpxx::ReadTimeout>(
            client.get(raw_case("drip_one_byte_per_second")));
        CHECK(transport.pool_stats().open == 0);
      },
      {}, options);
}

TEST_CASE("an endless body can be streamed in part and closed") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        httpxx::RequestOptions streamed{.stream = true};
        auto r = co_await client.get(raw_case("infinite_body"), std::move(streamed));
        auto chunks = r.raw();
        std::uint64_t received = 0;
        while (received < 1024 * 1024) {
          auto chunk = co_await chunks.next();
          REQUIRE(chunk.has_value());
          CHECK(chunk->size() <= transport.options().http.read_buffer_size);
          received += chunk->size();
        }
        co_await r.close();
        CHECK(transport.pool_stats().open == 0);
      },
      {}, short_timeouts());
}

TEST_CASE("a connection closed in the middle of the body is an error, not a short body") {
  expect_failure<httpxx::RemoteProtocolError>(
      "abrupt_close_mid_body",
      "peer closed connection without sending complete message body (received 50000 of 100000");
}

TEST_CASE("a connection reset in the middle of the body raises ReadError") {
  expect_failure<httpxx::ReadError>("reset_mid_body", "reset");
}

TEST_CASE("a connection reset before any response raises ReadError") {
  expect_failure<httpxx::ReadError>("reset_immediately", "reset");
}
