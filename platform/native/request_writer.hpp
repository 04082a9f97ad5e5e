#pragma once
// The HTTP/1.1 request as it goes on the wire.

#include <string>
#include <string_view>

#include "httpxx/request.hpp"

namespace httpxx::native {

/// A serialised request: the head (request line, header fields, blank
/// line) and the body: the request's content, or `framed_body` when the
/// caller asked for `Transfer-Encoding: chunked`.
struct WireRequest {
  std::string head;
  std::string framed_body;
  bool framed = false;
  const std::string* content = nullptr;

  [[nodiscard]] std::string_view body() const {
    return framed ? std::string_view(framed_body) : std::string_view(*content);
  }
};

/// Serialises `request` (the target in origin-form, the headers as given:
/// `lib/` has added Host, Content-Length, User-Agent and the rest). The
/// result refers to `request`'s content: keep the request alive meanwhile.
[[nodiscard]] WireRequest serialize_request(const Request& request);

/// True if the request asks the server to close the connection after it.
[[nodiscard]] bool wants_close(const Request& request);

}  // namespace httpxx::native
