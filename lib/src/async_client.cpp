#include "httpxx/async_client.hpp"

#include <exception>
#include <stdexcept>

#include "body_encoding.hpp"
#include "client_state.hpp"
#include "client_version.hpp"
#include "deadline.hpp"
#include "httpxx/auth.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/loop.hpp"
#include "platform.hpp"
#include "recycling_allocator.hpp"
#include "redirects.hpp"
#include "response_factory.hpp"

namespace httpxx {

namespace {

using detail::ClientState;
using detail::SharedRequest;

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
URL merge_url(const URL& base, URL url) {
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
    throw UnsupportedProtocol(
        "request URL '" + url.str() + "' is missing an 'http://' or 'https://' protocol", request);
  }
  if (url.scheme() != "http" && url.scheme() != "https") {
    throw UnsupportedProtocol("request URL has an unsupported protocol '" + url.scheme() + "://'",
                              request);
  }
  if (url.host().empty()) throw InvalidURL("request URL '" + url.str() + "' has no host", request);
}

// The request is shared by the transport and the response
// (`response.request()`), never copied.
Task<Response> send_single(std::shared_ptr<ClientState> s, SharedRequest request,
                           TransportOptions sending) {
  check_sendable(*request);
  auto started = std::chrono::steady_clock::now();
  TransportResponse head;
  try {
    head = co_await s->transport->send(request, std::move(sending));
  } catch (Error& e) {
    e.attach_request(*request);
    throw;
  }
  co_return detail::ResponseFactory::make(*s, std::move(request), std::move(head), started);
}

// One request on the wire: the jar's cookies, the request hooks, the
// transport, the response's cookies into the jar, the response hooks.
Task<Response> send_hooked(std::shared_ptr<ClientState> s, SharedRequest request,
                           TransportOptions sending) {
  const bool use_jar = !s->capabilities.manages_cookies;
  if (use_jar && !s->options.cookies.empty()) {
    s->options.cookies.set_cookie_header(detail::writable(request));
  }
  if (!s->options.event_hooks.request.empty()) {
    Request& changing = detail::writable(request);
    try {
      for (const auto& hook : s->options.event_hooks.request) co_await hook(changing);
    } catch (Error& e) {
      e.attach_request(changing);
      throw;
    }
  }
  Response response = co_await send_single(s, std::move(request), sending);
  if (use_jar) s->options.cookies.extract_cookies(response);
  std::exception_ptr failed;
  try {
    for (const auto& hook : s->options.event_hooks.response) co_await hook(response);
  } catch (Error& e) {
    e.attach_request(response.request());
    failed = std::current_exception();
  } catch (...) {
    failed = std::current_exception();
  }
  if (failed) {
    co_await response.close();
    std::rethrow_exception(failed);
  }
  co_return response;
}

// Sends `request` and follows its redirects (when `follow`); the response's
// body is not read. `history` holds the responses that came before (those
// of an auth flow).
Task<Response> send_handling_redirects(std::shared_ptr<ClientState> s, SharedRequest request,
                                       bool follow, TransportOptions sending,
                                       std::vector<Response> history) {
  int redirects = 0;
  for (;;) {
    if (redirects > s->options.max_redirects) {
      throw TooManyRedirects(
          "exceeded the maximum of " + std::to_string(s->options.max_redirects) + " redirects",
          *request);
    }
    Response response = co_await send_hooked(s, std::move(request), sending);
    detail::ResponseFactory::set_history(response, history);
    if (s->capabilities.follows_redirects || !response.has_redirect_location()) co_return response;
    Request next = detail::build_redirect_request(response.request(), response);
    if (!follow) {
      detail::ResponseFactory::set_next_request(response, std::move(next));
      co_return response;
    }
    // Read the redirect's body so that its connection can be reused.
    (void)co_await response.read();
    history.push_back(response);
    ++redirects;
    request = detail::share(std::move(next));
  }
}

// What the `AuthSend` of one auth flow works on.
struct AuthRun {
  std::shared_ptr<ClientState> client;
  bool follow = false;
  TransportOptions sending{};
  std::vector<Response> history{};
  std::optional<Response> last{};
};

Task<Response> auth_send(AuthRun& run, Request request) {
  if (run.last) {
    // The flow is done with the previous response: read it (so that its
    // connection can be reused) and keep it in the history.
    Response previous = std::move(*run.last);
    run.last.reset();
    if (!previous.is_closed()) {
      if (previous.is_stream_consumed()) {
        co_await previous.close();
      } else {
        (void)co_await previous.read();
      }
    }
    run.history = previous.history();
    run.history.push_back(previous);
  }
  Response response = co_await send_handling_redirects(
      run.client, detail::share(std::move(request)), run.follow, run.sending, run.history);
  run.last = response;
  co_return response;
}

// The request's auth, else the client's, else Basic from the URL's user info.
std::shared_ptr<Auth> auth_for(const ClientState& s, const Request& request,
                               const SendOptions& options) {
  if (options.auth) return options.auth;
  if (s.options.auth) return s.options.auth;
  std::string username = request.url().username();
  std::string password = request.url().password();
  if (!username.empty() || !password.empty()) {
    return std::make_shared<BasicAuth>(std::move(username), std::move(password));
  }
  return nullptr;
}

}  // namespace

namespace {

// HTTPX's three nested steps: the auth flow, then redirects, then one send.
Task<Response> send_without_deadline(std::shared_ptr<ClientState> s, SharedRequest request,
                                     SendOptions options, PhaseTimeouts phases) {
  if (s->life->closed) {
    throw ClientClosed("cannot send a request: the client has been closed");
  }
  AuthRun run;
  run.client = s;
  run.follow = options.follow_redirects.value_or(s->options.follow_redirects);
  run.sending.timeout = phases;
  // Every response of a buffered request is read to its end (those of
  // redirects and auth steps too), so the transport may take bodies whole.
  run.sending.read_whole = !options.stream;
  run.sending.max_decoded_size = s->options.max_decoded_size;
  if (run.sending.read_whole) run.sending.max_read_size = s->options.max_read_size;
  std::shared_ptr<Auth> auth = auth_for(*s, *request, options);
  if (!request->url().username().empty() || !request->url().password().empty()) {
    // The credentials travel in the auth, never in the URL (fetch refuses
    // such URLs). A streamed body stays where it is: it can be sent once.
    if (!request->stream()) {
      request = detail::share(Request(request->method(), request->url().without_userinfo(),
                                      request->headers(), request->content()));
    }
  }
  Response response;
  if (!auth) {
    std::vector<Response> no_history;
    response = co_await send_handling_redirects(s, std::move(request), run.follow, run.sending,
                                                std::move(no_history));
  } else {
    AuthSend send = [&run](Request next) { return auth_send(run, std::move(next)); };
    try {
      response = co_await auth->flow(*request, send);  // the flow's own copy
    } catch (Error& e) {
      e.attach_request(*request);
      throw;
    }
  }
  if (!options.stream) (void)co_await response.read();
  co_return response;
}

}  // namespace

namespace detail {

SharedRequest share(Request request) {
  return std::allocate_shared<Request>(RecyclingAllocator<Request>(), std::move(request));
}

Request& writable(SharedRequest& request) {
  if (request.use_count() != 1) request = share(Request(*request));
  return *request;
}

Task<Response> send_request(std::shared_ptr<ClientState> s, SharedRequest request,
                            SendOptions options) {
  // The one place the request's timeout meets the client's: the phases go
  // to the transport, the total wraps everything below.
  const Timeout timeout = options.timeout.value_or(s->options.timeout);
  const PhaseTimeouts phases(timeout);
  if (!timeout.total) {
    co_return co_await send_without_deadline(s, std::move(request), std::move(options), phases);
  }
  // The whole request, redirects and auth included, under one deadline.
  const auto limit = *timeout.total;
  std::string message =
      "the request did not complete within its total timeout of " +
      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(limit).count()) + " ms";
  SharedRequest kept = request;  // for the error
  try {
    co_return co_await with_deadline(
        send_without_deadline(s, std::move(request), std::move(options), phases), limit,
        std::move(message));
  } catch (Error& e) {
    e.attach_request(*kept);
    throw;
  }
}

Request build_request(const ClientState& s, std::string_view method, URL url,
                      const RequestOptions& options) {
  URL full = merge_url(s.options.base_url, std::move(url));
  // Request parameters replace the client's of the same name; a name given
  // several times in the request keeps all its values.
  if (!s.options.params.empty() || !options.params.empty()) {
    QueryParams params = s.options.params;
    for (const auto& param : options.params) params.remove(param.first);
    for (const auto& [name, value] : options.params) params.add(name, value);
    full = full.with_params(params);
  }

  // Room for the fields the request adds (Host, Content-Length, ...), so
  // that building the request does not grow the storage again.
  Headers headers;
  headers.reserve(s.options.headers.size() + options.headers.size() + 4, 256);
  headers.update(s.options.headers);
  headers.update(options.headers);

  std::string body = encode_body(options, headers);
  Request request(method, std::move(full), std::move(headers), std::move(body));
  attach_body_stream(request, options);
  if (!options.cookies.empty()) {
    Cookies cookies = options.cookies;
    cookies.set_cookie_header(request);
  }
  return request;
}

}  // namespace detail

namespace {

Task<Response> request_impl(std::shared_ptr<ClientState> s, std::string method, URL url,
                            RequestOptions options) {
  Request request = detail::build_request(*s, method, std::move(url), options);
  co_return co_await detail::send_request(s, detail::share(std::move(request)),
                                          detail::send_options_of(options));
}

Task<void> close_impl(std::shared_ptr<ClientState> s) {
  if (s->life->closed) co_return;
  s->life->closed = true;
  co_await s->transport->close();
}

}  // namespace

AsyncClient::AsyncClient() : AsyncClient(ClientOptions{}) {}

AsyncClient::AsyncClient(ClientOptions options) : state_(std::make_shared<ClientState>()) {
  if (!options.http1 && !options.http2) {
    throw std::invalid_argument("httpxx: http1 and http2 are both false: no protocol is left");
  }
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

Task<Response> AsyncClient::request(std::string method, URL url, RequestOptions options) {
  return request_impl(state_, std::move(method), std::move(url), std::move(options));
}

Request AsyncClient::build_request(std::string_view method, const URL& url,
                                   const RequestOptions& options) const {
  // A built request carries what is sent; how it is sent is given to
  // send(). Dropping these here would lose them without a word.
  const char* send_option = options.stream                         ? "stream"
                            : options.follow_redirects.has_value() ? "follow_redirects"
                            : options.timeout.has_value()          ? "timeout"
                            : options.auth                         ? "auth"
                                                                   : nullptr;
  if (send_option) {
    throw LocalProtocolError(std::string("a built request takes no '") + send_option +
                             "' (it says how to send): give it to send()");
  }
  return detail::build_request(*state_, method, url, options);
}

Task<Response> AsyncClient::send(Request request, SendOptions options) {
  return detail::send_request(state_, detail::share(std::move(request)), std::move(options));
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
Cookies& AsyncClient::cookies() { return state_->options.cookies; }
const ClientOptions& AsyncClient::client_options() const { return state_->options; }

}  // namespace httpxx
