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
    if (!stream->body.empty()) {
      const std::size_t most = std::max<std::size_t>(session->limits().read_buffer_size, 1);
      std::string piece;
      if (stream->body.size() <= most) {
        piece = std::move(stream->body);
        stream->body.clear();
      } else {
        piece.assign(stream->body, 0, most);
        stream->body.erase(0, most);
      }
      session->consumed(*stream, piece.size());
      co_return piece;
    }
    if (stream->ended) co_return std::nullopt;
    if (stream->error) std::rethrow_exception(stream->error);
    if (co_await stream->waiters.wait(read_timeout_) == httpxx::detail::WaitOutcome::timed_out &&
        stream->body.empty() && !stream->ended && !stream->error) {
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
