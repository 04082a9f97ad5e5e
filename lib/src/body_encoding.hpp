#pragma once
// Encoding a request's body from its options (content, a stream, form data,
// files, JSON).

#include <string>

#include "httpxx/headers.hpp"
#include "httpxx/options.hpp"
#include "httpxx/request.hpp"

namespace httpxx::detail {

/// The body bytes `options` describe; sets a default Content-Type in
/// `headers` for form data, files (with the boundary) and JSON, and the
/// framing (`Content-Length` or `Transfer-Encoding: chunked`) of a stream,
/// whose bytes are not here (see `attach_body_stream`). Throws
/// `LocalProtocolError` if more than one kind of body is given.
std::string encode_body(const RequestOptions& options, Headers& headers);

/// Gives `request` the body stream of `options`, if any.
void attach_body_stream(Request& request, const RequestOptions& options);

}  // namespace httpxx::detail
