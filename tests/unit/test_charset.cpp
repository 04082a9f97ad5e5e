#include <doctest/doctest.h>

#include "support.hpp"
#include "text/charset.hpp"

using httpxx::detail::charset_of;
using httpxx::detail::to_utf8;

TEST_CASE("the charset parameter is found in a Content-Type") {
  CHECK(charset_of("text/html; charset=ISO-8859-1") == "iso-8859-1");
  CHECK(charset_of("text/html;charset=\"utf-8\"") == "utf-8");
  CHECK(charset_of("text/html; q=1; charset=utf-16 ") == "utf-16");
  CHECK_FALSE(charset_of("application/json").has_value());
  CHECK_FALSE(charset_of("text/plain; xcharset=x").has_value());
}

TEST_CASE("latin-1 and windows-1252 bytes become UTF-8") {
  CHECK(to_utf8("caf\xE9", "iso-8859-1") == "caf\xC3\xA9");
  CHECK(to_utf8("\x80", "windows-1252") == "\xE2\x82\xAC");
}

TEST_CASE("UTF-16 with and without a BOM becomes UTF-8") {
  CHECK(to_utf8(std::string("\xFF\xFEh\0i\0", 6), "utf-16") == "hi");
  CHECK(to_utf8(std::string("\xFE\xFF\0h\0i", 6), "utf-16") == "hi");
  CHECK(to_utf8(std::string("\0h", 2), "utf-16be") == "h");
  // U+1F600 as a surrogate pair, little-endian.
  CHECK(to_utf8(std::string("\x3D\xD8\x00\xDE", 4), "utf-16le") == "\xF0\x9F\x98\x80");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD and valid UTF-8 is kept") {
  CHECK(to_utf8("ok \xC3\xA9", "utf-8") == "ok \xC3\xA9");
  CHECK(to_utf8("a\xFF"
                "b",
                "utf-8") ==
        "a\xEF\xBF\xBD"
        "b");
  CHECK(to_utf8("\xC0\xAF", "utf-8") == "\xEF\xBF\xBD\xEF\xBF\xBD");          // overlong
  CHECK(to_utf8("\xE2\x82", "utf-8") == "\xEF\xBF\xBD");                      // truncated
  CHECK(to_utf8("\xED\xA0\x80", "utf-8").find("\xED") == std::string::npos);  // surrogate
}

TEST_CASE("ASCII bytes above 127 and unknown charsets are handled") {
  CHECK(to_utf8("a\xE9", "us-ascii") == "a\xEF\xBF\xBD");
  CHECK(to_utf8("plain", "no-such-charset") == "plain");
}
