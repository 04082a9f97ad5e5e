// Bounded memory by default, over the wire: the 1 GiB gzip bomb is a
// DecodingError read whole or streamed, streamed pieces are at most 64 KiB,
// read() stops at max_read_size, and a plain large download streams
// unlimited. Native only (the Fetch transport counts fetch's decoded bytes
// itself; the portable cases are in test_limits.cpp).
#include <cstdint>

#include "native_support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::size_t kPiece = 64 * 1024;

httpxx::ClientOptions patient() {
  httpxx::ClientOptions options;
  options.timeout = httpxx::Timeout(120s);  // the server builds the 1 GiB bomb on first use
  return options;
}

}  // namespace

TEST_CASE("with the defaults the 1 GiB gzip bomb is a DecodingError, read whole or streamed") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        const std::string message =
            co_await expect_error<httpxx::DecodingError>(client.get(http("/gzip-bomb?mb=1024")));
        CHECK(message.find("max_decoded_size") != std::string::npos);
        CHECK(message.find("33554432 bytes") != std::string::npos);
        CHECK(transport.pool_stats().open == 0);

        httpxx::RequestOptions streamed{.stream = true};
        auto r = co_await client.get(http("/gzip-bomb?mb=1024"), std::move(streamed));
        const Pulled pulled = co_await pull_stream(r);
        CHECK(pulled.error == "httpxx::DecodingError");
        CHECK(pulled.bytes <= httpxx::kDefaultMaxDecodedSize);
        // Less what the input slice that passed the limit decoded to.
        CHECK(pulled.bytes + 2 * kMiB >= httpxx::kDefaultMaxDecodedSize);
        CHECK(pulled.largest <= kPiece);
        co_await r.close();
        CHECK(transport.pool_stats().open == 0);
      },
      {}, patient());
}

TEST_CASE("max_decoded_size = 0 lifts the limit: the bomb streams to its end in bounded pieces") {
  httpxx::ClientOptions options = patient();
  options.max_decoded_size = 0;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions streamed{.stream = true};
        auto r = co_await client.get(http("/gzip-bomb?mb=256"), std::move(streamed));
        const Pulled pulled = co_await pull_stream(r);
        CHECK(pulled.error.empty());
        CHECK(pulled.bytes == 256 * kMiB);
        CHECK(pulled.largest <= kPiece);
      },
      options);
}

TEST_CASE("a plain 80 MiB download streams with the defaults; read() refuses it") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        const std::string url = http("/bytes/" + std::to_string(80 * kMiB));
        httpxx::RequestOptions streamed{.stream = true};
        auto r = co_await client.get(url, std::move(streamed));
        const Pulled pulled = co_await pull_stream(r);
        CHECK(pulled.bytes == 80 * kMiB);
        CHECK(pulled.pattern);

        const std::string message =
            co_await expect_error<httpxx::ResponseTooLarge>(client.get(url));
        CHECK(message.find("max_read_size") != std::string::npos);
        CHECK(message.find("67108864 bytes") != std::string::npos);
        // The connection whose body was left unread is dropped, never reused.
        CHECK(transport.pool_stats().open == 0);
      },
      {}, patient());
}

TEST_CASE("the blocking Client applies the same defaults") {
  httpxx::Client client(patient());
  CHECK_THROWS_AS(client.get(http("/gzip-bomb?mb=1024")), httpxx::DecodingError);
  CHECK_THROWS_AS(client.get(http("/bytes/" + std::to_string(80 * kMiB))),
                  httpxx::ResponseTooLarge);
  httpxx::RequestOptions streamed{.stream = true};
  auto r = client.get(http("/bytes/" + std::to_string(80 * kMiB)), std::move(streamed));
  std::uint64_t total = 0;
  for (const std::string& chunk : r.stream()) total += chunk.size();
  CHECK(total == 80 * kMiB);
}
