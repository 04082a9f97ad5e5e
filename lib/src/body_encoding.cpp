#include "body_encoding.hpp"

#include <boost/json/serialize.hpp>

#include "httpxx/errors.hpp"

namespace httpxx::detail {

std::string encode_body(const RequestOptions& options, Headers& headers) {
  int bodies = (options.content ? 1 : 0) + (options.data ? 1 : 0) + (options.json ? 1 : 0);
  if (bodies > 1) {
    throw LocalProtocolError("a request takes one body: content, data or json, not several");
  }
  if (options.content) return *options.content;
  if (options.data) {
    headers.set_default("Content-Type", "application/x-www-form-urlencoded");
    return options.data->encode();
  }
  if (options.json) {
    headers.set_default("Content-Type", "application/json");
    return boost::json::serialize(*options.json);
  }
  return {};
}

}  // namespace httpxx::detail
