#pragma once
// Converting response bodies to UTF-8 text.

#include <optional>
#include <string>
#include <string_view>

namespace httpxx::detail {

/// The `charset` parameter of a Content-Type value, lower-cased, unquoted.
std::optional<std::string> charset_of(std::string_view content_type);

/// The encodings httpxx decodes; an unknown one is read as utf-8.
enum class Charset {
  utf8,
  ascii,   ///< us-ascii
  latin1,  ///< iso-8859-1
  cp1252,  ///< windows-1252
  utf16,   ///< byte order from the BOM; little-endian without one
  utf16le,
  utf16be,
};

/// The charset `label` names, case-insensitively (the one table of aliases:
/// latin-1, l1, cp1252, utf16, …); `utf8` for labels it does not know.
[[nodiscard]] Charset charset_named(std::string_view label);

/// `bytes` in `charset` converted to UTF-8. Invalid sequences become U+FFFD.
std::string to_utf8(std::string_view bytes, Charset charset);
/// The same for an encoding label (see `charset_named`).
std::string to_utf8(std::string_view bytes, std::string_view encoding);

}  // namespace httpxx::detail
