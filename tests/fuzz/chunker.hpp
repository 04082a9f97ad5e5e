#pragma once
// `Chunker`: cuts the bytes a fuzz input stands for into the pieces one
// socket read after another would return, so that the fuzzer explores where
// reads end (inside a status line, a CRLF, a chunk size, a gzip header...).
//
// One seed byte chooses the cutting: 0 hands everything over at once; else
// its low 3 bits pick the largest piece (1, 2, 3, 5, 8, 17, 64 or 1024
// bytes) and its high 5 bits seed a small generator for the piece sizes
// (0: every piece is the largest).

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace httpxx_fuzz {

class Chunker {
 public:
  Chunker(std::string_view data, std::uint8_t seed) : data_(data), state_(seed >> 3) {
    static constexpr std::size_t kLargest[] = {1, 2, 3, 5, 8, 17, 64, 1024};
    largest_ = seed == 0 ? data.size() : kLargest[seed & 7];
    if (largest_ == 0) largest_ = 1;
  }

  /// Nothing left to hand over.
  [[nodiscard]] bool done() const noexcept { return pos_ == data_.size(); }

  /// The next piece: never empty unless `done()`.
  std::string_view next() noexcept {
    std::size_t size = largest_;
    if (state_ != 0) {
      // xorshift32: deterministic, so a saved input replays exactly.
      state_ ^= state_ << 13;
      state_ ^= state_ >> 17;
      state_ ^= state_ << 5;
      size = 1 + state_ % largest_;
    }
    size = std::min(size, data_.size() - pos_);
    std::string_view piece = data_.substr(pos_, size);
    pos_ += size;
    return piece;
  }

  /// Gives back the last `n` bytes handed over (a parser did not use them:
  /// they belong to whatever the stream carries next).
  void unread(std::size_t n) noexcept { pos_ -= std::min(n, pos_); }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
  std::size_t largest_;
  std::uint32_t state_;
};

}  // namespace httpxx_fuzz
