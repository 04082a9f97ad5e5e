#pragma once
/// \file
/// `AsyncClient`: the coroutine HTTP client.

#include <memory>
#include <string>
#include <string_view>

#include "httpxx/cookies.hpp"
#include "httpxx/options.hpp"
#include "httpxx/parallel.hpp"
#include "httpxx/request.hpp"
#include "httpxx/response.hpp"
#include "httpxx/task.hpp"
#include "httpxx/url.hpp"
#include "httpxx/verbs.hpp"

namespace httpxx {

namespace detail {
struct ClientState;
}

/// An HTTP client for coroutines, with a connection pool, defaults and
/// settings shared by its requests.
///
///     httpxx::AsyncClient client({.base_url = "http://127.0.0.1:8000"});
///     auto r = co_await client.get("/users", {.params = {{"page", "2"}}});
///     std::cout << r.status_code() << r.text();
///     co_await client.close();
///
/// Request methods take their arguments by value, so the returned task may
/// be awaited later. Errors are exceptions of `errors.hpp`, each carrying
/// its request. Must be used from the thread running its loop.
///
/// Lifetime: `close()` closes every connection; later requests throw
/// `ClientClosed`, and streamed responses not yet read throw `StreamClosed`.
/// Buffered responses keep their content. Destroying an open client
/// releases its connections without blocking.
class AsyncClient : public Verbs<AsyncClient, Task<Response>> {
 public:
  AsyncClient();
  /// A client configured by `options` (see `ClientOptions`; the default constructor uses the
  /// defaults). Natively, a file named by a TLS option (`ca_file`, `cert`) is loaded here: a bad
  /// one throws.
  explicit AsyncClient(ClientOptions options);
  /// Moves the client; the moved-from client may only be destroyed or assigned to.
  AsyncClient(AsyncClient&&) noexcept;
  /// Move assignment: the client assigned to is released first, as by its destructor.
  AsyncClient& operator=(AsyncClient&&) noexcept;
  AsyncClient(const AsyncClient&) = delete;
  AsyncClient& operator=(const AsyncClient&) = delete;
  ~AsyncClient();

  // get, post, put, patch, delete_, head, options: from Verbs (verbs.hpp).
  /// Any method.
  [[nodiscard]] Task<Response> request(std::string method, URL url, RequestOptions options = {});

  /// Builds the request `request()` would send: base URL, merged params and
  /// headers, encoded body. Throws `InvalidURL`, `LocalProtocolError`.
  [[nodiscard]] Request build_request(std::string_view method, const URL& url,
                                      const RequestOptions& options = {}) const;
  /// Sends a built request (redirects per options, then the body read
  /// unless `stream`).
  [[nodiscard]] Task<Response> send(Request request, SendOptions options = {});

  /// A set of parallel requests on this client, run on the current loop
  /// (see `Parallel`). Throws `std::logic_error` outside a running loop.
  [[nodiscard]] Parallel parallel(ParallelOptions options = {});
  /// The same, with its requests run on `loop`.
  [[nodiscard]] Parallel parallel(Loop& loop, ParallelOptions options = {});

  /// Closes the transport and its connections. Idempotent.
  [[nodiscard]] Task<void> close();
  /// True once `close()` has been called.
  [[nodiscard]] bool is_closed() const noexcept;

  /// Client-wide headers (mutable, as `client.headers` in HTTPX).
  [[nodiscard]] Headers& headers();
  /// The client's cookie jar (mutable, as `client.cookies` in HTTPX): its
  /// cookies go with each request, and responses' cookies are stored in it.
  /// Unused when the transport keeps cookies itself (the browser).
  [[nodiscard]] Cookies& cookies();
  /// The options the client was made with.
  [[nodiscard]] const ClientOptions& client_options() const;

 private:
  std::shared_ptr<detail::ClientState> state_;
};

}  // namespace httpxx
