// ResponseState: the body pipeline of a response (raw chunks, decoded
// pieces, closing) and the limit on what read() buffers.
#include "response_state.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "httpxx/errors.hpp"
#include "limit_errors.hpp"

namespace httpxx::detail {

ResponseState::ResponseState(std::shared_ptr<const Request> req, TransportResponse head,
                             std::shared_ptr<ClientLife> life,
                             std::chrono::steady_clock::time_point start)
    : status(head.status),
      reason(head.reason.empty() ? std::string(reason_phrase(head.status))
                                 : std::move(head.reason)),
      http_version(std::move(head.http_version)),
      headers(std::move(head.headers)),
      final_url(head.url ? std::make_unique<const URL>(std::move(*head.url)) : nullptr),
      request(std::move(req)),
      started(start),
      body(std::move(head.body)),
      client(std::move(life)) {}

void ResponseState::check_open() {
  if (client && client->closed && !closed) {
    body.reset();  // the transport is gone or going: drop, do not reuse
    closed = true;
    elapsed = std::chrono::steady_clock::now() - started;
    throw StreamClosed("the client of this response was closed before its body was read", *request);
  }
  if (closed) {
    throw StreamClosed("the response was closed before its body was read", *request);
  }
}

void ResponseState::check_read_size(std::uint64_t buffered, std::uint64_t more) {
  if (max_read_size == 0 || more <= max_read_size - std::min(buffered, max_read_size)) return;
  try {
    throw read_size_exceeded(max_read_size);
  } catch (...) {
    fail();
  }
}

void ResponseState::fail() {
  body.reset();
  closed = true;
  elapsed = std::chrono::steady_clock::now() - started;
  try {
    throw;
  } catch (Error& e) {
    e.attach_request(*request);
    throw;
  }
}

Task<std::optional<std::string>> ResponseState::next_raw() {
  check_open();
  if (!body) {
    co_await close();
    co_return std::nullopt;
  }
  std::optional<std::string> chunk;
  try {
    chunk = co_await body->next();
  } catch (...) {
    fail();
  }
  if (!chunk) co_await close();
  co_return chunk;
}

namespace {

// Input fed to a decoder at once. What one slice inflates to is held before
// it is handed out, so slices are small: gzip and deflate expand at most
// about 1032 times (1 MiB from 1 KiB). Whatever a codec does, the decoded
// size limit bounds it too.
constexpr std::size_t kDecodeSlice = 1024;

}  // namespace

std::string ResponseState::take_decoded() {
  const std::size_t left = decoded_rest.size() - decoded_at;
  std::string piece;
  if (decoded_at == 0 && left <= ContentDecoder::kMaxPieceSize) {
    piece = std::move(decoded_rest);
  } else {
    const std::size_t n = std::min(left, ContentDecoder::kMaxPieceSize);
    piece.assign(decoded_rest, decoded_at, n);
    decoded_at += n;
  }
  if (decoded_at >= decoded_rest.size()) {
    decoded_rest.clear();
    decoded_at = 0;
  }
  return piece;
}

void ResponseState::decode_slice() {
  if (decoded_at != 0) {
    decoded_rest.erase(0, decoded_at);
    decoded_at = 0;
  }
  const std::size_t n = std::min(kDecodeSlice, wire_rest.size() - wire_at);
  decoder->decode(std::string_view(wire_rest).substr(wire_at, n), decoded_rest);
  wire_at += n;
  if (wire_at == wire_rest.size()) {
    wire_rest.clear();
    wire_at = 0;
  }
}

Task<std::optional<std::string>> ResponseState::next_decoded() {
  if (!decoder) co_return co_await next_raw();
  for (;;) {
    const std::size_t pending = decoded_rest.size() - decoded_at;
    // A full piece, or all that the last network read gave: a stream hands
    // out what has arrived instead of waiting for more.
    if (pending >= ContentDecoder::kMaxPieceSize || (pending != 0 && wire_rest.empty())) {
      co_return take_decoded();
    }
    if (!wire_rest.empty()) {
      try {
        decode_slice();
      } catch (...) {
        fail();
      }
      continue;
    }
    if (decoder_flushed) co_return std::nullopt;
    std::optional<std::string> chunk = co_await next_raw();
    if (chunk) {
      wire_rest = std::move(*chunk);
      wire_at = 0;
      continue;
    }
    decoder_flushed = true;
    try {
      decoder->flush(decoded_rest);
    } catch (...) {
      fail();
    }
  }
}

Task<void> ResponseState::close() {
  if (closed) co_return;
  closed = true;
  if (body) {
    co_await body->close();
    body.reset();
  }
  elapsed = std::chrono::steady_clock::now() - started;
}

}  // namespace httpxx::detail
