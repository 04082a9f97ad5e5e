#include "response_factory.hpp"

#include <optional>
#include <string>
#include <utility>

#include "client_state.hpp"
#include "decoding/content_decoder.hpp"
#include "recycling_allocator.hpp"
#include "response_state.hpp"

namespace httpxx::detail {

Response ResponseFactory::make(const ClientState& client, std::shared_ptr<const Request> request,
                               TransportResponse head,
                               std::chrono::steady_clock::time_point started) {
  const bool head_request = request->method() == "HEAD";
  auto state =
      std::allocate_shared<ResponseState>(RecyclingAllocator<ResponseState>(), std::move(request),
                                          std::move(head), client.life, started);
  state->default_encoding = client.options.default_encoding;
  state->max_read_size = client.options.max_read_size;
  if (!client.capabilities.decodes_content && !head_request) {
    // Every field line counts: "gzip" then "br" on two lines is "gzip, br".
    if (const std::optional<std::string> encoding = state->headers.get("Content-Encoding")) {
      try {
        state->decoder = make_content_decoder(*encoding, client.options.max_decoded_size);
      } catch (...) {
        state->fail();
      }
    }
  }
  return Response(std::move(state));
}

void ResponseFactory::set_history(Response& response, std::vector<Response> history) {
  response.state_->history = std::move(history);
}

void ResponseFactory::set_next_request(Response& response, Request next) {
  response.state_->next_request = std::make_unique<const std::optional<Request>>(std::move(next));
}

}  // namespace httpxx::detail
