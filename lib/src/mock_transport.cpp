#include "httpxx/mock_transport.hpp"

#include "httpxx/errors.hpp"
#include "httpxx/loop.hpp"
#include "httpxx/response.hpp"

namespace httpxx {

namespace {

class MockBody final : public BodyStream {
 public:
  MockBody(std::vector<std::string> chunks, std::chrono::milliseconds delay,
           std::shared_ptr<int> open)
      : chunks_(std::move(chunks)), delay_(delay), open_(std::move(open)) {
    ++*open_;
  }
  ~MockBody() override { release(); }

  Task<std::optional<std::string>> next() override {
    if (released_) throw ReadError("mock body read after close");
    if (next_ == chunks_.size()) co_return std::nullopt;
    if (delay_.count() > 0) co_await sleep(delay_);
    co_return std::move(chunks_[next_++]);
  }
  Task<void> close() override {
    release();
    co_return;
  }

 private:
  void release() {
    if (!released_) --*open_;
    released_ = true;
  }
  std::vector<std::string> chunks_;
  std::size_t next_ = 0;
  std::chrono::milliseconds delay_;
  std::shared_ptr<int> open_;
  bool released_ = false;
};

Task<MockResponse> call_sync(const MockTransport::Handler& handler, Request request) {
  co_return handler(request);
}

}  // namespace

MockTransport::MockTransport(Handler handler, TransportCapabilities capabilities)
    : handler_([handler = std::move(handler)](const Request& r) { return call_sync(handler, r); }),
      capabilities_(capabilities),
      open_streams_(std::make_shared<int>(0)) {}

MockTransport::MockTransport(AsyncHandler handler, TransportCapabilities capabilities)
    : handler_(std::move(handler)),
      capabilities_(capabilities),
      open_streams_(std::make_shared<int>(0)) {}

MockTransport::~MockTransport() = default;

int MockTransport::open_streams() const noexcept { return *open_streams_; }

Task<TransportResponse> MockTransport::send(std::shared_ptr<const Request> request,
                                            TransportOptions /*options*/) {
  if (closed_) throw ConnectError("the mock transport is closed", *request);
  ++requests_;
  if (request->stream()) request->stream()->open();  // a body stream is sent once
  MockResponse mock = co_await handler_(*request);

  TransportResponse out;
  out.status = mock.status;
  out.reason = mock.reason.empty() ? std::string(reason_phrase(mock.status)) : mock.reason;
  out.http_version = mock.http_version;
  out.headers = std::move(mock.headers);
  if (mock.json) {
    mock.content = mock.json->text();
    out.headers.set_default("Content-Type", "application/json");
  }
  std::vector<std::string> chunks = std::move(mock.chunks);
  if (chunks.empty()) {
    out.headers.set_default("Content-Length", std::to_string(mock.content.size()));
    if (!mock.content.empty()) chunks.push_back(std::move(mock.content));
  }
  out.body = std::make_unique<MockBody>(std::move(chunks), mock.chunk_delay, open_streams_);
  co_return out;
}

Task<void> MockTransport::close() {
  closed_ = true;
  co_return;
}

}  // namespace httpxx
