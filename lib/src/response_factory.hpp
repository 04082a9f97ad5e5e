#pragma once
// `ResponseFactory`: the one way the client makes a `Response` and sets what
// only the client knows (its history, the redirect it did not follow). The
// response's state stays private: `Response` has no constructor for users.

#include <chrono>
#include <memory>
#include <vector>

#include "httpxx/request.hpp"
#include "httpxx/response.hpp"
#include "httpxx/transport.hpp"

namespace httpxx::detail {

struct ClientState;

struct ResponseFactory {
  /// The response to `request` from the transport's `head`, with the
  /// client's text and size settings and a content decoder for its
  /// Content-Encoding (unless the transport decodes). An unknown encoding
  /// throws `DecodingError`, the body dropped.
  static Response make(const ClientState& client, std::shared_ptr<const Request> request,
                       TransportResponse head, std::chrono::steady_clock::time_point started);
  /// The responses that came before `response` (redirects, auth steps).
  static void set_history(Response& response, std::vector<Response> history);
  /// The request of a redirect that was not followed (`next_request()`).
  static void set_next_request(Response& response, Request next);
};

}  // namespace httpxx::detail
