// A server that answers an upload before reading it (413) and closes while
// the client is still sending: as with httpcore, the write error is put
// aside and the answer returned; only when no answer came is the write
// error raised. Raw cases `early_*` of tests/server/raw_cases.mjs, over
// plain TCP and TLS. Native only.
#include <memory>

#include "raw_checks.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

// Far more than the socket buffers on both sides hold, so the upload is
// still going when the server gives up on it.
constexpr std::size_t kUploadBytes = 32 * 1024 * 1024;
constexpr int kStreamPieces = 256;  // of 1 MiB

Task<std::optional<std::string>> next_piece(std::shared_ptr<int> produced) {
  if (*produced >= kStreamPieces) co_return std::nullopt;
  ++*produced;
  co_return std::string(1024 * 1024, 's');
}

// A chunked upload of up to 256 MiB; `produced` counts the pieces taken.
httpxx::RequestOptions streamed_upload(const std::shared_ptr<int>& produced) {
  httpxx::RequestOptions options;
  options.content_stream = httpxx::ByteSource([produced] { return next_piece(produced); });
  return options;
}

void over_both(const std::function<void(Over)>& check) {
  for (Over over : {Over::tcp, Over::tls}) {
    CAPTURE(over == Over::tls ? "TLS" : "TCP");
    check(over);
  }
}

}  // namespace

TEST_CASE("a 413 sent during a Content-Length upload is returned, not the write error") {
  over_both([](Over over) {
    with_transport(
        [over](AsyncClient& client, NativeTransport& transport) -> Task<void> {
          httpxx::RequestOptions upload{.content = std::string(kUploadBytes, 'c')};
          auto r = co_await client.post(raw_case_over(over, "early_413_during_upload"),
                                        std::move(upload));
          CHECK(r.status_code() == 413);
          CHECK(r.reason_phrase() == "Content Too Large");
          CHECK(r.text() == "upload refused\n");
          co_await check_dropped_and_recovers(client, transport, over);
        },
        options_over(over), short_timeouts());
  });
}

TEST_CASE("a 413 sent during a chunked streaming upload is returned, not the write error") {
  over_both([](Over over) {
    with_transport(
        [over](AsyncClient& client, NativeTransport& transport) -> Task<void> {
          auto produced = std::make_shared<int>(0);
          httpxx::RequestOptions upload = streamed_upload(produced);
          auto r = co_await client.post(raw_case_over(over, "early_413_during_upload"),
                                        std::move(upload));
          CHECK(r.request().headers().get("Transfer-Encoding") == "chunked");
          CHECK(r.status_code() == 413);
          CHECK(r.text() == "upload refused\n");
          // The answer came while the body was still being produced.
          CHECK(*produced < kStreamPieces);
          co_await check_dropped_and_recovers(client, transport, over);
        },
        options_over(over), short_timeouts());
  });
}

TEST_CASE("a reset during a Content-Length upload without an answer raises WriteError") {
  over_both([](Over over) {
    with_transport(
        [over](AsyncClient& client, NativeTransport& transport) -> Task<void> {
          httpxx::RequestOptions upload{.content = std::string(kUploadBytes, 'c')};
          std::string message = co_await expect_error<httpxx::WriteError>(
              client.post(raw_case_over(over, "early_reset_during_upload"), std::move(upload)));
          CHECK(message.find("cannot send the request") != std::string::npos);
          co_await check_dropped_and_recovers(client, transport, over);
        },
        options_over(over), short_timeouts());
  });
}

TEST_CASE("a reset during a chunked streaming upload without an answer raises WriteError") {
  over_both([](Over over) {
    with_transport(
        [over](AsyncClient& client, NativeTransport& transport) -> Task<void> {
          auto produced = std::make_shared<int>(0);
          httpxx::RequestOptions upload = streamed_upload(produced);
          (void)co_await expect_error<httpxx::WriteError>(
              client.post(raw_case_over(over, "early_reset_during_upload"), std::move(upload)));
          CHECK(*produced < kStreamPieces);
          co_await check_dropped_and_recovers(client, transport, over);
        },
        options_over(over), short_timeouts());
  });
}

TEST_CASE("an idempotent upload refused early is answered once, not sent again") {
  // PUT may be retried on a new connection when a reused one fails before
  // any answer; an early answer is an answer, so it is returned at once.
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto warm = co_await client.get(raw_case("ok_content_length"));
        CHECK(transport.pool_stats().idle == 1);
        httpxx::RequestOptions upload{.content = std::string(kUploadBytes, 'p')};
        auto r = co_await client.put(raw_case("early_413_during_upload"), std::move(upload));
        CHECK(r.status_code() == 413);
        const auto stats = transport.pool_stats();
        CHECK(stats.reused == 1);
        CHECK(stats.tickets == 1);
        CHECK(stats.open == 0);
      },
      {}, short_timeouts());
}
