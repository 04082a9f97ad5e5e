#pragma once
// Building the request that follows a redirect response (HTTPX semantics).

#include "httpxx/request.hpp"
#include "httpxx/response.hpp"

namespace httpxx::detail {

/// The request to send after `response` (a redirect with a Location):
/// 301/302 turn POST into GET, 303 turns everything but HEAD into GET, and
/// a method change drops the body and its headers; 307/308 keep both (a
/// streamed body is kept consumed: sending it throws `StreamConsumed`).
/// `Authorization` and `Proxy-Authorization` are dropped when the origin
/// changes (except an http → https upgrade of the same host), `Cookie`
/// always (the jar sets it again). Throws `RemoteProtocolError` for a
/// malformed Location and `UnsupportedProtocol` for a non-http(s) target.
Request build_redirect_request(const Request& request, const Response& response);

}  // namespace httpxx::detail
