#pragma once
// `ReplayTransport`: a transport whose "server" is a byte string. Each
// request's response is read from those bytes by the native transport's
// own parser (platform/native/response_parser.cpp), in reads cut as a
// `Chunker` says, the way `Exchange` reads from a socket: the head before
// `send` returns, the body one read per `next()`. What a response leaves
// unread is what the next request gets, as on a reused connection; when
// the bytes run out, the peer has closed the connection.
//
// It moves bytes only, as a transport should: redirects, cookies, auth,
// decoding and text are all left to lib/.

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "chunker.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/loop.hpp"
#include "httpxx/transport.hpp"
#include "response_parser.hpp"

namespace httpxx_fuzz {

/// The server's side of the one connection all requests share.
struct ReplayWire {
  Chunker reads;
  httpxx::native::HttpLimits limits;
  /// Suspend on the loop before each read, as a socket read would.
  bool yield = false;
  int open_bodies = 0;
};

class ReplayBody final : public httpxx::BodyStream {
 public:
  ReplayBody(std::shared_ptr<ReplayWire> wire,
             std::unique_ptr<httpxx::native::ResponseParser> parser, std::string pending)
      : wire_(std::move(wire)), parser_(std::move(parser)), pending_(std::move(pending)) {
    ++wire_->open_bodies;
  }
  ~ReplayBody() override { release(); }
  ReplayBody(const ReplayBody&) = delete;
  ReplayBody& operator=(const ReplayBody&) = delete;

  httpxx::Task<std::optional<std::string>> next() override {
    if (!parser_) throw httpxx::ReadError("the response body was read after close");
    for (;;) {
      if (!pending_.empty()) co_return std::exchange(pending_, std::string());
      if (parser_->complete()) co_return std::nullopt;
      if (wire_->yield) co_await httpxx::sleep(httpxx::Loop::Duration::zero());
      read_once(*wire_, *parser_, pending_);
    }
  }

  httpxx::Task<void> close() override {
    release();
    co_return;
  }

  /// One read off the wire into `parser`; the bytes it leaves go back.
  static void read_once(ReplayWire& wire, httpxx::native::ResponseParser& parser,
                        std::string& body) {
    if (wire.reads.done()) {
      parser.finish(body);
      return;
    }
    const std::string_view piece = wire.reads.next();
    const std::size_t used = parser.feed(piece, body);
    if (used < piece.size()) wire.reads.unread(piece.size() - used);
  }

 private:
  void release() {
    if (parser_) --wire_->open_bodies;
    parser_.reset();
  }

  std::shared_ptr<ReplayWire> wire_;
  std::unique_ptr<httpxx::native::ResponseParser> parser_;
  std::string pending_;
};

class ReplayTransport final : public httpxx::Transport {
 public:
  explicit ReplayTransport(std::shared_ptr<ReplayWire> wire) : wire_(std::move(wire)) {}

  httpxx::Task<httpxx::TransportResponse> send(std::shared_ptr<const httpxx::Request> shared,
                                               httpxx::TransportOptions /*options*/) override {
    const httpxx::Request& request = *shared;
    if (closed_) throw httpxx::ConnectError("the transport is closed", request);
    ++requests_;
    if (request.stream()) request.stream()->open();
    auto parser =
        std::make_unique<httpxx::native::ResponseParser>(wire_->limits, request.method() == "HEAD");
    std::string body;
    while (!parser->head_complete()) {
      if (wire_->yield) co_await httpxx::sleep(httpxx::Loop::Duration::zero());
      ReplayBody::read_once(*wire_, *parser, body);
    }
    httpxx::TransportResponse out;
    out.status = parser->status();
    out.reason = parser->reason();
    out.http_version = parser->http_version();
    out.headers = parser->take_headers();
    if (!parser->complete() || !body.empty()) {
      out.body = std::make_unique<ReplayBody>(wire_, std::move(parser), std::move(body));
    }
    co_return out;
  }

  httpxx::Task<void> close() override {
    closed_ = true;
    co_return;
  }

  [[nodiscard]] int requests() const noexcept { return requests_; }

 private:
  std::shared_ptr<ReplayWire> wire_;
  int requests_ = 0;
  bool closed_ = false;
};

}  // namespace httpxx_fuzz
