// Pathological trailer sections after a chunked body (raw cases of
// tests/server/raw_cases.mjs), over plain TCP and TLS: trailers carry no
// framing and are dropped, but their size, field count and syntax are held
// to the same limits as a head, and a connection that carried a broken one
// is never reused. Native only.
#include "raw_checks.hpp"

using namespace api;

namespace {

// Runs `check` once over plain TCP and once over TLS.
void over_both(const std::function<void(Over)>& check) {
  for (Over over : {Over::tcp, Over::tls}) {
    CAPTURE(over == Over::tls ? "TLS" : "TCP");
    check(over);
  }
}

}  // namespace

TEST_CASE("a trailer line longer than the line limit is refused") {
  over_both([](Over over) {
    expect_failure<httpxx::RemoteProtocolError>(
        "trailer_line_too_long", "a line of the trailers is longer than 16384 bytes", "GET", over);
  });
}

TEST_CASE("a trailer section larger than the head limit is refused") {
  over_both([](Over over) {
    expect_failure<httpxx::RemoteProtocolError>("trailers_too_large", "larger than 65536 bytes",
                                                "GET", over);
  });
}

TEST_CASE("more trailer fields than the field limit are refused") {
  over_both([](Over over) {
    expect_failure<httpxx::RemoteProtocolError>(
        "too_many_trailers", "more than 200 header fields in the trailers", "GET", over);
  });
}

TEST_CASE("a NUL byte in a trailer value is refused") {
  over_both([](Over over) {
    expect_failure<httpxx::RemoteProtocolError>("nul_in_trailer", "malformed", "GET", over);
  });
}

TEST_CASE("a bare CR in a trailer value is refused") {
  over_both([](Over over) {
    expect_failure<httpxx::RemoteProtocolError>("cr_in_trailer", "malformed", "GET", over);
  });
}

TEST_CASE("a trailer line without a colon is refused") {
  over_both([](Over over) {
    expect_failure<httpxx::RemoteProtocolError>("trailer_no_colon", "malformed", "GET", over);
  });
}

TEST_CASE("a folded trailer line is dropped with the trailers, never read as body") {
  over_both([](Over over) {
    expect_response(
        "obs_fold_trailer", 200, "hello", true, "GET",
        [](const httpxx::Response& r) { CHECK_FALSE(r.headers().contains("X-Folded")); }, over);
  });
}

TEST_CASE("a connection closed inside the trailers is an error") {
  over_both([](Over over) {
    expect_failure<httpxx::RemoteProtocolError>(
        "truncated_trailers",
        "peer closed connection without sending complete "
        "message body (incomplete chunked body after 5 bytes)",
        "GET", over);
  });
}
