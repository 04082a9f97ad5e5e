#pragma once
/// \file
/// The name `httpxx::Json` without its definition: Boost.JSON's
/// `boost::json::value`, declared only (as `<boost/json/fwd.hpp>` declares
/// it, without the 30 000 lines that header brings along).
/// `Response::json()` returns one: include `<httpxx/json.hpp>` to call it.

namespace boost::json {
class value;
}  // namespace boost::json

namespace httpxx {
/// A JSON document: `Json{{"name", "x"}, {"n", 1}}` (see `<httpxx/json.hpp>`).
using Json = boost::json::value;
}  // namespace httpxx
