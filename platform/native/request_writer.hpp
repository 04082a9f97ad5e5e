#pragma once
// The HTTP/1.1 request as it goes on the wire.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "httpxx/request.hpp"
#include "proxy.hpp"

namespace httpxx::native {

/// A serialised request: the head (request line, header fields, blank
/// line) and the body: the request's content, or `framed_body` when the
/// caller asked for `Transfer-Encoding: chunked`, or, for a request with a
/// body stream, `stream` (chunk-framed as it is written if `framed`).
struct WireRequest {
  std::string head;
  std::string framed_body;
  bool framed = false;
  const std::string* content = nullptr;
  /// The request's body stream, or null.
  ByteSource* stream = nullptr;
  /// For a stream sent with a Content-Length: that length.
  std::optional<std::uint64_t> stream_length{};

  [[nodiscard]] std::string_view body() const {
    return framed ? std::string_view(framed_body) : std::string_view(*content);
  }
};

/// Serialises `request`, the headers as given (`lib/` has added Host,
/// Content-Length, User-Agent and the rest). The target is in origin form
/// ("/path?query"), or, when `forward` is the proxy that forwards the
/// request, in absolute form ("http://host:port/path?query", RFC 9112
/// section 3.2.2) with that proxy's `Proxy-Authorization`, if it has one.
/// The result refers to `request`'s content: keep the request alive
/// meanwhile.
[[nodiscard]] WireRequest serialize_request(const Request& request, const Proxy* forward = nullptr);

/// The head of the CONNECT that asks `proxy` for a tunnel to `authority`
/// ("host:port", "[v6]:port"): the target in authority form (RFC 9112
/// section 3.2.3), `Host` the same, and the proxy's `Proxy-Authorization`
/// if it has one. A CONNECT has no body.
[[nodiscard]] std::string serialize_connect(std::string_view authority, const Proxy& proxy);

/// The framing of a chunk of `size` bytes of a streamed body: its size
/// line, after the CRLF that ends the previous chunk unless `first`.
[[nodiscard]] std::string chunk_prefix(std::size_t size, bool first);

/// True if the request asks the server to close the connection after it.
[[nodiscard]] bool wants_close(const Request& request);

}  // namespace httpxx::native
