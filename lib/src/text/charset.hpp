#pragma once
// Converting response bodies to UTF-8 text.

#include <optional>
#include <string>
#include <string_view>

namespace httpxx::detail {

/// The `charset` parameter of a Content-Type value, lower-cased, unquoted.
std::optional<std::string> charset_of(std::string_view content_type);

/// `bytes` in `encoding` converted to UTF-8. Knows utf-8, us-ascii,
/// iso-8859-1 (latin-1), windows-1252 and utf-16 (with BOM, -le, -be); an
/// unknown encoding is read as utf-8. Invalid sequences become U+FFFD.
std::string to_utf8(std::string_view bytes, std::string_view encoding);

}  // namespace httpxx::detail
