#pragma once
// What an AsyncClient shares with its responses and its Parallel sets.

#include <memory>
#include <string_view>
#include <utility>

#include "httpxx/options.hpp"
#include "httpxx/request.hpp"
#include "httpxx/response.hpp"
#include "httpxx/transport.hpp"
#include "response_state.hpp"

namespace httpxx::detail {

struct ClientState {
  ClientOptions options;
  std::shared_ptr<Transport> transport;
  TransportCapabilities capabilities;
  std::shared_ptr<ClientLife> life = std::make_shared<ClientLife>();
};

/// The request `method url options` would send on this client.
Request build_request(const ClientState& client, std::string_view method, URL url,
                      const RequestOptions& options);

/// What of `options` concerns sending (the rest went into the request);
/// takes its `auth`.
inline SendOptions send_options_of(RequestOptions& options) {
  return SendOptions{options.stream, options.follow_redirects, options.timeout,
                     std::move(options.auth)};
}

/// A request on its way through the client, shared with whoever else holds
/// it (a `PendingResponse`, the transport, the response it gets), and copied
/// only by a step that changes it while it is shared.
using SharedRequest = std::shared_ptr<Request>;

/// `request`, ready to share (from the per-thread frame cache: in the steady
/// state this reaches the heap no more than the request's own fields do).
SharedRequest share(Request request);

/// The request to change: the object itself if nothing else holds it, else
/// a copy that takes its place in `request`.
Request& writable(SharedRequest& request);

/// Sends `request` on the client: redirects, then the body unless `stream`.
Task<Response> send_request(std::shared_ptr<ClientState> client, SharedRequest request,
                            SendOptions options);

}  // namespace httpxx::detail
