#pragma once
// Test inputs compressed at test time with zlib (native builds only).
#include <doctest/doctest.h>
#include <zlib.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace httpxx_test {

inline constexpr int kGzipBits = 15 + 16;
inline constexpr int kZlibBits = 15;
inline constexpr int kRawBits = -15;

/// Deflates `parts`, `repeat` times over, one after the other into one
/// stream (so a large input need not be in memory at once). `window_bits`
/// picks the framing (kGzipBits, kZlibBits, kRawBits).
inline std::string deflate_parts(int window_bits, const std::vector<std::string_view>& parts,
                                 std::size_t repeat = 1, int strategy = Z_DEFAULT_STRATEGY) {
  z_stream z{};
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, window_bits, 8, strategy) == Z_OK);
  std::string out;
  std::vector<unsigned char> buffer(1 << 16);
  auto run = [&](std::string_view in, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    do {
      z.next_out = buffer.data();
      z.avail_out = static_cast<uInt>(buffer.size());
      rc = deflate(&z, flush);
      REQUIRE(rc != Z_STREAM_ERROR);
      out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - z.avail_out);
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
  };
  for (std::size_t i = 0; i < repeat; ++i) {
    for (std::string_view part : parts) run(part, Z_NO_FLUSH);
  }
  run({}, Z_FINISH);
  deflateEnd(&z);
  return out;
}

}  // namespace httpxx_test
