// The native codecs (gzip, deflate, br, zstd) against data compressed at
// test time by the same libraries. Native builds only.
#include <brotli/encode.h>
#include <doctest/doctest.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "decoding/content_decoder.hpp"
#include "deflate_input.hpp"
#include "support.hpp"

using httpxx::DecodingError;
using httpxx::detail::ContentDecoder;
using httpxx::detail::make_content_decoder;
using httpxx_test::deflate_parts;
using httpxx_test::kGzipBits;
using httpxx_test::kRawBits;
using httpxx_test::kZlibBits;

namespace {

std::string gzip(std::string_view data) { return deflate_parts(kGzipBits, {data}); }
std::string zlib(std::string_view data) { return deflate_parts(kZlibBits, {data}); }
std::string raw_deflate(std::string_view data) { return deflate_parts(kRawBits, {data}); }

std::string brotli(std::string_view data) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
  std::size_t size = out.size();
  REQUIRE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC,
                                data.size(), reinterpret_cast<const std::uint8_t*>(data.data()),
                                &size, reinterpret_cast<std::uint8_t*>(out.data())) == BROTLI_TRUE);
  out.resize(size);
  return out;
}

std::string zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  REQUIRE(ZSTD_isError(size) == 0);
  out.resize(size);
  return out;
}

// A zstd frame that declares a window of 2^window_log bytes (its size is
// left unknown, so the window is not shrunk to fit the content).
std::string zstd_with_window(std::string_view data, int window_log) {
  std::unique_ptr<ZSTD_CCtx, decltype(&ZSTD_freeCCtx)> cctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  REQUIRE(ZSTD_isError(ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_windowLog, window_log)) == 0);
  std::string out(ZSTD_compressBound(data.size()) + 64, '\0');
  ZSTD_outBuffer o{out.data(), out.size(), 0};
  ZSTD_inBuffer i{data.data(), data.size(), 0};
  REQUIRE(ZSTD_isError(ZSTD_compressStream2(cctx.get(), &o, &i, ZSTD_e_continue)) == 0);
  ZSTD_inBuffer none{nullptr, 0, 0};
  REQUIRE(ZSTD_compressStream2(cctx.get(), &o, &none, ZSTD_e_end) == 0);
  out.resize(o.pos);
  return out;
}

// 300 KiB of text-like data with every byte value in it: repetitive enough
// to compress, varied enough to need several 64 KiB output pieces.
const std::string& sample() {
  static const std::string data = [] {
    std::string s;
    std::uint32_t x = 12345;
    while (s.size() < 300 * 1024) {
      x = x * 1103515245 + 12345;
      s += "line " + std::to_string(x % 1000) + ": the quick brown fox ";
      s += static_cast<char>(x >> 24);
    }
    return s;
  }();
  return data;
}

struct Encoded {
  std::string header;
  std::string body;
};

// The sample in every encoding the native build decodes.
std::vector<Encoded> every_encoding(std::string_view data) {
  return {{"gzip", gzip(data)},           {"x-gzip", gzip(data)}, {"deflate", zlib(data)},
          {"deflate", raw_deflate(data)}, {"br", brotli(data)},   {"zstd", zstd(data)}};
}

// Decodes `body` fed in chunks of `chunk` bytes, then flushes.
std::string decode(std::string_view header, std::string_view body, std::size_t chunk = 1 << 20,
                   std::uint64_t limit = 0) {
  auto decoder = make_content_decoder(header, limit);
  REQUIRE(decoder != nullptr);
  std::string out;
  for (std::size_t at = 0; at < body.size(); at += chunk) {
    decoder->decode(body.substr(at, chunk), out);
  }
  decoder->flush(out);
  return out;
}

// 1 GiB of zeros, gzipped by streaming (never held in memory): about 1 MiB.
// Z_RLE compresses zeros as well as the default strategy, twice as fast.
const std::string& gzip_bomb() {
  static const std::string bomb = [] {
    const std::string zeros(1 << 20, '\0');
    return deflate_parts(kGzipBits, {zeros}, 1024, Z_RLE);
  }();
  return bomb;
}

}  // namespace

TEST_CASE("gzip, x-gzip, deflate (zlib and raw), br and zstd decode to the original") {
  for (const Encoded& e : every_encoding(sample())) {
    const std::string& header = e.header;
    const std::string& body = e.body;
    CAPTURE(header);
    CHECK(decode(header, body) == sample());
  }
}

TEST_CASE("gzip, deflate, br and zstd split into one-byte chunks decode to the original") {
  const std::string_view data = std::string_view(sample()).substr(0, 100 * 1024);
  for (const Encoded& e : every_encoding(data)) {
    const std::string& header = e.header;
    const std::string& body = e.body;
    CAPTURE(header);
    CHECK(decode(header, body, 1) == data);
  }
}

TEST_CASE("every encoding decodes the same however the body is split in two") {
  const std::string data = sample().substr(0, 3000);
  for (const Encoded& e : every_encoding(data)) {
    const std::string& header = e.header;
    const std::string& body = e.body;
    CAPTURE(header);
    for (std::size_t split = 0; split <= body.size(); ++split) {
      CAPTURE(split);
      auto decoder = make_content_decoder(header, 0);
      std::string out;
      decoder->decode(std::string_view(body).substr(0, split), out);
      decoder->decode(std::string_view(body).substr(split), out);
      decoder->flush(out);
      REQUIRE(out == data);
    }
  }
}

TEST_CASE("an empty body with a content encoding decodes to nothing") {
  for (const char* header : {"gzip", "deflate", "br", "zstd", "gzip, br"}) {
    CAPTURE(header);
    CHECK(decode(header, "") == "");
  }
}

TEST_CASE("an encoded empty stream decodes to nothing") {
  for (const Encoded& e : every_encoding("")) {
    const std::string& header = e.header;
    const std::string& body = e.body;
    CAPTURE(header);
    CHECK_FALSE(body.empty());
    CHECK(decode(header, body) == "");
    CHECK(decode(header, body, 1) == "");
  }
}

TEST_CASE("concatenated gzip members decode to their concatenation") {
  const std::string body = gzip("first, ") + gzip("") + gzip("second, ") + gzip(sample());
  const std::string expected = "first, second, " + sample();
  CHECK(decode("gzip", body) == expected);
  CHECK(decode("gzip", body, 1) == expected);
}

TEST_CASE("bytes after the last gzip member that do not start a member are ignored") {
  CHECK(decode("gzip", gzip("hello") + "trailing garbage") == "hello");
  CHECK(decode("gzip", gzip("hello") + std::string(10, '\0'), 1) == "hello");
  CHECK(decode("gzip", gzip("hello") + "\x1f") == "hello");
}

TEST_CASE("a corrupt gzip member after a good one is a DecodingError") {
  const std::string body = gzip("hello") + "\x1f\x8b\x08\x00 not deflate at all, not at all";
  CHECK_THROWS_AS(decode("gzip", body), DecodingError);
}

TEST_CASE("a truncated gzip member after a good one is a DecodingError at flush") {
  const std::string second = gzip("world");
  CHECK_THROWS_WITH_AS(decode("gzip", gzip("hello") + second.substr(0, 12)),
                       doctest::Contains("truncated gzip"), DecodingError);
}

TEST_CASE("bytes after the end of a deflate stream are ignored") {
  CHECK(decode("deflate", zlib("hello") + "junk") == "hello");
  CHECK(decode("deflate", raw_deflate("hello") + "junk", 1) == "hello");
}

TEST_CASE("zstd with several frames decodes to their concatenation") {
  const std::string body = zstd("first, ") + zstd("") + zstd(sample());
  CHECK(decode("zstd", body) == "first, " + sample());
  CHECK(decode("zstd", body, 7) == "first, " + sample());
}

TEST_CASE("zstd output that ends a frame exactly at the end of a 64 KiB piece decodes") {
  // The decoder's output buffer is one piece: the frame ends as it fills.
  const std::string one(ContentDecoder::kMaxPieceSize, 'a');
  const std::string two = sample().substr(0, 2 * ContentDecoder::kMaxPieceSize);
  CHECK(decode("zstd", zstd(one)) == one);
  CHECK(decode("zstd", zstd(two)) == two);
  CHECK(decode("zstd", zstd(one) + zstd("next"), 5) == one + "next");
}

TEST_CASE("zstd skippable frames are skipped, however the body is split") {
  // Magic 0x184D2A50 (little-endian), a 4-byte length, then that many bytes.
  const std::string skippable(
      "\x50\x2a\x4d\x18\x03\x00\x00\x00"
      "abc",
      11);
  const std::string body = skippable + zstd("after") + skippable;
  CHECK(decode("zstd", body) == "after");
  CHECK(decode("zstd", body, 1) == "after");
  CHECK(decode("zstd", body, 3) == "after");
}

TEST_CASE("a legacy (pre-1.0) zstd frame is refused, whole or split (found by fuzz_decoders)") {
  // A v0.6 frame header (magic 0xFD2FB526): the library decoded it when the
  // magic came in one buffer and failed otherwise.
  const std::string legacy("\x26\xb5\x2f\xfd\x40\x01\x00\x00\x00", 9);
  for (std::size_t split : {std::size_t{1} << 20, std::size_t{1}, std::size_t{2}}) {
    try {
      (void)decode("zstd", legacy, split);
      FAIL("decoded a legacy frame, split " << split);
    } catch (const DecodingError& e) {
      CHECK(std::string(e.what()).find("legacy") != std::string::npos);
    }
  }
  CHECK_THROWS_AS(decode("zstd", zstd("ok") + legacy), DecodingError);
  // A few bytes of a next frame's magic are a truncated body.
  CHECK_THROWS_AS(decode("zstd", zstd("ok") + std::string("\x28\xb5", 2)), DecodingError);
}

TEST_CASE("a zstd frame cut after its header decodes the same as whole (found by fuzz_decoders)") {
  // A frame whose header is followed by bytes that look like a whole
  // skippable frame: libzstd's single-pass shortcut took them for one when
  // the header had come in an earlier buffer. Both ways it is cut short.
  const std::string skippable(
      "\x50\x2a\x4d\x18\x02\x00\x00\x00"
      "\x01\x02",
      10);
  const std::string body = skippable + std::string("\x28\xb5\x2f\xfd", 4) + skippable.substr(0, 8) +
                           std::string("\xff\xff", 2);
  for (std::size_t split :
       {std::size_t{1} << 20, std::size_t{1}, std::size_t{4}, std::size_t{14}}) {
    CHECK_THROWS_AS(decode("zstd", body, split), DecodingError);
  }
  // A valid frame cut at every point of its header decodes.
  const std::string frame = zstd(sample().substr(0, 1000));
  for (std::size_t cut = 1; cut < 20; ++cut) {
    const std::string joined = decode("zstd", frame.substr(0, cut) + frame.substr(cut), cut);
    CHECK(joined == sample().substr(0, 1000));
  }
}

TEST_CASE(
    "a zstd frame shorter than its declared content size is refused (found by fuzz_decoders)") {
  // A frame declaring 589 bytes (2-byte content size 0x014D + 256) whose only
  // block is an empty, last, raw block. libzstd's streaming decoder does not
  // compare an empty last block's total with the declared size; `zstd -d`
  // (single pass) says "Data corruption detected". Here after a skippable
  // frame, and alone; the window descriptor varies as the fuzzer's two finds.
  const std::string skippable("\x50\x2a\x4d\x18\x02\x00\x00\x00\x01\x02", 10);
  for (const char window : {'\x28', '\x2a'}) {
    std::string frame("\x28\xb5\x2f\xfd\x50", 5);
    frame += window;
    frame += std::string("\x4d\x01\x01\x00\x00", 5);
    for (const std::string& body : {skippable + frame, frame, zstd("ok") + frame}) {
      for (std::size_t split : {std::size_t{1} << 20, std::size_t{1}, std::size_t{3}}) {
        CAPTURE(split);
        try {
          (void)decode("zstd", body, split);
          FAIL("decoded a frame shorter than declared, split " << split);
        } catch (const DecodingError& e) {
          CHECK(std::string(e.what()).find("content size") != std::string::npos);
        }
      }
    }
  }
  // A single-segment frame with a 1-byte content size and one raw block of
  // "abcd": declaring 4 decodes, declaring 3 or 5 is refused.
  const auto raw_frame = [](char declared) {
    return std::string("\x28\xb5\x2f\xfd\x20", 5) + declared +
           std::string(
               "\x21\x00\x00"
               "abcd",
               7);
  };
  for (std::size_t split : {std::size_t{1} << 20, std::size_t{1}, std::size_t{7}}) {
    CHECK(decode("zstd", raw_frame('\x04'), split) == "abcd");
    CHECK_THROWS_AS(decode("zstd", raw_frame('\x03'), split), DecodingError);
    CHECK_THROWS_AS(decode("zstd", raw_frame('\x05'), split), DecodingError);
  }
}

TEST_CASE("zstd frames needing a window up to 8 MiB are accepted, larger ones refused") {
  const std::string_view data = std::string_view(sample()).substr(0, 4096);
  CHECK(decode("zstd", zstd_with_window(data, 23)) == data);
  CHECK_THROWS_AS(decode("zstd", zstd_with_window(data, 24)), DecodingError);
}

TEST_CASE("data after the end of a br stream is a DecodingError") {
  CHECK_THROWS_WITH_AS(decode("br", brotli("hello") + "x"),
                       doctest::Contains("after the end of the stream"), DecodingError);
  CHECK_THROWS_AS(decode("br", brotli("hello") + "x", 1), DecodingError);
}

TEST_CASE("chained gzip, br is undone in reverse order") {
  // "gzip, br": gzip was applied first, so br is undone first.
  const std::string body = brotli(gzip(sample()));
  CHECK(decode("gzip, br", body) == sample());
  CHECK(decode("gzip, br", body, 1) == sample());
}

TEST_CASE("corrupt data is a DecodingError naming the encoding and the library's reason") {
  std::string bad_crc = gzip(sample());
  bad_crc[bad_crc.size() - 6] ^= 0x55;
  CHECK_THROWS_WITH_AS(decode("gzip", bad_crc), "invalid gzip data: incorrect data check",
                       DecodingError);
  CHECK_THROWS_WITH_AS(decode("gzip", "this is not gzip"),
                       "invalid gzip data: incorrect header check", DecodingError);
  std::string bad_adler = zlib(sample());
  bad_adler.back() ^= 0x01;
  CHECK_THROWS_WITH_AS(decode("deflate", bad_adler), "invalid deflate data: incorrect data check",
                       DecodingError);
  // Not a zlib header, so read as raw deflate: block type 3 does not exist.
  CHECK_THROWS_WITH_AS(decode("deflate", "\xff\xff\xff\xff"),
                       "invalid deflate data: invalid block type", DecodingError);
  CHECK_THROWS_WITH_AS(decode("br", "\xff\xff\xff\xff\xff\xff\xff\xff"),
                       doctest::Contains("invalid br data: "), DecodingError);
  CHECK_THROWS_WITH_AS(decode("zstd", "this is not zstd"),
                       doctest::Contains("invalid zstd data: Unknown frame descriptor"),
                       DecodingError);
}

TEST_CASE("deflate that needs a preset dictionary is a DecodingError") {
  z_stream z{};
  REQUIRE(deflateInit(&z, 6) == Z_OK);
  const std::string dictionary = "hello world";
  deflateSetDictionary(&z, reinterpret_cast<const Bytef*>(dictionary.data()),
                       static_cast<uInt>(dictionary.size()));
  std::string out(256, '\0');
  std::string in = "hello world hello world";
  z.next_in = reinterpret_cast<Bytef*>(in.data());
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  CHECK_THROWS_WITH_AS(decode("deflate", out), doctest::Contains("preset dictionary"),
                       DecodingError);
}

TEST_CASE("a truncated body is a DecodingError at flush, not before") {
  for (const Encoded& e : every_encoding(sample())) {
    const std::string& header = e.header;
    const std::string& body = e.body;
    CAPTURE(header);
    for (std::size_t keep : {std::size_t{1}, body.size() / 2, body.size() - 1}) {
      CAPTURE(keep);
      auto decoder = make_content_decoder(header, 0);
      std::string out;
      CHECK_NOTHROW(decoder->decode(std::string_view(body).substr(0, keep), out));
      CHECK_THROWS_WITH_AS(decoder->flush(out), doctest::Contains("truncated"), DecodingError);
    }
  }
}

TEST_CASE("the size limit stops a gzip bomb of 1 GiB of zeros early, holding little memory") {
  const std::string& bomb = gzip_bomb();
  CHECK(bomb.size() < (2u << 20));
  constexpr std::uint64_t kLimit = 10 << 20;
  auto decoder = make_content_decoder("gzip", kLimit);
  std::string out;
  std::size_t fed = 0;
  try {
    for (; fed < bomb.size(); fed += 16 * 1024) {
      decoder->decode(std::string_view(bomb).substr(fed, 16 * 1024), out);
    }
    FAIL("the bomb was not stopped");
  } catch (const DecodingError& e) {
    CHECK(std::string(e.what()).find("max_decoded_size") != std::string::npos);
  }
  CHECK(out.size() <= kLimit);
  // deflate expands at most about 1032:1, so 10 MiB needs about 10 KiB.
  CHECK(fed < 64 * 1024);
}

TEST_CASE("the size limit stops a gzip bomb given in one piece") {
  constexpr std::uint64_t kLimit = 1 << 20;
  auto decoder = make_content_decoder("gzip", kLimit);
  std::size_t received = 0;
  std::size_t largest = 0;
  auto count = [&](std::string_view piece) {
    received += piece.size();
    largest = std::max(largest, piece.size());
  };
  CHECK_THROWS_AS(decoder->decode(gzip_bomb(), count), DecodingError);
  CHECK(received == kLimit);
  CHECK(largest <= ContentDecoder::kMaxPieceSize);
}

TEST_CASE("the size limit stops a doubly gzipped bomb given in one piece") {
  // gzip(gzip(1 GiB of zeros)) is a few KiB: one small decode call could
  // otherwise make gigabytes.
  const std::string body = gzip(gzip_bomb());
  CHECK(body.size() < 64 * 1024);
  constexpr std::uint64_t kLimit = 1 << 20;
  auto decoder = make_content_decoder("gzip, gzip", kLimit);
  std::string out;
  CHECK_THROWS_AS(decoder->decode(body, out), DecodingError);
  CHECK(out.size() <= kLimit);
}

TEST_CASE("a gzip response is decoded when read through the client") {
  const std::string body = gzip(sample());
  auto client = httpxx_test::mock_client([&](const httpxx::Request&) {
    httpxx::MockResponse r;
    r.headers = {{"Content-Encoding", "gzip"}};
    r.chunks = {body.substr(0, 1000), body.substr(1000)};
    return r;
  });
  httpxx::Response r = httpxx_test::drive(client.get("http://a.test/"));
  CHECK(r.content() == sample());
}

TEST_CASE("Content-Encoding split over two field lines is undone in full by the client") {
  const std::string body = brotli(gzip(sample()));
  auto client = httpxx_test::mock_client([&](const httpxx::Request&) {
    httpxx::MockResponse r;
    r.headers = {{"Content-Encoding", "gzip"}, {"Content-Encoding", "br"}};
    r.content = body;
    return r;
  });
  httpxx::Response r = httpxx_test::drive(client.get("http://a.test/"));
  CHECK(r.content() == sample());
}

TEST_CASE("max_decoded_size stops a gzip bomb read through the client") {
  auto client = httpxx_test::mock_client(
      [&](const httpxx::Request&) {
        httpxx::MockResponse r;
        r.headers = {{"Content-Encoding", "gzip"}};
        r.content = gzip_bomb();
        return r;
      },
      {.max_decoded_size = 1 << 20});
  CHECK_THROWS_AS(httpxx_test::drive(client.get("http://a.test/")), DecodingError);
}
