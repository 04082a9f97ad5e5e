#include "httpxx/async_client.hpp"

#include "decoding/content_decoder.hpp"
#include "httpxx/errors.hpp"
#include "body_encoding.hpp"
#include "client_state.hpp"
#include "httpxx/loop.hpp"
#include "platform.hpp"
#include "redirects.hpp"

namespace httpxx {

namespace {

using detail::ClientState;

Headers default_headers(const TransportCapabilities& caps) {
  Headers h;
  h.add("Accept", "*/*");
  if (!caps.decodes_content && !detail::accepted_encodings().empty()) {
    h.add("Accept-Encoding", detail::accepted_encodings());
  }
  h.add("Connection", "keep-alive");
  h.add("User-Agent", detail::user_agent());
  return h;
}

// HTTPX's base_url rule: the base path always ends with '/', and a relative
// request path is appended to it (its own leading '/' removed).
URL merge_url(const URL& base, const URL& url) {
  if (url.is_absolute() || base.str().empty()) return url;
  std::string prefix = base.without_fragment().str();
  if (auto q = prefix.find('?'); q != std::string::npos) prefix.erase(q);
  if (prefix.empty() || prefix.back() != '/') prefix += '/';
  std::string_view rest = url.str();
  while (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  return URL(prefix + std::string(rest));
}

void check_sendable(const Request& request) {
  const URL& url = request.url();
  if (url.scheme().empty()) {
    throw UnsupportedProtocol("request URL '" + url.str() +
                                  "' is missing an 'http://' or 'https://' protocol",
                              request);
  }
  if (url.scheme() != "http" && url.scheme() != "https") {
    throw UnsupportedProtocol("request URL has an unsupported protocol '" + url.scheme() + "://'",
                              request);
  }
  if (url.host().empty()) throw InvalidURL("request URL '" + url.str() + "' has no host", request);
}

Task<Response> send_single(std::shared_ptr<ClientState> s, const Request& request,
                           Timeout timeout) {
  check_sendable(request);
  auto started = std::chrono::steady_clock::now();
  TransportResponse head;
  try {
    head = co_await s->transport->send(request, TransportOptions{timeout});
  } catch (Error& e) {
    e.attach_request(request);
    throw;
  }
  auto state = std::make_shared<detail::ResponseState>(request, std::move(head), s->life, started);
  state->default_encoding = s->options.default_encoding;
  if (!s->capabilities.decodes_content && request.method() != "HEAD") {
    if (const std::string* encoding = state->headers.first("Content-Encoding")) {
      try {
        state->decoder = detail::make_content_decoder(*encoding, s->options.max_decoded_size);
      } catch (...) {
        state->fail();
      }
    }
  }
  co_return Response(std::move(state));
}

}  // namespace

namespace detail {

Task<Response> send_request(std::shared_ptr<ClientState> s, Request request,
                            SendOptions options) {
  if (s->life->closed) {
    throw ClientClosed("cannot send a request: the client has been closed");
  }
  const bool follow = options.follow_redirects.value_or(s->options.follow_redirects);
  const Timeout timeout = options.timeout.value_or(s->options.timeout);
  std::vector<Response> history;
  Response response;
  for (;;) {
    if (history.size() > static_cast<std::size_t>(s->options.max_redirects)) {
      throw TooManyRedirects("exceeded the maximum of " + std::to_string(s->options.max_redirects) +
                                 " redirects",
                             request);
    }
    response = co_await send_single(s, request, timeout);
    response.state()->history = history;
    if (s->capabilities.follows_redirects || !response.has_redirect_location()) break;
    Request next = detail::build_redirect_request(request, response);
    if (!follow) {
      response.state()->next_request = std::move(next);
      break;
    }
    // Read the redirect's body so that its connection can be reused.
    (void)co_await response.read();
    history.push_back(response);
    request = std::move(next);
  }
  if (!options.stream) (void)co_await response.read();
  co_return response;
}

Request build_request(const ClientState& s, std::string_view method, const URL& url,
                      const RequestOptions& options) {
  URL full = merge_url(s.options.base_url, url);
  // Request parameters replace the client's of the same name; a name given
  // several times in the request keeps all its values.
  QueryParams params = s.options.params;
  for (const auto& param : options.params) params.remove(param.first);
  for (const auto& [name, value] : options.params) params.add(name, value);
  full = full.with_params(params);

  Headers headers = s.options.headers;
  headers.update(options.headers);

  std::string body = encode_body(options, headers);
  return Request(method, std::move(full), std::move(headers), std::move(body));
}

}  // namespace detail

namespace {

Task<Response> request_impl(std::shared_ptr<ClientState> s, std::string method, URL url,
                            RequestOptions options) {
  Request request = detail::build_request(*s, method, url, options);
  co_return co_await detail::send_request(
      s, std::move(request),
      SendOptions{options.stream, options.follow_redirects, options.timeout});
}

Task<void> close_impl(std::shared_ptr<ClientState> s) {
  if (s->life->closed) co_return;
  s->life->closed = true;
  co_await s->transport->close();
}

}  // namespace

AsyncClient::AsyncClient() : AsyncClient(ClientOptions{}) {}

AsyncClient::AsyncClient(ClientOptions options) : state_(std::make_shared<ClientState>()) {
  state_->transport =
      options.transport ? options.transport : detail::make_default_transport(options);
  state_->capabilities = state_->transport->capabilities();
  Headers headers = default_headers(state_->capabilities);
  headers.update(options.headers);
  options.headers = std::move(headers);
  state_->options = std::move(options);
}

AsyncClient::AsyncClient(AsyncClient&&) noexcept = default;
AsyncClient& AsyncClient::operator=(AsyncClient&& other) noexcept {
  if (this != &other) {
    if (state_) state_->life->closed = true;
    state_ = std::move(other.state_);
  }
  return *this;
}

AsyncClient::~AsyncClient() {
  // No awaiting in a destructor: mark the client closed so that streamed
  // responses refuse further reads; the transport releases its connections
  // when the last request in flight lets go of it.
  if (state_) state_->life->closed = true;
}

Task<Response> AsyncClient::get(URL url, RequestOptions options) {
  return request("GET", std::move(url), std::move(options));
}
Task<Response> AsyncClient::post(URL url, RequestOptions options) {
  return request("POST", std::move(url), std::move(options));
}
Task<Response> AsyncClient::put(URL url, RequestOptions options) {
  return request("PUT", std::move(url), std::move(options));
}
Task<Response> AsyncClient::patch(URL url, RequestOptions options) {
  return request("PATCH", std::move(url), std::move(options));
}
Task<Response> AsyncClient::delete_(URL url, RequestOptions options) {
  return request("DELETE", std::move(url), std::move(options));
}
Task<Response> AsyncClient::head(URL url, RequestOptions options) {
  return request("HEAD", std::move(url), std::move(options));
}
Task<Response> AsyncClient::options(URL url, RequestOptions options) {
  return request("OPTIONS", std::move(url), std::move(options));
}
Task<Response> AsyncClient::request(std::string method, URL url, RequestOptions options) {
  return request_impl(state_, std::move(method), std::move(url), std::move(options));
}

Request AsyncClient::build_request(std::string_view method, const URL& url,
                                   const RequestOptions& options) const {
  return detail::build_request(*state_, method, url, options);
}

Task<Response> AsyncClient::send(Request request, SendOptions options) {
  return detail::send_request(state_, std::move(request), std::move(options));
}

Task<void> AsyncClient::close() { return close_impl(state_); }

Parallel AsyncClient::parallel(ParallelOptions options) {
  return parallel(Loop::current(), options);
}

Parallel AsyncClient::parallel(Loop& loop, ParallelOptions options) {
  return Parallel(state_, loop, options);
}

bool AsyncClient::is_closed() const noexcept { return state_->life->closed; }
Headers& AsyncClient::headers() { return state_->options.headers; }
const ClientOptions& AsyncClient::options() const { return state_->options; }

}  // namespace httpxx
