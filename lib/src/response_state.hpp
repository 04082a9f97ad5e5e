#pragma once
// The shared state behind `Response` handles, and the body pipeline:
// transport body (raw bytes) → content decoder (decoded bytes) → cache.

#include <chrono>
#include <cstddef>
#include <cstdint>
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
  ResponseState(std::shared_ptr<const Request> req, TransportResponse head,
                std::shared_ptr<ClientLife> life, std::chrono::steady_clock::time_point started);

  int status = 0;
  std::string reason;
  std::string http_version;
  Headers headers;
  // Where the transport says it ended; else request.url(). This and
  // next_request are rare, and held by pointer: a response in flight is
  // then a third of the size (with a thousand in flight, that is what the
  // CPU's caches must hold).
  std::unique_ptr<const URL> final_url;
  [[nodiscard]] const URL& url() const noexcept { return final_url ? *final_url : request->url(); }
  // Shared with the transport that sent it (and nothing else: never null).
  std::shared_ptr<const Request> request;
  std::chrono::steady_clock::time_point started;
  std::optional<std::chrono::nanoseconds> elapsed;
  std::vector<Response> history;
  std::unique_ptr<const std::optional<Request>> next_request;  // null: none
  std::optional<std::string> encoding_override;
  std::string default_encoding = "utf-8";

  std::unique_ptr<BodyStream> body;
  std::unique_ptr<ContentDecoder> decoder;
  bool decoder_flushed = false;
  // With a decoder: the part of the last network read not yet decoded, and
  // decoded bytes not yet handed out (from `decoded_at` on). They let
  // `next_decoded()` hand out pieces of at most kMaxPieceSize however much
  // a read inflates, decoding the rest of the read when asked.
  std::string wire_rest;
  std::size_t wire_at = 0;
  std::string decoded_rest;
  std::size_t decoded_at = 0;
  // ClientOptions::max_read_size (0: none): the most `read()` buffers.
  std::uint64_t max_read_size = 0;
  std::optional<std::string> content;
  bool stream_consumed = false;
  bool closed = false;
  std::shared_ptr<ClientLife> client;

  /// Throws `StreamClosed` if this response or its client was closed.
  void check_open();
  /// The next wire chunk; at the end, closes the response.
  Task<std::optional<std::string>> next_raw();
  /// The next decoded chunk, at most `ContentDecoder::kMaxPieceSize` bytes
  /// when a decoder is installed (else the transport's chunk as it came);
  /// at the end, closes the response.
  Task<std::optional<std::string>> next_decoded();
  /// Releases the body stream (connection). Idempotent, never throws.
  Task<void> close();
  /// Throws `ResponseTooLarge` (after dropping the body stream) if `more`
  /// bytes added to `buffered` would pass `max_read_size`.
  void check_read_size(std::uint64_t buffered, std::uint64_t more);
  /// Rethrows the current exception with this response's request attached,
  /// after dropping the body stream.
  [[noreturn]] void fail();

 private:
  // The next piece of `decoded_rest` (at most kMaxPieceSize bytes).
  std::string take_decoded();
  // Decodes the next slice of `wire_rest` into `decoded_rest`.
  void decode_slice();
};

}  // namespace httpxx::detail
