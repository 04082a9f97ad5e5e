// JSON is optional in the core headers: every public header but json.hpp
// and the umbrella httpxx.hpp compiles without Boost.JSON's definitions.
#include <httpxx/async_client.hpp>
#include <httpxx/mock_transport.hpp>
#include <httpxx/options.hpp>
#include <httpxx/response.hpp>
#include <httpxx/transport.hpp>

#ifdef BOOST_JSON_VALUE_HPP
#error "a core httpxx header includes Boost.JSON: only <httpxx/json.hpp> may"
#endif

int httpxx_header_check_core_without_json() { return 0; }
