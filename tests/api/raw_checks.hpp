#pragma once
// How the hostile-server tests check a raw case (tests/server/raw_cases.mjs):
// the typed error or the response it must give, and that a connection which
// carried a broken response is never reused. Native only.

#include <functional>
#include <string>

#include "native_support.hpp"

namespace api {

/// The server a raw case is fetched from: the raw-TCP server, or its TLS
/// twin (`HTTPXX_TEST_RAW_TLS`, which the test CA vouches for).
enum class Over { tcp, tls };

/// The URL of raw case `name` on the server `over`.
std::string raw_case_over(Over over, std::string_view name);

/// Transport options for the server `over` (the test CA trusted for TLS).
NativeOptions options_over(Over over);

/// Every timeout at 3 s: a client that would hang fails with a timeout
/// error instead, which no check below accepts.
httpxx::ClientOptions short_timeouts();

/// After a broken response: the transport holds no connection, and the next
/// request to the same server gets a new one and works.
httpxx::Task<void> check_dropped_and_recovers(httpxx::AsyncClient& client,
                                              NativeTransport& transport, Over over = Over::tcp);

/// Requests raw case `name` with `method`; it must fail with an `E` whose
/// message contains `reason`, and leave no connection behind.
template <class E>
void expect_failure(std::string name, std::string reason, std::string method = "GET",
                    Over over = Over::tcp) {
  with_transport(
      [=](httpxx::AsyncClient& client, NativeTransport& transport) -> httpxx::Task<void> {
        std::string message =
            co_await expect_error<E>(client.request(method, raw_case_over(over, name)));
        CHECK_MESSAGE(message.find(reason) != std::string::npos,
                      "'" << message << "' does not mention '" << reason << "'");
        co_await check_dropped_and_recovers(client, transport, over);
      },
      options_over(over), short_timeouts());
}

/// Requests raw case `name`; it must succeed with `status` and `body`, then
/// `more` checks the response. The connection may be kept for reuse only if
/// `reusable`.
void expect_response(std::string name, int status, std::string body, bool reusable,
                     std::string method = "GET",
                     std::function<void(const httpxx::Response&)> more = {}, Over over = Over::tcp);

}  // namespace api
