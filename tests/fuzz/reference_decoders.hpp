#pragma once
// One-piece reference decoders for br and zstd, written straight on the
// libraries' streaming APIs with one output buffer larger than anything the
// fuzzer can inflate to, so that none of httpxx's piece-by-piece logic is
// involved. They follow the rules httpxx documents: br refuses bytes after
// the end of the stream; zstd reads any number of frames, needs every frame
// complete and refuses windows above 8 MiB (RFC 9659).

#include <brotli/decode.h>
#include <zstd.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace httpxx_fuzz {

/// The reference decoders' output buffer: allocated once (its size is
/// larger than anything the fuzz targets let a decoder produce).
inline char* reference_buffer(std::size_t capacity) {
  static std::unique_ptr<char[]> buffer = std::make_unique_for_overwrite<char[]>(capacity);
  return buffer.get();
}

/// nullopt if the data is not valid, or if its output would not fit in
/// `capacity` bytes (then `*too_large` is set). `capacity` must be the
/// same in every call.
inline std::optional<std::string> reference_br(std::string_view input, std::size_t capacity,
                                               bool* too_large) {
  if (input.empty()) return std::string();
  char* const out = reference_buffer(capacity);
  std::unique_ptr<BrotliDecoderState, void (*)(BrotliDecoderState*)> state(
      BrotliDecoderCreateInstance(nullptr, nullptr, nullptr), &BrotliDecoderDestroyInstance);
  auto next_in = reinterpret_cast<const std::uint8_t*>(input.data());
  std::size_t avail_in = input.size();
  auto next_out = reinterpret_cast<std::uint8_t*>(out);
  std::size_t avail_out = capacity;
  const BrotliDecoderResult result = BrotliDecoderDecompressStream(state.get(), &avail_in, &next_in,
                                                                   &avail_out, &next_out, nullptr);
  if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) *too_large = true;
  if (result != BROTLI_DECODER_RESULT_SUCCESS || avail_in != 0) return std::nullopt;
  return std::string(out, capacity - avail_out);
}

inline std::optional<std::string> reference_zstd(std::string_view input, std::size_t capacity,
                                                 bool* too_large) {
  if (input.empty()) return std::string();
  char* const out = reference_buffer(capacity);
  std::unique_ptr<ZSTD_DCtx, std::size_t (*)(ZSTD_DCtx*)> context(ZSTD_createDCtx(),
                                                                  &ZSTD_freeDCtx);
  ZSTD_DCtx_setParameter(context.get(), ZSTD_d_windowLogMax, 23);
  ZSTD_inBuffer in{input.data(), input.size(), 0};
  ZSTD_outBuffer buffer{out, capacity, 0};
  std::size_t rc = 0;
  // With room to spare, each call either uses input or stops needing more.
  while (in.pos < in.size) {
    // A frame starts here: the pre-1.0 (legacy) formats, magic 0xFD2FB521
    // to 0xFD2FB527, are not the zstd content coding.
    if (rc == 0 && in.size - in.pos >= 4) {
      const auto* magic = reinterpret_cast<const unsigned char*>(input.data() + in.pos);
      if (magic[1] == 0xB5 && magic[2] == 0x2F && magic[3] == 0xFD && magic[0] >= 0x21 &&
          magic[0] <= 0x27) {
        return std::nullopt;
      }
    }
    const std::size_t before = in.pos;
    rc = ZSTD_decompressStream(context.get(), &buffer, &in);
    if (ZSTD_isError(rc) != 0) return std::nullopt;
    if (buffer.pos == buffer.size) {
      *too_large = true;
      return std::nullopt;
    }
    if (in.pos == before) break;
  }
  if (rc != 0 || in.pos != in.size) return std::nullopt;  // a frame cut short
  return std::string(out, buffer.pos);
}

}  // namespace httpxx_fuzz
