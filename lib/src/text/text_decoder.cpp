#include "text/text_decoder.hpp"

#include "text/charset.hpp"

namespace httpxx::detail {

namespace {

bool is_high_surrogate(std::string_view unit, bool big_endian) {
  auto hi = static_cast<unsigned char>(big_endian ? unit[0] : unit[1]);
  return hi >= 0xD8 && hi <= 0xDB;
}

}  // namespace

TextDecoder::TextDecoder(std::string_view encoding) : charset_(charset_named(encoding)) {}

// How much of `bytes` ends on a character boundary.
std::size_t TextDecoder::complete_prefix(std::string_view bytes) const {
  const std::size_t n = bytes.size();
  switch (charset_) {
    case Charset::ascii:
    case Charset::latin1:
    case Charset::cp1252:
      return n;
    case Charset::utf8:
      // Hold a lead byte (C2..F4) and its continuation bytes if they are
      // fewer than it announces. Anything else decodes the same whether or
      // not more follows.
      for (std::size_t k = 1; k <= 3 && k <= n; ++k) {
        auto c = static_cast<unsigned char>(bytes[n - k]);
        if (c >= 0x80 && c <= 0xBF) continue;
        std::size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                          : c >= 0xE0 && c <= 0xEF ? 3
                          : c >= 0xF0 && c <= 0xF4 ? 4
                                                   : 0;
        return len > k ? n - k : n;
      }
      return n;
    case Charset::utf16le:
    case Charset::utf16be:
    case Charset::utf16: {
      std::size_t whole = n - n % 2;
      // A high surrogate waits for its low half.
      if (whole >= 2 &&
          is_high_surrogate(bytes.substr(whole - 2, 2), charset_ == Charset::utf16be)) {
        whole -= 2;
      }
      return whole;
    }
  }
  return n;
}

std::string TextDecoder::decode(std::string_view bytes) {
  pending_.append(bytes);
  if (charset_ == Charset::utf16) {
    if (pending_.size() < 2) return {};
    // The byte order mark decides, once; without one, little-endian (as
    // `to_utf8` reads it).
    if (pending_[0] == '\xFE' && pending_[1] == '\xFF') {
      charset_ = Charset::utf16be;
      pending_.erase(0, 2);
    } else if (pending_[0] == '\xFF' && pending_[1] == '\xFE') {
      charset_ = Charset::utf16le;
      pending_.erase(0, 2);
    } else {
      charset_ = Charset::utf16le;
    }
  }
  const std::size_t whole = complete_prefix(pending_);
  if (whole == 0) return {};
  std::string text = to_utf8(std::string_view(pending_).substr(0, whole), charset_);
  pending_.erase(0, whole);
  return text;
}

std::string TextDecoder::flush() {
  if (pending_.empty()) return {};
  std::string text = to_utf8(pending_, charset_);
  pending_.clear();
  return text;
}

void LineDecoder::decode(std::string_view text, std::vector<std::string>& lines) {
  while (!text.empty()) {
    if (after_cr_) {
      after_cr_ = false;
      if (text.front() == '\n') {
        text.remove_prefix(1);  // the second half of a "\r\n"
        continue;
      }
    }
    std::size_t end = text.find_first_of("\r\n");
    if (end == std::string_view::npos) {
      partial_.append(text);
      return;
    }
    partial_.append(text.substr(0, end));
    lines.push_back(std::move(partial_));
    partial_.clear();
    after_cr_ = text[end] == '\r';
    text.remove_prefix(end + 1);
  }
}

void LineDecoder::flush(std::vector<std::string>& lines) {
  if (!partial_.empty()) lines.push_back(std::move(partial_));
  partial_.clear();
  after_cr_ = false;
}

}  // namespace httpxx::detail
