#pragma once
// The errors of the two size limits, worded once for every place that
// enforces them (lib/'s decoders and read(), the Fetch transport). They
// name the option to change.

#include <cstdint>
#include <string>

#include "httpxx/errors.hpp"

namespace httpxx::detail {

/// A decoded body passed `ClientOptions::max_decoded_size` (`limit`).
inline DecodingError decoded_size_exceeded(std::uint64_t limit) {
  return DecodingError("decoded body exceeds the limit of " + std::to_string(limit) +
                       " bytes (max_decoded_size): raise max_decoded_size, or set it to 0 for "
                       "no limit");
}

/// A body read whole passed `ClientOptions::max_read_size` (`limit`).
inline ResponseTooLarge read_size_exceeded(std::uint64_t limit) {
  return ResponseTooLarge("response body exceeds max_read_size (the limit of " +
                          std::to_string(limit) +
                          " bytes a buffered read holds): stream it (stream = true), or raise "
                          "max_read_size (0: no limit)");
}

}  // namespace httpxx::detail
