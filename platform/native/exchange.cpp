#include "exchange.hpp"

#include "connection_pool.hpp"
#include "httpxx/errors.hpp"

namespace httpxx::native {

Exchange::Exchange(std::unique_ptr<Connection> connection, const HttpLimits& limits,
                   bool head_request, bool close_after)
    : connection_(std::move(connection)),
      parser_(limits, head_request),
      close_after_(close_after) {}

// A connection still held here was not read to the end of its response:
// it is closed, never reused.
Exchange::~Exchange() = default;

Task<void> Exchange::send(const WireRequest& request, std::optional<Duration> timeout) {
  try {
    if (request.stream) {
      co_await send_stream(request, timeout);
    } else {
      co_await connection_->write(request.head, request.body(), timeout);
    }
  } catch (const WriteError&) {
    // As httpcore does: a server may refuse a request before reading all
    // of it (a 413 for a body too large), answer and close; the write then
    // fails while the answer waits to be read. The connection stays open
    // for receive_head, which decides what the caller gets.
    write_error_ = std::current_exception();
  } catch (...) {
    connection_.reset();
    throw;
  }
}

Task<void> Exchange::send_stream(const WireRequest& request, std::optional<Duration> timeout) {
  ByteSource& source = *request.stream;
  source.open();
  co_await connection_->write(request.head, {}, timeout);
  std::uint64_t sent = 0;
  bool first = true;
  for (;;) {
    std::optional<std::string> piece = co_await source.next();
    if (!piece) break;
    if (piece->empty()) continue;
    sent += piece->size();
    if (request.stream_length && sent > *request.stream_length) {
      throw LocalProtocolError("the request body stream produced more than its Content-Length of " +
                               std::to_string(*request.stream_length) + " bytes");
    }
    if (request.framed) {
      const std::string prefix = chunk_prefix(piece->size(), first);
      co_await connection_->write(prefix, *piece, timeout);
    } else {
      co_await connection_->write({}, *piece, timeout);
    }
    first = false;
  }
  if (request.stream_length && sent != *request.stream_length) {
    throw LocalProtocolError("the request body stream produced " + std::to_string(sent) +
                             " bytes, not its Content-Length of " +
                             std::to_string(*request.stream_length));
  }
  if (request.framed)
    co_await connection_->write(first ? "0\r\n\r\n" : "\r\n0\r\n\r\n", {}, timeout);
}

Task<void> Exchange::receive_more(std::optional<Duration> timeout) {
  if (!connection_) {
    throw ReadError("cannot read the response: its connection was closed");
  }
  try {
    std::string_view data = co_await connection_->read(timeout);
    if (data.empty()) {
      parser_.finish(pending_);  // completes a body read until close, or throws
      connection_.reset();       // the peer closed it
    } else {
      consume(data);
    }
  } catch (...) {
    connection_.reset();
    throw;
  }
}

void Exchange::consume(std::string_view data) {
  const std::size_t used = parser_.feed(data, pending_);
  // Anything after the response was not asked for: whatever it is, the
  // connection cannot be trusted with another request.
  if (used < data.size()) clean_ = false;
  if (parser_.complete()) finish();
}

Task<void> Exchange::receive_head(std::optional<Duration> timeout) {
  if (!write_error_) {
    while (!parser_.head_complete()) co_await receive_more(timeout);
    co_return;
  }
  // The request went out in part: a response the server sent before it
  // stopped reading is the answer, anything else leaves the write error.
  bool answered = true;
  try {
    while (!parser_.head_complete()) co_await receive_more(timeout);
  } catch (const TransportError&) {
    answered = false;
  }
  if (!answered) {
    connection_.reset();
    std::rethrow_exception(write_error_);
  }
}

TransportResponse Exchange::into_response(std::unique_ptr<Exchange> self,
                                          std::optional<Duration> read_timeout) {
  TransportResponse out;
  out.status = self->parser_.status();
  out.reason = self->parser_.reason();
  out.http_version = self->parser_.http_version();
  out.headers = self->parser_.take_headers();
  if (!self->parser_.complete() || !self->pending_.empty()) {
    out.body = std::make_unique<ExchangeBody>(std::move(self), read_timeout);
  }
  return out;
}

Task<std::optional<std::string>> Exchange::next(std::optional<Duration> timeout) {
  for (;;) {
    if (!pending_.empty()) {
      std::string out = std::move(pending_);
      pending_.clear();
      co_return out;
    }
    if (parser_.complete()) {
      finish();
      co_return std::nullopt;
    }
    co_await receive_more(timeout);
  }
}

void Exchange::finish() noexcept {
  if (!connection_) return;
  std::unique_ptr<Connection> connection = std::move(connection_);
  if (parser_.complete() && parser_.keep_alive() && clean_ && !close_after_ && !write_error_) {
    // A copy: releasing may drop the connection, and its ticket with it.
    if (std::shared_ptr<ConnectionPool> pool = connection->pool()) {
      pool->release(std::move(connection));
    }
  }
}

Task<std::optional<std::string>> ExchangeBody::next() {
  co_return co_await exchange_->next(read_timeout_);
}

Task<void> ExchangeBody::close() {
  exchange_->finish();
  co_return;
}

}  // namespace httpxx::native
