#pragma once
/// \file
/// `MockTransport`: serves responses from a function, without sockets (as
/// `httpx.MockTransport`). For testing client code and httpxx itself.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "httpxx/headers.hpp"
#include "httpxx/json_body.hpp"
#include "httpxx/transport.hpp"

namespace httpxx {

/// A response served by a `MockTransport` handler.
struct MockResponse {
  /// The status code.
  int status = 200;
  /// The response's header fields.
  Headers headers{};
  /// The body, sent as one chunk (a `Content-Length` is added unless set).
  std::string content{};
  /// If not empty, the body is sent as these chunks instead of `content`.
  std::vector<std::string> chunks{};
  /// If set, the body is this JSON (and `Content-Type: application/json`).
  std::optional<JsonBody> json{};
  /// Wait this long on the loop before each chunk (for streaming tests).
  std::chrono::milliseconds chunk_delay{0};
  std::string reason{};  ///< default: the standard phrase of `status`
  /// The version the response reports (`Response::http_version()`).
  std::string http_version = "HTTP/1.1";
};

/// A transport that answers every request by calling a handler.
///
///     MockTransport mock([](const Request& r) {
///       return MockResponse{.status = 200, .content = "hi " + r.url().path()};
///     });
///
/// A handler may throw (for example `ConnectError`) to simulate a failure,
/// or be a coroutine returning `Task<MockResponse>` to control when each
/// response completes.
class MockTransport final : public Transport {
 public:
  /// A handler that answers at once.
  using Handler = std::function<MockResponse(const Request&)>;
  /// A handler that answers when its task completes (it may wait on the loop).
  using AsyncHandler = std::function<Task<MockResponse>(const Request&)>;

  /// Answers every request with `handler`; `capabilities` lets tests pose as a transport
  /// that follows redirects, decodes content or keeps cookies itself.
  explicit MockTransport(Handler handler, TransportCapabilities capabilities = {});
  /// The same, with a coroutine handler.
  explicit MockTransport(AsyncHandler handler, TransportCapabilities capabilities = {});
  ~MockTransport() override;

  [[nodiscard]] Task<TransportResponse> send(std::shared_ptr<const Request> request,
                                             TransportOptions options) override;
  [[nodiscard]] Task<void> close() override;
  [[nodiscard]] TransportCapabilities capabilities() const override { return capabilities_; }

  /// Body streams handed out and not yet closed or destroyed.
  [[nodiscard]] int open_streams() const noexcept;
  /// Requests received so far.
  [[nodiscard]] int requests() const noexcept { return requests_; }
  /// True once `close()` has been called.
  [[nodiscard]] bool is_closed() const noexcept { return closed_; }

 private:
  AsyncHandler handler_;
  TransportCapabilities capabilities_;
  std::shared_ptr<int> open_streams_;
  int requests_ = 0;
  bool closed_ = false;
};

}  // namespace httpxx
