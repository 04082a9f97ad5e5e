// A streamed decoded body comes in pieces of at most 64 KiB however much one
// chunk from the transport inflates, and the default max_decoded_size stops
// a decompression bomb, buffered or streamed. Native builds only (real
// codecs).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "decoding/content_decoder.hpp"
#include "deflate_input.hpp"
#include "support.hpp"

using httpxx::detail::ContentDecoder;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;

// `mib` MiB of zeros, gzipped (about 1 KiB per MiB).
std::string gzipped_zeros(std::uint64_t mib) {
  const std::string zeros(kMiB, '\0');
  return httpxx_test::deflate_parts(httpxx_test::kGzipBits, {zeros}, mib);
}

httpxx::MockResponse gzip_response(std::vector<std::string> chunks) {
  httpxx::MockResponse r;
  r.headers = {{"Content-Encoding", "gzip"}};
  r.chunks = std::move(chunks);
  return r;
}

struct Streamed {
  std::uint64_t total = 0;
  std::size_t largest = 0;
  std::size_t pieces = 0;
  bool all_zero = true;
  bool decoding_error = false;
};

httpxx::Task<Streamed> stream_all(httpxx::AsyncClient& client) {
  httpxx::Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
  Streamed s;
  auto chunks = r.stream();
  try {
    while (auto chunk = co_await chunks.next()) {
      s.total += chunk->size();
      s.largest = std::max(s.largest, chunk->size());
      ++s.pieces;
      s.all_zero =
          s.all_zero && std::all_of(chunk->begin(), chunk->end(), [](char c) { return c == '\0'; });
    }
  } catch (const httpxx::DecodingError&) {
    s.decoding_error = true;
  }
  co_return s;
}

}  // namespace

TEST_CASE("one transport chunk inflating to 48 MiB is streamed in pieces of at most 64 KiB") {
  const std::string bomb = gzipped_zeros(48);
  auto client = httpxx_test::mock_client(
      [&](const httpxx::Request&) { return gzip_response({bomb}); }, {.max_decoded_size = 0});
  const Streamed s = httpxx_test::drive(stream_all(client));
  CHECK_FALSE(s.decoding_error);
  CHECK(s.total == 48 * kMiB);
  CHECK(s.largest <= ContentDecoder::kMaxPieceSize);
  CHECK(s.pieces >= 48 * kMiB / ContentDecoder::kMaxPieceSize);
  CHECK(s.all_zero);
}

TEST_CASE("decoded pieces keep their order across transport chunks of any size") {
  std::string text;
  for (int i = 0; text.size() < 300 * 1024; ++i) text += std::to_string(i) + ",";
  // Compressed with the helper's stream of zeros replaced: gzip the text.
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string gz(deflateBound(&z, text.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(text.data());
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(gz.data());
  z.avail_out = static_cast<uInt>(gz.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  gz.resize(gz.size() - z.avail_out);
  deflateEnd(&z);
  // One chunk, then 7-byte chunks, then the rest.
  std::vector<std::string> chunks{gz.substr(0, gz.size() / 2)};
  std::size_t at = gz.size() / 2;
  for (int i = 0; i < 20 && at < gz.size(); ++i, at += 7) chunks.push_back(gz.substr(at, 7));
  if (at < gz.size()) chunks.push_back(gz.substr(at));
  auto client =
      httpxx_test::mock_client([&](const httpxx::Request&) { return gzip_response(chunks); });
  auto joined = httpxx_test::drive([](httpxx::AsyncClient& c) -> httpxx::Task<std::string> {
    httpxx::Response r = co_await c.get("http://a.test/", httpxx_test::streamed());
    std::string all;
    auto pieces = r.stream();
    while (auto piece = co_await pieces.next()) {
      CHECK(piece->size() <= ContentDecoder::kMaxPieceSize);
      CHECK_FALSE(piece->empty());
      all += *piece;
    }
    co_return all;
  }(client));
  CHECK(joined == text);
  CHECK(httpxx_test::drive(client.get("http://a.test/")).content() == text);
}

TEST_CASE("with the defaults a gzip bomb is a DecodingError at 32 MiB, buffered or streamed") {
  const std::string bomb = gzipped_zeros(40);
  auto client =
      httpxx_test::mock_client([&](const httpxx::Request&) { return gzip_response({bomb}); });
  try {
    (void)httpxx_test::drive(client.get("http://a.test/"));
    FAIL("no DecodingError");
  } catch (const httpxx::DecodingError& e) {
    CHECK(std::string(e.what()).find("max_decoded_size") != std::string::npos);
    CHECK(std::string(e.what()).find("33554432 bytes") != std::string::npos);
  }
  const Streamed s = httpxx_test::drive(stream_all(client));
  CHECK(s.decoding_error);
  CHECK(s.total <= httpxx::kDefaultMaxDecodedSize);
  // What was decoded of the slice that passed the limit is not handed out.
  CHECK(s.total + 2 * kMiB >= httpxx::kDefaultMaxDecodedSize);
  CHECK(s.largest <= ContentDecoder::kMaxPieceSize);
}

TEST_CASE("the blocking Client has the same limits and escape hatches") {
  const std::string bomb = gzipped_zeros(40);
  auto handler = [&](const httpxx::Request& r) {
    if (r.url().path() == "/plain") {
      httpxx::MockResponse plain;
      plain.content = std::string(3000, 'p');
      return plain;
    }
    return gzip_response({bomb});
  };
  httpxx::ClientOptions defaults;
  defaults.transport =
      std::make_shared<httpxx::MockTransport>(httpxx::MockTransport::Handler(handler));
  httpxx::Client client(std::move(defaults));
  CHECK_THROWS_AS(client.get("http://a.test/bomb"), httpxx::DecodingError);

  CHECK(client.get("http://a.test/plain").content().size() == 3000);

  httpxx::ClientOptions lifted{.max_decoded_size = 0, .max_read_size = 0};
  lifted.transport =
      std::make_shared<httpxx::MockTransport>(httpxx::MockTransport::Handler(handler));
  httpxx::Client unlimited(std::move(lifted));
  CHECK(unlimited.get("http://a.test/bomb").content().size() == 40 * kMiB);

  httpxx::ClientOptions small{.max_read_size = 2000};
  small.transport =
      std::make_shared<httpxx::MockTransport>(httpxx::MockTransport::Handler(handler));
  httpxx::Client strict(std::move(small));
  CHECK_THROWS_AS(strict.get("http://a.test/plain"), httpxx::ResponseTooLarge);
}
