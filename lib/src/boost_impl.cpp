// Boost.URL and Boost.JSON are compiled into the library from this one
// translation unit (their documented header-only mode), so that no Boost
// library has to be linked, natively or in WebAssembly.
#include <boost/json/src.hpp>
#include <boost/url/src.hpp>
