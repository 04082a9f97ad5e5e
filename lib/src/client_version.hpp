#pragma once
// The version the client names itself by.

namespace httpxx::detail {

/// The User-Agent sent by default: "httpxx/<version>".
const char* user_agent() noexcept;

}  // namespace httpxx::detail
