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

namespace httpxx {

/// A blocking sequence of body chunks, usable in a range-for:
/// `for (const std::string& chunk : response.stream())`.
class BlockingByteStream {
 public:
  BlockingByteStream(ByteStream stream, std::shared_ptr<Loop> loop)
      : stream_(std::move(stream)), loop_(std::move(loop)) {}
  /// The next chunk, or nullopt at the end (errors as `ByteStream::next`).
  std::optional<std::string> next();

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = std::string;
    using difference_type = std::ptrdiff_t;
    using pointer = const std::string*;
    using reference = const std::string&;
    iterator() = default;
    explicit iterator(BlockingByteStream* s) : stream_(s) { ++*this; }
    reference operator*() const { return *chunk_; }
    pointer operator->() const { return &*chunk_; }
    iterator& operator++() {
      chunk_ = stream_->next();
      if (!chunk_) stream_ = nullptr;
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) { return a.stream_ == b.stream_; }

   private:
    BlockingByteStream* stream_ = nullptr;
    std::optional<std::string> chunk_;
  };
  iterator begin() { return iterator(this); }
  iterator end() { return iterator(); }

 private:
  ByteStream stream_;
  std::shared_ptr<Loop> loop_;
};

/// A `Response` whose body methods block: `read()`, `stream()`, `raw()`,
/// `close()`. Every other member is `Response`'s.
class BlockingResponse : public Response {
 public:
  BlockingResponse() = default;
  BlockingResponse(Response response, std::shared_ptr<Loop> loop)
      : Response(std::move(response)), loop_(std::move(loop)) {}
  /// Reads and caches the body; returns `content()`.
  const std::string& read();
  [[nodiscard]] BlockingByteStream stream();
  [[nodiscard]] BlockingByteStream raw();
  void close();

 private:
  std::shared_ptr<Loop> loop_;
};

/// A request of a `BlockingParallel`; `get_response()` blocks until it is done.
class BlockingPendingResponse {
 public:
  BlockingPendingResponse(PendingResponse pending, std::shared_ptr<Loop> loop)
      : pending_(std::move(pending)), loop_(std::move(loop)) {}
  /// Runs the client's loop (so every request of the set progresses) until
  /// this request is done; returns its response or throws its error.
  BlockingResponse get_response();
  [[nodiscard]] bool done() const noexcept { return pending_.done(); }
  [[nodiscard]] const Request& request() const { return pending_.request(); }

 private:
  PendingResponse pending_;
  std::shared_ptr<Loop> loop_;
};

/// `Parallel` for the blocking client: the same names, blocking. Requests
/// start together when the first result is waited for. Destroying it
/// cancels what still runs.
class BlockingParallel {
 public:
  BlockingParallel(Parallel parallel, std::shared_ptr<Loop> loop)
      : parallel_(std::move(parallel)), loop_(std::move(loop)) {}
  BlockingPendingResponse get(URL url, RequestOptions options = {});
  BlockingPendingResponse post(URL url, RequestOptions options = {});
  BlockingPendingResponse put(URL url, RequestOptions options = {});
  BlockingPendingResponse patch(URL url, RequestOptions options = {});
  BlockingPendingResponse delete_(URL url, RequestOptions options = {});
  BlockingPendingResponse head(URL url, RequestOptions options = {});
  BlockingPendingResponse request(std::string method, URL url, RequestOptions options = {});
  BlockingPendingResponse send(Request request, SendOptions options = {});
  /// The next request to finish (completion order). See `Parallel`.
  BlockingResponse next_response();
  [[nodiscard]] bool has_pending() const noexcept { return parallel_.has_pending(); }
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
class Client {
 public:
  Client();
  explicit Client(ClientOptions options);
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  ~Client();

  BlockingResponse get(URL url, RequestOptions options = {});
  BlockingResponse post(URL url, RequestOptions options = {});
  BlockingResponse put(URL url, RequestOptions options = {});
  BlockingResponse patch(URL url, RequestOptions options = {});
  BlockingResponse delete_(URL url, RequestOptions options = {});
  BlockingResponse head(URL url, RequestOptions options = {});
  BlockingResponse options(URL url, RequestOptions options = {});
  BlockingResponse request(std::string method, URL url, RequestOptions options = {});
  [[nodiscard]] Request build_request(std::string_view method, const URL& url,
                                      const RequestOptions& options = {}) const;
  BlockingResponse send(Request request, SendOptions options = {});
  /// Parallel requests on this client (see `Parallel`).
  [[nodiscard]] BlockingParallel parallel(ParallelOptions options = {});
  void close();
  [[nodiscard]] bool is_closed() const noexcept;
  [[nodiscard]] Headers& headers();

 private:
  std::shared_ptr<Loop> loop_;
  std::unique_ptr<AsyncClient> async_;
};

/// One request on a temporary client: `auto r = httpxx::get("http://…");`.
BlockingResponse request(std::string method, URL url, RequestOptions options = {});
BlockingResponse get(URL url, RequestOptions options = {});
BlockingResponse post(URL url, RequestOptions options = {});
BlockingResponse put(URL url, RequestOptions options = {});
BlockingResponse patch(URL url, RequestOptions options = {});
BlockingResponse delete_(URL url, RequestOptions options = {});
BlockingResponse head(URL url, RequestOptions options = {});

}  // namespace httpxx
