#include "text/charset.hpp"

#include <cstdint>

#include "ascii.hpp"

namespace httpxx::detail {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

using detail::ascii::lower;

void append_code_point(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Copies valid UTF-8, replacing each maximal invalid subpart with U+FFFD.
std::string from_utf8(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (c > 0xF4) len = 0;
    std::uint32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    int k = 1;
    for (; k < len && i + static_cast<std::size_t>(k) < in.size(); ++k) {
      auto d = static_cast<unsigned char>(in[i + static_cast<std::size_t>(k)]);
      // The second byte's range depends on the first (no overlongs, no
      // surrogates, nothing above U+10FFFF).
      unsigned char lo = 0x80, hi = 0xBF;
      if (k == 1) {
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
      }
      if (d < lo || d > hi) break;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (len == 0 || k < len) {
      out += kReplacement;
      i += static_cast<std::size_t>(len == 0 ? 1 : k);
      continue;
    }
    append_code_point(out, cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

std::string from_latin1(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (unsigned char c : in) append_code_point(out, c);
  return out;
}

// windows-1252 differs from latin-1 in 0x80..0x9F.
std::string from_cp1252(std::string_view in) {
  static constexpr std::uint16_t kHigh[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(in.size());
  for (unsigned char c : in) append_code_point(out, c >= 0x80 && c < 0xA0 ? kHigh[c - 0x80] : c);
  return out;
}

std::string from_ascii(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (unsigned char c : in) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += kReplacement;
    }
  }
  return out;
}

std::string from_utf16(std::string_view in, bool big_endian) {
  std::string out;
  std::size_t i = 0;
  auto unit = [&](std::size_t at) -> std::uint32_t {
    auto a = static_cast<unsigned char>(in[at]);
    auto b = static_cast<unsigned char>(in[at + 1]);
    return big_endian ? (a << 8u) | b : (b << 8u) | a;
  };
  while (i + 1 < in.size()) {
    std::uint32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < in.size()) {
        std::uint32_t low = unit(i);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          i += 2;
          append_code_point(out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
          continue;
        }
      }
      out += kReplacement;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      out += kReplacement;
    } else {
      append_code_point(out, u);
    }
  }
  if (i < in.size()) out += kReplacement;  // an odd byte at the end
  return out;
}

}  // namespace

std::optional<std::string> charset_of(std::string_view content_type) {
  std::string lowered = lower(content_type);
  std::string_view v = lowered;
  auto semi = v.find(';');
  while (semi != std::string_view::npos) {
    v.remove_prefix(semi + 1);
    auto next = v.find(';');
    std::string_view param = v.substr(0, next);
    while (!param.empty() && (param.front() == ' ' || param.front() == '\t'))
      param.remove_prefix(1);
    if (param.substr(0, 8) == "charset=") {
      std::string_view value = param.substr(8);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      if (!value.empty()) return std::string(value);
    }
    semi = next;
  }
  return std::nullopt;
}

Charset charset_named(std::string_view label) {
  const std::string name = lower(label);
  if (name == "iso-8859-1" || name == "latin-1" || name == "latin1" || name == "iso8859-1" ||
      name == "l1") {
    return Charset::latin1;
  }
  if (name == "windows-1252" || name == "cp1252") return Charset::cp1252;
  if (name == "us-ascii" || name == "ascii") return Charset::ascii;
  if (name == "utf-16" || name == "utf16") return Charset::utf16;
  if (name == "utf-16le") return Charset::utf16le;
  if (name == "utf-16be") return Charset::utf16be;
  return Charset::utf8;
}

std::string to_utf8(std::string_view bytes, Charset charset) {
  switch (charset) {
    case Charset::latin1:
      return from_latin1(bytes);
    case Charset::cp1252:
      return from_cp1252(bytes);
    case Charset::ascii:
      return from_ascii(bytes);
    case Charset::utf16:
      if (bytes.size() >= 2 && bytes[0] == '\xFE' && bytes[1] == '\xFF') {
        return from_utf16(bytes.substr(2), true);
      }
      if (bytes.size() >= 2 && bytes[0] == '\xFF' && bytes[1] == '\xFE') {
        return from_utf16(bytes.substr(2), false);
      }
      return from_utf16(bytes, false);
    case Charset::utf16le:
      return from_utf16(bytes, false);
    case Charset::utf16be:
      return from_utf16(bytes, true);
    case Charset::utf8:
      break;
  }
  return from_utf8(bytes);
}

std::string to_utf8(std::string_view bytes, std::string_view encoding) {
  return to_utf8(bytes, charset_named(encoding));
}

}  // namespace httpxx::detail
