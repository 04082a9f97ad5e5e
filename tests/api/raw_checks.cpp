#include "raw_checks.hpp"

namespace api {

std::string raw_case_over(Over over, std::string_view name) {
  if (over == Over::tcp) return raw_case(name);
  return "https://" + env("HTTPXX_TEST_RAW_TLS") + "/case/" + std::string(name);
}

NativeOptions options_over(Over over) {
  return over == Over::tls ? trusting_test_ca() : NativeOptions{};
}

httpxx::ClientOptions short_timeouts() {
  httpxx::ClientOptions options;
  options.timeout = httpxx::Timeout(3s);
  return options;
}

httpxx::Task<void> check_dropped_and_recovers(httpxx::AsyncClient& client,
                                              NativeTransport& transport, Over over) {
  const auto before = transport.pool_stats();
  CHECK(before.idle == 0);
  CHECK(before.open == 0);
  auto ok = co_await client.get(raw_case_over(over, "ok_content_length"));
  CHECK(ok.text() == "Hello, world!");
  CHECK(transport.pool_stats().tickets == before.tickets + 1);
}

void expect_response(std::string name, int status, std::string body, bool reusable,
                     std::string method, std::function<void(const httpxx::Response&)> more,
                     Over over) {
  with_transport(
      [=](httpxx::AsyncClient& client, NativeTransport& transport) -> httpxx::Task<void> {
        auto r = co_await client.request(method, raw_case_over(over, name));
        CHECK(r.status_code() == status);
        CHECK(r.content() == body);
        if (more) more(r);
        CHECK(transport.pool_stats().idle == (reusable ? 1U : 0U));
        if (!reusable) co_await check_dropped_and_recovers(client, transport, over);
      },
      options_over(over), short_timeouts());
}

}  // namespace api
