#include "h2_stream.hpp"

#include <algorithm>

#include "httpxx/errors.hpp"

namespace httpxx::native {

H2Body::~H2Body() { release(); }

void H2Body::release() noexcept {
  if (!stream_) return;
  // Cut short: the server stops sending, the connection carries on.
  if (!stream_->ended && !stream_->error) session_->reset(*stream_);
  stream_.reset();
  session_.reset();
}

Task<std::optional<std::string>> H2Body::next() {
  if (!stream_) throw ReadError("the response body was closed");
  // Held by this frame: the body may be destroyed while it waits.
  std::shared_ptr<H2Session> session = session_;
  std::shared_ptr<H2Stream> stream = stream_;
  for (;;) {
    std::string& body = stream->body;
    if (stream->whole) {
      // Window goes back as bytes arrive (held back, they would stall the
      // connection's other streams); the body waits here until its end.
      if (body.size() > stream->body_counted) {
        session->consumed(*stream, body.size() - stream->body_counted);
        stream->body_counted = body.size();
      }
      if (!body.empty() && (stream->ended || body.size() >= H2Stream::kWholePiece)) {
        std::string piece = std::move(body);
        body.clear();
        stream->body_counted = 0;
        co_return piece;
      }
    } else if (body.size() > stream->body_at) {
      const std::size_t most = std::max<std::size_t>(session->limits().read_buffer_size, 1);
      std::string piece;
      if (stream->body_at == 0 && body.size() <= most) {
        piece = std::move(body);  // all that arrived, without a copy
        body.clear();
      } else {
        // Handed out from an offset: the bytes behind it go when half the
        // buffer is behind it, so each byte moves at most once more.
        const std::size_t size = std::min(most, body.size() - stream->body_at);
        piece.assign(body, stream->body_at, size);
        stream->body_at += size;
        if (stream->body_at == body.size()) {
          body.clear();
          stream->body_at = 0;
        } else if (stream->body_at >= body.size() / 2) {
          body.erase(0, stream->body_at);
          stream->body_at = 0;
        }
      }
      session->consumed(*stream, piece.size());
      co_return piece;
    }
    if (stream->ended) co_return std::nullopt;
    if (stream->error) std::rethrow_exception(stream->error);
    if (co_await stream->waiters.wait(read_timeout_) == httpxx::detail::WaitOutcome::timed_out &&
        stream->body.size() == (stream->whole ? stream->body_counted : stream->body_at) &&
        !stream->ended && !stream->error) {
      session->reset(*stream);
      throw ReadTimeout("timed out waiting for response bytes (read timeout)");
    }
  }
}

Task<void> H2Body::close() {
  release();
  co_return;
}

}  // namespace httpxx::native
