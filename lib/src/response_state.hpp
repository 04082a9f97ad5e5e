#pragma once
// The shared state behind `Response` handles, and the body pipeline:
// transport body (raw bytes) → content decoder (decoded bytes) → cache.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "decoding/content_decoder.hpp"
#include "httpxx/response.hpp"
#include "httpxx/transport.hpp"

namespace httpxx::detail {

/// Shared by a client and its responses: tells a streamed response that its
/// client was closed.
struct ClientLife {
  bool closed = false;
};

struct ResponseState {
  ResponseState(Request req, TransportResponse head, std::shared_ptr<ClientLife> life,
                std::chrono::steady_clock::time_point started);

  int status = 0;
  std::string reason;
  std::string http_version;
  Headers headers;
  std::optional<URL> final_url;  // where the transport says it ended; else request.url()
  [[nodiscard]] const URL& url() const noexcept { return final_url ? *final_url : request.url(); }
  Request request;
  std::chrono::steady_clock::time_point started;
  std::optional<std::chrono::nanoseconds> elapsed;
  std::vector<Response> history;
  std::optional<Request> next_request;
  std::optional<std::string> encoding_override;
  std::string default_encoding = "utf-8";

  std::unique_ptr<BodyStream> body;
  std::unique_ptr<ContentDecoder> decoder;
  bool decoder_flushed = false;
  std::optional<std::string> content;
  bool stream_consumed = false;
  bool closed = false;
  std::shared_ptr<ClientLife> client;

  /// Throws `StreamClosed` if this response or its client was closed.
  void check_open();
  /// The next wire chunk; at the end, closes the response.
  Task<std::optional<std::string>> next_raw();
  /// The next decoded chunk; at the end, closes the response.
  Task<std::optional<std::string>> next_decoded();
  /// Releases the body stream (connection). Idempotent, never throws.
  Task<void> close();
  /// Rethrows the current exception with this response's request attached,
  /// after dropping the body stream.
  [[noreturn]] void fail();
};

}  // namespace httpxx::detail
