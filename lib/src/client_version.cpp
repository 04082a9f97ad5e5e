#include "client_version.hpp"

namespace httpxx::detail {

const char* user_agent() noexcept { return "httpxx/" HTTPXX_VERSION; }

}  // namespace httpxx::detail
