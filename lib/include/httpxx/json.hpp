#pragma once
/// \file
/// JSON support: `httpxx::Json` for `RequestOptions::json`,
/// `MockResponse::json` and `Response::json()`. Include it where you use
/// JSON; the other headers only name the type, so that programs that never
/// touch JSON do not compile the JSON library in every file.
///
/// httpxx uses Boost.JSON (already part of the Boost it needs for URLs, and
/// it builds unchanged for WebAssembly); `httpxx::Json` is its value type.

#include <boost/json/value.hpp>
#include <concepts>
#include <string>

#include "httpxx/json_body.hpp"
#include "httpxx/json_fwd.hpp"

namespace httpxx {

/// The compact JSON text of `value`.
[[nodiscard]] std::string to_json_text(const Json& value);

/// `Json`, and what converts to it (`boost::json::object`, `array`, …),
/// makes a `JsonBody`.
template <class T>
requires std::convertible_to<const T&, Json>
struct JsonText<T> {
  /// The compact JSON text of `value` (converted to `Json` first).
  static std::string of(const T& value) {
    if constexpr (std::same_as<T, Json>) {
      return to_json_text(value);
    } else {
      return to_json_text(Json(value));
    }
  }
};

}  // namespace httpxx
