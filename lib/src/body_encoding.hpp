#pragma once
// Encoding a request's body from its options (content, form data, JSON).

#include <string>

#include "httpxx/headers.hpp"
#include "httpxx/options.hpp"

namespace httpxx::detail {

/// The body bytes `options` describe; sets a default Content-Type in
/// `headers` for form data and JSON. Throws `LocalProtocolError` if more
/// than one kind of body is given.
std::string encode_body(const RequestOptions& options, Headers& headers);

}  // namespace httpxx::detail
