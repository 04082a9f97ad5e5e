#pragma once
/// \file
/// HTTP Basic authentication for `--auth USER PASS`, until the library has auth flows.

#include <string>
#include <string_view>

namespace httpxx::cli {

/// Standard base64 (RFC 4648 section 4) with '=' padding.
[[nodiscard]] std::string base64_encode(std::string_view bytes);

/// The `Authorization` value for Basic auth: "Basic " + base64("user:pass").
[[nodiscard]] std::string basic_auth_header(std::string_view user, std::string_view password);

}  // namespace httpxx::cli
