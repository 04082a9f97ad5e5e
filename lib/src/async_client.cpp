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

// A task that fails with `error` when awaited: a step that finds the
// request unsendable before any coroutine of its own runs reports it where
// the caller awaits, as a coroutine would.
Task<Response> failing(std::exception_ptr error) {
  std::rethrow_exception(error);
  co_return Response{};  // not reached; makes this a coroutine
}

// The request hooks, which may change the request (only called when the
// client has some).
Task<void> run_request_hooks(const ClientState& s, Request& request) {
  try {
    for (const auto& hook : s.options.event_hooks.request) co_await hook(request);
  } catch (Error& e) {
    e.attach_request(request);
    throw;
  }
}

// The response hooks (only called when the client has some); a failing
// hook closes the response.
Task<void> run_response_hooks(const ClientState& s, Response& response) {
  std::exception_ptr failed;
  try {
    for (const auto& hook : s.options.event_hooks.response) co_await hook(response);
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
}

// Before a hop goes out: the client is still open, the redirect limit
// holds, and the jar's cookies are on the request.
void prepare_hop(ClientState& s, SharedRequest& request, int redirects) {
  if (s.life->closed) throw ClientClosed("cannot send a request: the client has been closed");
  if (redirects > s.options.max_redirects) {
    throw TooManyRedirects(
        "exceeded the maximum of " + std::to_string(s.options.max_redirects) + " redirects",
        *request);
  }
  if (!s.capabilities.manages_cookies && !s.options.cookies.empty()) {
    s.options.cookies.set_cookie_header(detail::writable(request));
  }
}

// The response to a hop's request (which it takes), its cookies into the
// jar.
Response hop_response(ClientState& s, SharedRequest& request, TransportResponse&& head,
                      std::chrono::steady_clock::time_point started) {
  Response response =
      detail::ResponseFactory::make(s, std::move(request), std::move(head), started);
  if (!s.capabilities.manages_cookies) s.options.cookies.extract_cookies(response);
  return response;
}

// A redirect not followed: the response offers the request that would
// follow it (`next_request`).
void keep_next_request(Response& response) {
  detail::ResponseFactory::set_next_request(
      response, detail::build_redirect_request(response.request(), response));
}

// The request that follows a redirect.
SharedRequest next_request(const Response& response) {
  return detail::share(detail::build_redirect_request(response.request(), response));
}

// Sends `request` and follows its redirects (when `follow`); reads the final
// response's body when `read_body`. `history` holds the responses that came
// before (those of an auth flow).
//
// Each hop is one request on the wire: the jar's cookies, the request hooks,
// the transport, the response's cookies into the jar, the response hooks.
// The request is shared by the transport and the response
// (`response.request()`), never copied. One coroutine does it all (the hooks
// are their own only when the client has some): it lives as long as the
// request does, and with a thousand requests in flight each frame less is
// memory the CPU's caches keep.
Task<Response> send_handling_redirects(std::shared_ptr<ClientState> s, SharedRequest request,
                                       bool follow, bool read_body, TransportOptions sending,
                                       std::vector<Response> history) {
  // The coroutine keeps every local in its frame, even one that never
  // waits: the steps without a wait are the plain functions above.
  int redirects = 0;
  for (;;) {
    prepare_hop(*s, request, redirects);
    if (!s->options.event_hooks.request.empty()) {
      co_await run_request_hooks(*s, detail::writable(request));
    }
    check_sendable(*request);
    const auto started = std::chrono::steady_clock::now();
    std::optional<Response> response;
    try {
      response.emplace(
          hop_response(*s, request, co_await s->transport->send(request, sending), started));
    } catch (Error& e) {
      if (request) e.attach_request(*request);  // else the response took it
      throw;
    }
    if (!s->options.event_hooks.response.empty()) co_await run_response_hooks(*s, *response);
    detail::ResponseFactory::set_history(*response, history);
    if (s->capabilities.follows_redirects || !response->has_redirect_location()) {
      if (read_body) (void)co_await response->read();
      co_return std::move(*response);
    }
    if (!follow) {
      keep_next_request(*response);
      if (read_body) (void)co_await response->read();
      co_return std::move(*response);
    }
    // Read the redirect's body so that its connection can be reused.
    (void)co_await response->read();
    request = next_request(*response);
    history.push_back(std::move(*response));
    ++redirects;
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
      run.client, detail::share(std::move(request)), run.follow, false, run.sending, run.history);
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

// An auth flow: its steps are sent (each with its redirects) through
// `auth_send`; the final response's body is read unless `stream`.
Task<Response> send_with_auth(std::shared_ptr<Auth> auth, SharedRequest request, AuthRun run,
                              bool stream) {
  AuthSend send = [&run](Request next) { return auth_send(run, std::move(next)); };
  Response response;
  try {
    response = co_await auth->flow(*request, send);  // the flow's own copy
  } catch (Error& e) {
    e.attach_request(*request);
    throw;
  }
  if (!stream) (void)co_await response.read();
  co_return response;
}

// HTTPX's three nested steps: the auth flow, then redirects, then one send.
// Not a coroutine itself: it picks the coroutine that does the work, so that
// a request without auth runs in one frame.
Task<Response> send_without_deadline(std::shared_ptr<ClientState> s, SharedRequest request,
                                     const SendOptions& options, PhaseTimeouts phases) {
  const bool follow = options.follow_redirects.value_or(s->options.follow_redirects);
  TransportOptions sending;
  sending.timeout = phases;
  // Every response of a buffered request is read to its end (those of
  // redirects and auth steps too), so the transport may take bodies whole.
  sending.read_whole = !options.stream;
  sending.max_decoded_size = s->options.max_decoded_size;
  if (sending.read_whole) sending.max_read_size = s->options.max_read_size;
  std::shared_ptr<Auth> auth = auth_for(*s, *request, options);
  if (!request->url().username().empty() || !request->url().password().empty()) {
    // The credentials travel in the auth, never in the URL (fetch refuses
    // such URLs). A streamed body stays where it is: it can be sent once.
    if (!request->stream()) {
      request = detail::share(Request(request->method(), request->url().without_userinfo(),
                                      request->headers(), request->content()));
    }
  }
  if (!auth) {
    return send_handling_redirects(std::move(s), std::move(request), follow, !options.stream,
                                   sending, {});
  }
  AuthRun run;
  run.client = std::move(s);
  run.follow = follow;
  run.sending = sending;
  return send_with_auth(std::move(auth), std::move(request), std::move(run), options.stream);
}

// The whole request, redirects and auth included, under one deadline.
Task<Response> send_with_total(Task<Response> sending, SharedRequest request,
                               Timeout::Duration limit) {
  std::string message =
      "the request did not complete within its total timeout of " +
      std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(limit).count()) + " ms";
  try {
    co_return co_await detail::with_deadline(std::move(sending), limit, std::move(message));
  } catch (Error& e) {
    e.attach_request(*request);
    throw;
  }
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
  // to the transport, the total wraps everything below. Nothing here fails
  // but allocation; what can fail is reported by the coroutines, where the
  // caller awaits.
  try {
    const Timeout timeout = options.timeout.value_or(s->options.timeout);
    const PhaseTimeouts phases(timeout);
    if (!timeout.total) {
      return send_without_deadline(std::move(s), std::move(request), options, phases);
    }
    SharedRequest kept = request;  // for the error
    return send_with_total(send_without_deadline(std::move(s), std::move(request), options, phases),
                           std::move(kept), *timeout.total);
  } catch (...) {
    return failing(std::current_exception());
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
  // Built now, sent when awaited; a request that cannot be built fails
  // where it is awaited, as the send would.
  SharedRequest request;
  try {
    request = detail::share(detail::build_request(*state_, method, std::move(url), options));
  } catch (...) {
    return failing(std::current_exception());
  }
  return detail::send_request(state_, std::move(request), detail::send_options_of(options));
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
