#pragma once
// Incremental charset decoding: bytes in any chunking → the same UTF-8 text
// `to_utf8` gives for the whole.

#include <string>
#include <string_view>
#include <vector>

#include "text/charset.hpp"

namespace httpxx::detail {

/// Decodes a byte stream in `encoding` (the encodings `to_utf8` knows)
/// chunk by chunk. A multi-byte sequence split across chunks is held back
/// until it is complete, so the concatenated output equals `to_utf8` of the
/// concatenated input.
class TextDecoder {
 public:
  explicit TextDecoder(std::string_view encoding);
  /// The text of `bytes` and of what was held back, minus an incomplete
  /// sequence at the end.
  [[nodiscard]] std::string decode(std::string_view bytes);
  /// The text of what is held back (invalid sequences become U+FFFD).
  [[nodiscard]] std::string flush();

 private:
  std::size_t complete_prefix(std::string_view bytes) const;

  Charset charset_;  // utf16 until the byte order is known
  std::string pending_;
};

/// Splits text into lines at "\n", "\r\n" and "\r" (a "\r\n" split across
/// chunks is one ending), as HTTPX's LineDecoder; lines come without their
/// endings.
class LineDecoder {
 public:
  /// Appends the lines completed by `text` to `lines`.
  void decode(std::string_view text, std::vector<std::string>& lines);
  /// Appends the last line, if it had no ending.
  void flush(std::vector<std::string>& lines);

 private:
  std::string partial_;
  bool after_cr_ = false;
};

}  // namespace httpxx::detail
