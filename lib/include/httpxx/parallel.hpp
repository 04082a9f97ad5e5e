#pragma once
/// \file
/// Parallel requests: `client.parallel()`, `PendingResponse::get_response()`,
/// `Parallel::next_response()` (completion order), as in HTTPX's reference.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "httpxx/options.hpp"
#include "httpxx/request.hpp"
#include "httpxx/response.hpp"
#include "httpxx/task.hpp"
#include "httpxx/url.hpp"
#include "httpxx/verbs.hpp"

namespace httpxx {

class Loop;

namespace detail {
struct ClientState;
struct ParallelState;
struct PendingState;
}  // namespace detail

/// Options of a `Parallel`.
struct ParallelOptions {
  /// At most this many requests run at once; the others wait in submission
  /// order. 0 means no limit of its own (natively the pool's limits apply).
  std::size_t max_concurrency = 0;
};

/// A request started by a `Parallel`, whose response is awaited later.
class PendingResponse {
 public:
  PendingResponse() = default;
  /// Waits for this request's response (the body read unless `stream`) and
  /// returns it, or throws the error of this request only. May be awaited
  /// again: the same response, or the same error, each time. Throws
  /// `std::logic_error` on an empty handle.
  [[nodiscard]] Task<Response> get_response();
  /// True once the request has finished (successfully or not).
  [[nodiscard]] bool done() const noexcept;
  /// The request as it was built (method, URL, headers).
  [[nodiscard]] const Request& request() const;

 private:
  friend class Parallel;
  explicit PendingResponse(std::shared_ptr<detail::PendingState> state)
      : state_(std::move(state)) {}
  std::shared_ptr<detail::PendingState> state_;
};

/// A set of requests running at the same time on one client.
///
///     auto p = client.parallel();
///     auto one = p.get(url1);
///     auto two = p.get(url2);                      // both start at once
///     Response r2 = co_await two.get_response();  // that one
///     while (p.has_pending()) {
///       Response r = co_await p.next_response();  // whichever finishes next
///     }
///     co_await p.close();
///
/// Requests start as soon as the caller suspends (they run on the loop of
/// the client's caller). Each error belongs to its request: it is thrown by
/// that request's `get_response()` or by the `next_response()` that returns
/// it, never by another's; an error nobody took is thrown by `close()`.
/// `close()` cancels what still runs (sockets closed, fetches aborted) and
/// waits until it is gone; destroying an unclosed `Parallel` cancels without
/// blocking. Close or destroy a `Parallel` before its loop.
class Parallel : public Verbs<Parallel, PendingResponse> {
 public:
  /// Moves the set; the moved-from `Parallel` may only be destroyed or assigned to.
  Parallel(Parallel&&) noexcept;
  /// Move assignment: the set assigned to is cancelled first, as by its destructor.
  Parallel& operator=(Parallel&&) noexcept;
  Parallel(const Parallel&) = delete;
  Parallel& operator=(const Parallel&) = delete;
  ~Parallel();

  // get, post, put, patch, delete_, head, options: from Verbs (verbs.hpp).
  /// Starts a request with any method and returns at once. Throws
  /// `InvalidURL`/`LocalProtocolError` at once for a request that cannot be built (nothing is
  /// started then). `get`, `post`, `put`, `patch`, `delete_`, `head`, `options` are shortcuts.
  PendingResponse request(std::string method, URL url, RequestOptions options = {});
  /// Starts a built request. Throws `InvalidURL`/`LocalProtocolError` at once
  /// for a request that cannot be built (nothing is started then).
  PendingResponse send(Request request, SendOptions options = {});

  /// The next request to finish, in completion order, that no earlier
  /// `next_response()` or `get_response()` returned. Throws its error if it
  /// failed, and `std::logic_error` if none is left (see `has_pending()`).
  [[nodiscard]] Task<Response> next_response();
  /// True while some request has not been returned by `next_response()` or
  /// `get_response()`.
  [[nodiscard]] bool has_pending() const noexcept;
  /// Requests not finished yet (running, or queued by `max_concurrency`).
  [[nodiscard]] std::size_t running() const noexcept;

  /// Waits for every request not yet taken and returns their responses in
  /// submission order; the first error is thrown after the others finished.
  [[nodiscard]] Task<std::vector<Response>> gather();

  /// Cancels the requests still running (their sockets are closed, their
  /// fetches aborted, before this returns); then throws the first error
  /// that no one took, if any. A cancelled request's own `get_response()`
  /// throws `RequestError`. Idempotent.
  [[nodiscard]] Task<void> close();

 private:
  friend class AsyncClient;
  Parallel(std::shared_ptr<detail::ClientState> client, Loop& loop, ParallelOptions options);
  std::shared_ptr<detail::ParallelState> state_;
};

}  // namespace httpxx
