#pragma once
// ASCII helpers for protocol text (header names, tokens, charset labels,
// cookie attributes): case folding and HTTP's optional whitespace. Locale-
// free, as the protocols are.

#include <string>
#include <string_view>

namespace httpxx::detail::ascii {

[[nodiscard]] constexpr char lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
}

/// `s` with A–Z folded to a–z; other bytes unchanged.
[[nodiscard]] inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

/// `s` without leading and trailing spaces and tabs (RFC 9110 OWS).
[[nodiscard]] constexpr std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace httpxx::detail::ascii
