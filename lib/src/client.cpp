#include "httpxx/client.hpp"

#include <stdexcept>

namespace httpxx {

namespace {
Loop& require(const std::shared_ptr<Loop>& loop) {
  if (!loop) throw std::logic_error("use of an empty httpxx::BlockingResponse");
  return *loop;
}
}  // namespace

namespace detail {

template <class Stream>
std::optional<std::string> BlockingSequence<Stream>::next() {
  return require(loop_).run(stream_.next());
}

template class BlockingSequence<ByteStream>;
template class BlockingSequence<TextStream>;
template class BlockingSequence<LineStream>;

}  // namespace detail

const std::string& BlockingResponse::read() {
  (void)require(loop_).run(Response::read());
  return content();
}

BlockingByteStream BlockingResponse::stream() { return {Response::stream(), loop_}; }
BlockingByteStream BlockingResponse::raw() { return {Response::raw(), loop_}; }
BlockingTextStream BlockingResponse::text_stream() { return {Response::text_stream(), loop_}; }
BlockingLineStream BlockingResponse::lines() { return {Response::lines(), loop_}; }
void BlockingResponse::close() { require(loop_).run(Response::close()); }

std::vector<BlockingResponse> BlockingResponse::history() const {
  const std::vector<Response>& hops = Response::history();
  std::vector<BlockingResponse> out;
  out.reserve(hops.size());
  for (const Response& hop : hops) out.emplace_back(hop, loop_);
  return out;
}

const BlockingResponse& BlockingResponse::raise_for_status() const {
  (void)Response::raise_for_status();
  return *this;
}

BlockingResponse BlockingPendingResponse::get_response() {
  return {require(loop_).run(pending_.get_response()), loop_};
}

BlockingPendingResponse BlockingParallel::request(std::string method, URL url,
                                                  RequestOptions options) {
  return wrap(parallel_.request(std::move(method), std::move(url), std::move(options)));
}
BlockingPendingResponse BlockingParallel::send(Request request, SendOptions options) {
  return wrap(parallel_.send(std::move(request), std::move(options)));
}
BlockingResponse BlockingParallel::next_response() {
  return {require(loop_).run(parallel_.next_response()), loop_};
}
std::vector<BlockingResponse> BlockingParallel::gather() {
  std::vector<BlockingResponse> out;
  for (Response& r : require(loop_).run(parallel_.gather())) out.emplace_back(std::move(r), loop_);
  return out;
}
void BlockingParallel::close() { require(loop_).run(parallel_.close()); }

Client::Client() : Client(ClientOptions{}) {}

Client::Client(ClientOptions options)
    : loop_(detail::make_default_loop()),
      async_(std::make_unique<AsyncClient>(std::move(options))) {}

Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&& other) noexcept {
  if (this != &other) {
    if (async_ && !async_->is_closed()) {
      try {
        close();
      } catch (...) {  // a destructor-like path: closing is best effort
      }
    }
    loop_ = std::move(other.loop_);
    async_ = std::move(other.async_);
  }
  return *this;
}

Client::~Client() {
  if (async_ && !async_->is_closed()) {
    try {
      close();
    } catch (...) {  // never throw from a destructor; the transport drops what is left
    }
  }
}

BlockingResponse Client::request(std::string method, URL url, RequestOptions options) {
  return {loop_->run(async_->request(std::move(method), std::move(url), std::move(options))),
          loop_};
}
Request Client::build_request(std::string_view method, const URL& url,
                              const RequestOptions& options) const {
  return async_->build_request(method, url, options);
}
BlockingResponse Client::send(Request request, SendOptions options) {
  return {loop_->run(async_->send(std::move(request), std::move(options))), loop_};
}
BlockingParallel Client::parallel(ParallelOptions options) {
  return {async_->parallel(*loop_, options), loop_};
}
void Client::close() { loop_->run(async_->close()); }
bool Client::is_closed() const noexcept { return async_->is_closed(); }
Headers& Client::headers() { return async_->headers(); }
Cookies& Client::cookies() { return async_->cookies(); }
const ClientOptions& Client::client_options() const { return async_->client_options(); }

BlockingResponse request(std::string method, URL url, RequestOptions options) {
  Client client;
  return client.request(std::move(method), std::move(url), std::move(options));
}
BlockingResponse get(URL url, RequestOptions options) {
  return request("GET", std::move(url), std::move(options));
}
BlockingResponse post(URL url, RequestOptions options) {
  return request("POST", std::move(url), std::move(options));
}
BlockingResponse put(URL url, RequestOptions options) {
  return request("PUT", std::move(url), std::move(options));
}
BlockingResponse patch(URL url, RequestOptions options) {
  return request("PATCH", std::move(url), std::move(options));
}
BlockingResponse delete_(URL url, RequestOptions options) {
  return request("DELETE", std::move(url), std::move(options));
}
BlockingResponse head(URL url, RequestOptions options) {
  return request("HEAD", std::move(url), std::move(options));
}

}  // namespace httpxx
