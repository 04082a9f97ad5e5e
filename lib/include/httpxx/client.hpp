#pragma once
/// \file
/// `Client`: the blocking HTTP client, a thin façade over `AsyncClient`
/// driven on a private loop (native only), and the one-call helpers
/// `httpxx::get(url)` and friends.

#if defined(HTTPXX_NO_BLOCKING_CLIENT)
#error "httpxx::Client blocks, which the browser does not allow: use httpxx::AsyncClient."
#endif

#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "httpxx/async_client.hpp"
#include "httpxx/loop.hpp"
#include "httpxx/verbs.hpp"

namespace httpxx {

namespace detail {

/// A blocking view of an async body stream (`ByteStream`, `TextStream` or
/// `LineStream`): `next()` runs the client's loop until the next piece is
/// there, and the view is an input range, so it works in a range-for.
/// Holds its response (and the loop) alive.
template <class Stream>
class BlockingSequence {
 public:
  BlockingSequence(Stream stream, std::shared_ptr<Loop> loop)
      : stream_(std::move(stream)), loop_(std::move(loop)) {}
  /// The next piece, or nullopt at the end (errors as `Stream::next`).
  std::optional<std::string> next();

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = std::string;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::string*;
    using reference = const std::string&;
    iterator() = default;
    explicit iterator(BlockingSequence* s) : sequence_(s) { ++*this; }
    reference operator*() const { return *piece_; }
    pointer operator->() const { return &*piece_; }
    iterator& operator++() {
      piece_ = sequence_->next();
      if (!piece_) sequence_ = nullptr;
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) {
      return a.sequence_ == b.sequence_;
    }

   private:
    BlockingSequence* sequence_ = nullptr;
    std::optional<std::string> piece_;
  };
  /// Reads the first piece (blocking); `end()` is reached after the last.
  iterator begin() { return iterator(this); }
  iterator end() { return iterator(); }

 private:
  Stream stream_;
  std::shared_ptr<Loop> loop_;
};

// Defined in client.cpp for exactly these three streams.
extern template class BlockingSequence<ByteStream>;
extern template class BlockingSequence<TextStream>;
extern template class BlockingSequence<LineStream>;

}  // namespace detail

/// A blocking sequence of body chunks (decoded, or raw from `raw()`),
/// usable in a range-for: `for (const std::string& chunk : response.stream())`.
class BlockingByteStream : public detail::BlockingSequence<ByteStream> {
 public:
  using BlockingSequence::BlockingSequence;
};

/// The body as UTF-8 text in pieces (HTTPX's `iter_text()`), blocking:
/// `for (const std::string& piece : response.text_stream())`. See
/// `TextStream` for the decoding rules.
class BlockingTextStream : public detail::BlockingSequence<TextStream> {
 public:
  using BlockingSequence::BlockingSequence;
};

/// The body's text line by line without line endings (HTTPX's
/// `iter_lines()`), blocking: `for (const std::string& line : response.lines())`.
/// See `LineStream` for what ends a line.
class BlockingLineStream : public detail::BlockingSequence<LineStream> {
 public:
  using BlockingSequence::BlockingSequence;
};

/// A `Response` whose body members block: `read()`, `stream()`, `raw()`,
/// `text_stream()`, `lines()` and `close()` have `Response`'s names and
/// rules but return results instead of tasks and async streams. They hide
/// `Response`'s async members, so calling one of those on a blocking
/// response does not compile (its loop is private: nothing could drive it).
/// Every other member is `Response`'s. A blocking response keeps its
/// client's loop alive, so it may outlive its client (a streamed body then
/// throws `StreamClosed`).
class BlockingResponse : public Response {
 public:
  /// An empty handle; body members throw `std::logic_error`.
  BlockingResponse() = default;
  /// Wraps `response`, whose streams run on `loop` (made by `Client`; users get blocking
  /// responses from it rather than build them).
  BlockingResponse(Response response, std::shared_ptr<Loop> loop)
      : Response(std::move(response)), loop_(std::move(loop)) {}
  /// Reads and caches the body; returns `content()`. Throws as `Response::read`.
  const std::string& read();
  /// The decoded body, chunk by chunk. Throws as `Response::stream`.
  [[nodiscard]] BlockingByteStream stream();
  /// The body as it came off the wire. Throws as `Response::raw`.
  [[nodiscard]] BlockingByteStream raw();
  /// The body as text in pieces. Throws as `Response::text_stream`.
  [[nodiscard]] BlockingTextStream text_stream();
  /// The body's lines. Throws as `Response::lines`.
  [[nodiscard]] BlockingLineStream lines();
  /// Releases the body stream and the connection. Safe to call twice.
  void close();
  /// The redirect (and auth) responses that led here, oldest first, as
  /// blocking responses (their bodies are read already).
  [[nodiscard]] std::vector<BlockingResponse> history() const;
  /// Throws `HTTPStatusError` unless the status is 2xx; returns `*this`.
  const BlockingResponse& raise_for_status() const;

 private:
  std::shared_ptr<Loop> loop_;
};

/// A request of a `BlockingParallel`; `get_response()` blocks until it is done.
class BlockingPendingResponse {
 public:
  /// Wraps `pending`, driven by `loop` (made by `BlockingParallel`).
  BlockingPendingResponse(PendingResponse pending, std::shared_ptr<Loop> loop)
      : pending_(std::move(pending)), loop_(std::move(loop)) {}
  /// Runs the client's loop (so every request of the set progresses) until
  /// this request is done; returns its response or throws its error.
  BlockingResponse get_response();
  /// True once the request has finished (with a response or an error).
  [[nodiscard]] bool done() const noexcept { return pending_.done(); }
  /// The request as it was built (see `PendingResponse::request`).
  [[nodiscard]] const Request& request() const { return pending_.request(); }

 private:
  PendingResponse pending_;
  std::shared_ptr<Loop> loop_;
};

/// `Parallel` for the blocking client: the same names, blocking. Requests
/// start together when the first result is waited for. Destroying it
/// cancels what still runs.
class BlockingParallel : public Verbs<BlockingParallel, BlockingPendingResponse> {
 public:
  /// Wraps `parallel`, driven by `loop` (made by `Client::parallel`).
  BlockingParallel(Parallel parallel, std::shared_ptr<Loop> loop)
      : parallel_(std::move(parallel)), loop_(std::move(loop)) {}
  // get, post, put, patch, delete_, head, options: from Verbs (verbs.hpp).
  /// Adds a request with any method (see `Parallel::request`). Throws `InvalidURL` or
  /// `LocalProtocolError` if it cannot be built; nothing is sent until a result is waited for.
  BlockingPendingResponse request(std::string method, URL url, RequestOptions options = {});
  /// Adds a built request (see `Parallel::send`).
  BlockingPendingResponse send(Request request, SendOptions options = {});
  /// The next request to finish (completion order). See `Parallel`.
  BlockingResponse next_response();
  /// True while some request has not been returned by `next_response()` or its
  /// `get_response()`.
  [[nodiscard]] bool has_pending() const noexcept { return parallel_.has_pending(); }
  /// Requests not finished yet (running, or queued by `max_concurrency`).
  [[nodiscard]] std::size_t running() const noexcept { return parallel_.running(); }
  /// Every response not yet taken, in submission order.
  std::vector<BlockingResponse> gather();
  /// Cancels what still runs; throws an error no one took.
  void close();

 private:
  BlockingPendingResponse wrap(PendingResponse p) { return {std::move(p), loop_}; }
  Parallel parallel_;
  std::shared_ptr<Loop> loop_;
};

/// The blocking client: the same names as `AsyncClient`, returning results
/// instead of tasks. Each call runs a private event loop until it is done.
/// Destroying the client closes it. Not thread-safe: one thread at a time.
class Client : public Verbs<Client, BlockingResponse> {
 public:
  Client();
  /// A client configured by `options` (see `ClientOptions`; the default constructor uses the
  /// defaults). A file named by a TLS option (`ca_file`, `cert`) is loaded here: a bad one throws.
  explicit Client(ClientOptions options);
  /// Moves the client; the moved-from client may only be destroyed or assigned to.
  Client(Client&&) noexcept;
  /// Move assignment: the client assigned to is closed first, as by its destructor.
  Client& operator=(Client&&) noexcept;
  ~Client();

  // get, post, put, patch, delete_, head, options: from Verbs (verbs.hpp).
  /// Sends a request with any method and returns its response (body read unless
  /// `options.stream`). Throws the errors of `errors.hpp` (`ConnectError`, `ReadTimeout`, …);
  /// a 4xx or 5xx status is a response, not an error (see `raise_for_status()`).
  BlockingResponse request(std::string method, URL url, RequestOptions options = {});
  /// Builds the request `request()` would send: base URL, merged params and headers,
  /// encoded body. Throws `InvalidURL`, `LocalProtocolError`.
  [[nodiscard]] Request build_request(std::string_view method, const URL& url,
                                      const RequestOptions& options = {}) const;
  /// Sends a built request (redirects per options, then the body read unless `stream`).
  BlockingResponse send(Request request, SendOptions options = {});
  /// Parallel requests on this client (see `Parallel`).
  [[nodiscard]] BlockingParallel parallel(ParallelOptions options = {});
  /// Closes the client and its connections. Later requests throw `ClientClosed`. Idempotent.
  void close();
  /// True once `close()` has been called.
  [[nodiscard]] bool is_closed() const noexcept;
  /// Client-wide headers (mutable, as `client.headers` in HTTPX).
  [[nodiscard]] Headers& headers();
  /// The client's cookie jar (mutable, as `client.cookies` in HTTPX): its
  /// cookies go with each request, and responses' cookies are stored in it.
  /// Valid while the client lives.
  [[nodiscard]] Cookies& cookies();
  /// The options the client was made with.
  [[nodiscard]] const ClientOptions& client_options() const;

 private:
  std::shared_ptr<Loop> loop_;
  std::unique_ptr<AsyncClient> async_;
};

/// One request on a temporary client: `auto r = httpxx::get("http://…");`.
BlockingResponse request(std::string method, URL url, RequestOptions options = {});
/// A GET on a temporary client (see `request`).
BlockingResponse get(URL url, RequestOptions options = {});
/// A POST on a temporary client (see `request`).
BlockingResponse post(URL url, RequestOptions options = {});
/// A PUT on a temporary client (see `request`).
BlockingResponse put(URL url, RequestOptions options = {});
/// A PATCH on a temporary client (see `request`).
BlockingResponse patch(URL url, RequestOptions options = {});
/// A DELETE on a temporary client (`delete` is a C++ keyword; see `request`).
BlockingResponse delete_(URL url, RequestOptions options = {});
/// A HEAD on a temporary client (see `request`).
BlockingResponse head(URL url, RequestOptions options = {});

}  // namespace httpxx
