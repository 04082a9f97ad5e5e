// The content-decoding chain: header parsing, order, flush and the size
// limit. Platform-neutral (the wasm build has no codecs), so the chain is
// driven with fake codecs; the real codecs are in test_codecs_native.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <httpxx/errors.hpp>
#include <memory>
#include <string>
#include <vector>

#include "decoding/content_decoder.hpp"
#include "platform.hpp"

using httpxx::DecodingError;
using httpxx::detail::accepted_encodings;
using httpxx::detail::ContentDecoder;
using httpxx::detail::make_codec;
using httpxx::detail::make_content_decoder;

namespace {

constexpr std::size_t kPiece = ContentDecoder::kMaxPieceSize;

// Passes its input on with its own name appended to each piece, which shows
// the order the stages ran in.
class SuffixCodec final : public ContentDecoder {
 public:
  explicit SuffixCodec(std::string name) : name_(std::move(name)) {}

 private:
  void do_decode(std::string_view input, const Sink& sink) override {
    if (!input.empty()) sink(std::string(input) + name_);
  }
  void do_flush(const Sink&) override {}
  std::string name_;
};

// Holds everything back until flush, as a codec does whose last block ends
// the stream.
class HoldCodec final : public ContentDecoder {
  void do_decode(std::string_view input, const Sink&) override { held_.append(input); }
  void do_flush(const Sink& sink) override {
    if (!held_.empty()) sink(held_);
  }
  std::string held_;
};

// A decompression bomb: every input byte becomes 1 GiB of that byte, in
// pieces of the largest allowed size. Counts the pieces it makes.
class BombCodec final : public ContentDecoder {
 public:
  explicit BombCodec(std::size_t* pieces) : pieces_(pieces) {}

 private:
  void do_decode(std::string_view input, const Sink& sink) override {
    for (char c : input) {
      const std::string piece(kPiece, c);
      for (std::size_t i = 0; i < (std::size_t{1} << 30) / kPiece; ++i) {
        ++*pieces_;
        sink(piece);
      }
    }
  }
  void do_flush(const Sink&) override {}
  std::size_t* pieces_;
};

// "hold" and "bomb" are special; any other name made of letters "a" to "e"
// is a SuffixCodec; everything else is unknown.
struct FakeCodecs {
  std::size_t bomb_pieces = 0;
  std::vector<std::string> asked;

  std::unique_ptr<ContentDecoder> operator()(std::string_view name) {
    asked.emplace_back(name);
    if (name == "hold") return std::make_unique<HoldCodec>();
    if (name == "bomb") return std::make_unique<BombCodec>(&bomb_pieces);
    if (name.size() == 1 && name[0] >= 'a' && name[0] <= 'e') {
      return std::make_unique<SuffixCodec>(std::string(name));
    }
    return nullptr;
  }
};

std::unique_ptr<ContentDecoder> fake_decoder(FakeCodecs& codecs, std::string_view header,
                                             std::uint64_t limit = 0) {
  return make_content_decoder(header, limit,
                              [&codecs](std::string_view name) { return codecs(name); });
}

}  // namespace

TEST_CASE("identity and an empty header need no decoder") {
  CHECK(make_content_decoder("identity", 0) == nullptr);
  CHECK(make_content_decoder(" IDENTITY ", 1000) == nullptr);
  CHECK(make_content_decoder("", 0) == nullptr);
  CHECK(make_content_decoder(" , ,", 0) == nullptr);
}

TEST_CASE("unknown content codings are passed over") {
  CHECK(make_content_decoder("compress", 0) == nullptr);
  CHECK(make_content_decoder("x-unknown, identity", 0) == nullptr);
  FakeCodecs codecs;
  auto decoder = fake_decoder(codecs, "unknown, a, identity, other");
  REQUIRE(decoder != nullptr);
  std::string out;
  decoder->decode("x", out);
  decoder->flush(out);
  CHECK(out == "xa");
}

TEST_CASE("more than five content codings are refused with DecodingError") {
  CHECK_THROWS_AS(make_content_decoder("gzip, gzip, gzip, gzip, gzip, gzip", 0), DecodingError);
  CHECK_THROWS_AS(make_content_decoder("a,b,c,d,e,f", 0), DecodingError);
  FakeCodecs codecs;
  CHECK_NOTHROW(fake_decoder(codecs, "a, b, c, d, e"));
  // identity is not a coding to undo, so it does not count.
  CHECK_NOTHROW(fake_decoder(codecs, "identity, a, b, identity, c, d, e, identity"));
}

TEST_CASE("names are matched in lower case without surrounding spaces") {
  FakeCodecs codecs;
  auto decoder = fake_decoder(codecs, " A ,\tB\t");
  CHECK(codecs.asked == std::vector<std::string>{"b", "a"});
  REQUIRE(decoder != nullptr);
}

TEST_CASE("codings are undone in the reverse of the order they are listed") {
  FakeCodecs codecs;
  auto decoder = fake_decoder(codecs, "a, b, c");
  std::string out;
  decoder->decode("x", out);
  decoder->flush(out);
  CHECK(out == "xcba");
}

TEST_CASE("decoded output is appended to what the string already holds") {
  FakeCodecs codecs;
  auto decoder = fake_decoder(codecs, "a", 100);
  std::string out = "kept:";
  decoder->decode("x", out);
  decoder->decode("", out);
  decoder->flush(out);
  CHECK(out == "kept:xa");
}

TEST_CASE("what a stage releases at flush still goes through the later stages") {
  FakeCodecs codecs;
  auto decoder = fake_decoder(codecs, "a, hold, b, hold");
  std::string out;
  decoder->decode("12", out);
  decoder->decode("34", out);
  CHECK(out.empty());
  decoder->flush(out);
  CHECK(out == "1234ba");
}

TEST_CASE("a decoded body of exactly the limit is accepted") {
  FakeCodecs codecs;
  auto decoder = fake_decoder(codecs, "hold", 4);
  std::string out;
  decoder->decode("1234", out);
  decoder->flush(out);
  CHECK(out == "1234");
}

TEST_CASE("the size limit counts what flush releases") {
  FakeCodecs codecs;
  auto decoder = fake_decoder(codecs, "hold", 3);
  std::string out;
  decoder->decode("1234", out);
  CHECK_THROWS_AS(decoder->flush(out), DecodingError);
  CHECK(out.empty());
}

TEST_CASE("the size limit stops a bomb within one decode call") {
  FakeCodecs codecs;
  constexpr std::uint64_t kLimit = 1 << 20;
  auto decoder = fake_decoder(codecs, "bomb", kLimit);
  std::string out;
  CHECK_THROWS_WITH_AS(decoder->decode("z", out),
                       doctest::Contains("exceeds the limit of 1048576 bytes"), DecodingError);
  CHECK(out.size() == kLimit);
  // The bomb was stopped at the first piece past the limit, not after its GiB.
  CHECK(codecs.bomb_pieces == kLimit / kPiece + 1);
}

TEST_CASE("the size limit stops a chain whose stages multiply each other's output") {
  FakeCodecs codecs;
  constexpr std::uint64_t kLimit = 1 << 20;
  // One byte → 1 GiB → 1 GiB per byte of that: 2^60 bytes if nothing stopped it.
  auto decoder = fake_decoder(codecs, "bomb, bomb", kLimit);
  std::size_t pieces = 0;
  std::size_t largest = 0;
  auto count = [&](std::string_view piece) {
    ++pieces;
    largest = std::max(largest, piece.size());
  };
  CHECK_THROWS_AS(decoder->decode("z", count), DecodingError);
  CHECK(pieces == kLimit / kPiece);
  CHECK(largest == kPiece);
  CHECK(codecs.bomb_pieces == 1 + kLimit / kPiece + 1);
}

TEST_CASE("a decoder that failed refuses further use") {
  FakeCodecs codecs;
  auto decoder = fake_decoder(codecs, "a", 2);
  std::string out;
  CHECK_THROWS_AS(decoder->decode("xyz", out), DecodingError);
  CHECK_THROWS_WITH_AS(decoder->decode("x", out), doctest::Contains("failed earlier"),
                       DecodingError);
  CHECK_THROWS_AS(decoder->flush(out), DecodingError);
}

TEST_CASE("an exception from the sink passes through and spends the decoder") {
  FakeCodecs codecs;
  auto decoder = fake_decoder(codecs, "a, b");
  struct Stop {};
  CHECK_THROWS_AS(decoder->decode("x", [](std::string_view) { throw Stop{}; }), Stop);
  std::string out;
  CHECK_THROWS_AS(decoder->decode("x", out), DecodingError);
}

TEST_CASE("every advertised encoding has a codec in this build") {
  std::string_view list = accepted_encodings();
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    CAPTURE(name);
    CHECK(make_codec(name) != nullptr);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
  }
  CHECK(make_codec("identity") == nullptr);
  CHECK(make_codec("compress") == nullptr);
}
