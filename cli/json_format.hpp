#pragma once
/// \file
/// Pretty-printing of JSON bodies (HTTPX's CLI shows them with an indent of 4).

#include <httpxx/httpxx.hpp>
#include <string>

namespace httpxx::cli {

/// `value` as indented JSON text (4 spaces, no trailing newline); keys,
/// strings and other scalars coloured when `colour` is set.
[[nodiscard]] std::string format_json(const Json& value, bool colour);

}  // namespace httpxx::cli
