// Fuzzes content decoding (lib/src/decoding: gzip, deflate, br, zstd, their
// chains and the max_decoded_size limit).
//
// Input: byte 0 picks the Content-Encoding value, byte 1 the size limit,
// byte 2 how the body is cut into pieces (see chunker.hpp), then the body.
//
// Each input is decoded twice: in the chosen pieces, and in one piece.
// Checked: the only error is `DecodingError`; a decoder that failed refuses
// to go on; output comes in non-empty pieces of at most kMaxPieceSize; the
// limit is never exceeded; and how the body was cut changes nothing: both
// runs succeed or both fail, and when they succeed their output is equal.
// For br and zstd alone, the result must also be the one-piece reference
// decoder's (reference_decoders.hpp), limit included.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "chunker.hpp"
#include "decoding/content_decoder.hpp"
#include "fuzz_check.hpp"
#include "httpxx/errors.hpp"
#include "reference_decoders.hpp"

namespace {

using httpxx::DecodingError;
using httpxx::detail::ContentDecoder;
using httpxx_fuzz::Chunker;

constexpr std::string_view kEncodings[] = {
    "gzip",          "x-gzip",     "deflate",         "br",
    "zstd",          "identity",   "GZip , identity", "gzip, gzip",
    "deflate, gzip", "br, gzip",   "zstd, br",        "gzip, deflate, br, zstd",
    "deflate, br",   "zstd, zstd", "compress, gzip",  "gzip, gzip, gzip, gzip, gzip, gzip",
};

// 0 is "no limit": the sink then stops at kCap itself, so that a bomb
// without a limit cannot exhaust memory.
constexpr std::uint64_t kLimits[] = {0, 1, 100, 4096, 65536, 65537, 1 << 20, 8 << 20};
constexpr std::uint64_t kCap = 16 << 20;

struct CapReached {};

struct Outcome {
  bool ok = false;
  bool capped = false;
  std::string output;
};

Outcome decode(std::string_view encoding, std::uint64_t limit, std::string_view body,
               std::uint8_t cut) {
  Outcome out;
  std::unique_ptr<ContentDecoder> decoder = httpxx::detail::make_content_decoder(encoding, limit);
  FUZZ_CHECK(decoder != nullptr);
  const ContentDecoder::Sink sink = [&](std::string_view piece) {
    FUZZ_CHECK(!piece.empty());
    FUZZ_CHECK(piece.size() <= ContentDecoder::kMaxPieceSize);
    out.output.append(piece);
    if (limit != 0) FUZZ_CHECK(out.output.size() <= limit);
    if (out.output.size() > kCap) throw CapReached{};
  };
  Chunker pieces(body, cut);
  try {
    while (!pieces.done()) decoder->decode(pieces.next(), sink);
    decoder->flush(sink);
    out.ok = true;
  } catch (const DecodingError&) {
    // A failed decoder is spent: it must not go on with a broken state.
    bool refused = false;
    try {
      decoder->decode("\x1f\x8b", sink);
    } catch (const DecodingError&) {
      refused = true;
    }
    FUZZ_CHECK(refused);
  } catch (const CapReached&) {
    out.capped = true;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::string_view encoding = kEncodings[data[0] % std::size(kEncodings)];
  const std::uint64_t limit = kLimits[data[1] % std::size(kLimits)];
  const std::string_view body(reinterpret_cast<const char*>(data + 3), size - 3);

  if (encoding == "identity") {
    FUZZ_CHECK(httpxx::detail::make_content_decoder(encoding, limit) == nullptr);
    return 0;
  }
  if (encoding.starts_with("gzip, gzip, gzip")) {
    bool refused = false;
    try {
      (void)httpxx::detail::make_content_decoder(encoding, limit);
    } catch (const DecodingError&) {
      refused = true;  // more than 5 encodings
    }
    FUZZ_CHECK(refused);
    return 0;
  }
  const Outcome split = decode(encoding, limit, body, data[2]);
  const Outcome whole = decode(encoding, limit, body, 0);
  if (split.capped || whole.capped) return 0;
  FUZZ_CHECK(split.ok == whole.ok);
  if (split.ok) FUZZ_CHECK(split.output == whole.output);

  if (encoding == "br" || encoding == "zstd") {
    bool too_large = false;
    const std::optional<std::string> expected =
        encoding == "br" ? httpxx_fuzz::reference_br(body, kCap + 1, &too_large)
                         : httpxx_fuzz::reference_zstd(body, kCap + 1, &too_large);
    if (too_large) return 0;
    const bool within_limit = expected && (limit == 0 || expected->size() <= limit);
    FUZZ_CHECK(whole.ok == within_limit);
    if (whole.ok) FUZZ_CHECK(whole.output == *expected);
  }
  return 0;
}
