// The size limits over the wire, on every runtime: the default
// max_decoded_size stops a gzip bomb read whole or streamed, max_read_size
// refuses a body read whole but never a stream. Portable: natively lib/
// decodes and counts; on wasm fetch decodes and the Fetch transport counts
// (see docs/platforms.md). The 1 GiB bomb and the 64 MiB default of
// max_read_size, and the blocking Client (native only), are exercised in
// test_native_body_limits.cpp.
#include <cstdint>

#include "support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;

}  // namespace

TEST_CASE("the default max_decoded_size stops a 64 MiB gzip bomb, read whole or streamed") {
  with_client([](AsyncClient& client) -> Task<void> {
    const std::string url = http("/gzip-bomb?mb=64");
    const std::string message = co_await expect_error<httpxx::DecodingError>(client.get(url));
    CHECK(message.find("max_decoded_size") != std::string::npos);
    CHECK(message.find(std::to_string(httpxx::kDefaultMaxDecodedSize)) != std::string::npos);

    httpxx::RequestOptions streamed{.stream = true};
    auto r = co_await client.get(url, std::move(streamed));
    const Pulled pulled = co_await pull_stream(r);
    CHECK(pulled.error == "httpxx::DecodingError");
    CHECK(pulled.bytes <= httpxx::kDefaultMaxDecodedSize);
    CHECK(pulled.bytes + 2 * kMiB >= httpxx::kDefaultMaxDecodedSize);
    CHECK(pulled.largest <= 64 * 1024);
    // The client goes on.
    CHECK((co_await client.get(http("/get"))).status_code() == 200);
  });
}

TEST_CASE("max_read_size refuses a larger body read whole, and never limits a stream") {
  httpxx::ClientOptions options;
  options.max_read_size = 100000;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto fits = co_await client.get(http("/bytes/100000"));
        CHECK(fits.content().size() == 100000);
        const std::string message =
            co_await expect_error<httpxx::ResponseTooLarge>(client.get(http("/bytes/100001")));
        CHECK(message.find("max_read_size") != std::string::npos);
        CHECK(message.find("100000 bytes") != std::string::npos);
        // Chunked, with no length to refuse it by: stopped as it arrives.
        (void)co_await expect_error<httpxx::ResponseTooLarge>(
            client.get(http("/stream-bytes/300000")));

        httpxx::RequestOptions streamed{.stream = true};
        auto r = co_await client.get(http("/bytes/300000"), std::move(streamed));
        const Pulled pulled = co_await pull_stream(r);
        CHECK(pulled.error.empty());
        CHECK(pulled.bytes == 300000);
        // read() of a streamed response buffers: the limit holds for it too.
        httpxx::RequestOptions later{.stream = true};
        auto unread = co_await client.get(http("/bytes/300000"), std::move(later));
        (void)co_await expect_error<httpxx::ResponseTooLarge>(unread.read());
        CHECK((co_await client.get(http("/get"))).status_code() == 200);
      },
      options);
}

TEST_CASE("0 lifts both limits") {
  httpxx::ClientOptions options;
  options.max_read_size = 0;
  options.max_decoded_size = 0;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(http("/gzip-bomb?mb=40"));
        CHECK(r.content().size() == 40 * kMiB);
      },
      options);
}
