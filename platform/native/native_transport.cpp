#include "native_transport.hpp"

#include <algorithm>
#include <stdexcept>

#include "exchange.hpp"
#include "h2_session.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/loop.hpp"
#include "request_writer.hpp"
#include "tls_context.hpp"
#include "tls_context_cache.hpp"

namespace httpxx::native {

namespace {

// RFC 9110 section 9.2.2; a failed attempt of these may be repeated.
bool idempotent(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "PUT" ||
         method == "DELETE" || method == "TRACE";
}

Origin origin_of(const URL& url) {
  if (url.scheme() != "http" && url.scheme() != "https") {
    throw UnsupportedProtocol("the native transport speaks http and https, not '" + url.scheme() +
                              "'");
  }
  return Origin{url.scheme(), url.host(), url.effective_port(), std::nullopt};
}

std::optional<Proxy> parse_proxy(const std::string& url) {
  if (url.empty()) return std::nullopt;
  return Proxy::parse(url);
}

}  // namespace

NativeTransport::Route NativeTransport::route(const URL& url) const {
  Origin origin = origin_of(url);
  const std::optional<Proxy>& proxy = origin.tls() ? https_proxy_ : http_proxy_;
  if (!proxy || bypasses_proxy(options_.proxy.no_proxy, origin.host, origin.port)) {
    return Route{std::move(origin), nullptr};
  }
  if (origin.tls()) {
    origin.tunnel = *proxy;
    return Route{std::move(origin), nullptr};
  }
  // Forwarded requests share the connections to the proxy.
  return Route{Origin{"http", proxy->host, proxy->port, std::nullopt}, &*proxy};
}

NativeTransport::NativeTransport(NativeOptions options)
    : options_(std::move(options)),
      pool_(std::make_shared<ConnectionPool>(options_.limits)),
      http_proxy_(parse_proxy(options_.proxy.http)),
      https_proxy_(parse_proxy(options_.proxy.https)) {
  if (options_.retry.retries < 0) throw std::invalid_argument("httpxx: retries must be >= 0");
  const TlsOptions& tls = options_.tls;
  if (!tls.ca_file.empty() || !tls.ca_dir.empty() || !tls.cert_file.empty()) (void)tls_context();
}

std::shared_ptr<TlsContext> NativeTransport::tls_context() {
  std::call_once(tls_once_, [this] { tls_ = shared_tls_context(options_.tls); });
  return tls_;
}

NativeTransport::~NativeTransport() { pool_->close(); }

bool NativeTransport::speaks_h2c(const Origin& origin) const noexcept {
  return !origin.tls() && options_.http2 && !options_.http1;
}

bool NativeTransport::wants_h2(const Route& routed) const noexcept {
  // HTTP/2: https with ALPN, or http:// with prior knowledge when HTTP/1.1
  // is off. Not through a forwarding proxy (it speaks HTTP/1.1 for us).
  return !routed.forward && options_.http2 && (routed.origin.tls() || speaks_h2c(routed.origin));
}

// Not a coroutine itself: a request for an origin whose HTTP/2 connection
// is open goes straight to it, in a frame much smaller than the general
// path's (with a thousand streams in flight, the frames of their requests
// are what the CPU's caches must hold).
Task<TransportResponse> NativeTransport::send(std::shared_ptr<const Request> shared,
                                              TransportOptions options) {
  Route routed = route(shared->url());
  if (wants_h2(routed) && !pool_->closed()) {
    if (std::shared_ptr<H2Session> session = pool_->h2().session(routed.origin)) {
      return send_on_session(std::move(session), std::move(shared), std::move(options));
    }
  }
  return send_routed(std::move(routed), std::move(shared), std::move(options), 0);
}

Task<TransportResponse> NativeTransport::send_on_session(std::shared_ptr<H2Session> session,
                                                         std::shared_ptr<const Request> shared,
                                                         TransportOptions options) {
  // One co_await in the body: each would keep its own copy of the result in
  // the frame.
  Task<TransportResponse> attempt = session->send(shared, options);
  for (bool refused = false;; refused = true) {
    try {
      co_return co_await std::move(attempt);
    } catch (const H2Refused&) {
      // GOAWAY or REFUSED_STREAM: nothing of it was processed. It is sent
      // again, once, on the general path (which gives up on a second).
      if (refused) throw;
    }
    session.reset();
    attempt = send_routed(route(shared->url()), shared, options, 1);
  }
}

Task<TransportResponse> NativeTransport::send_routed(Route routed,
                                                     std::shared_ptr<const Request> shared,
                                                     TransportOptions options, int refused) {
  const Request& request = *shared;
  const Origin& origin = routed.origin;
  const PhaseTimeouts& timeout = options.timeout;
  // The HTTP/1.1 head, written when the request goes over HTTP/1.1.
  std::optional<WireRequest> wire;
  const bool head_request = request.method() == "HEAD";
  const bool close_after = wants_close(request);
  const bool may_retry = idempotent(request.method());
  // Held across the sends: the transport may be dropped while one runs.
  const std::shared_ptr<ConnectionPool> pool = pool_;
  const RetryOptions retry_options = options_.retry;
  std::shared_ptr<std::uint64_t> retry_counter = connect_retries_;
  const std::shared_ptr<TlsContext> tls = origin.tls() ? tls_context() : nullptr;
  bool fresh = false;
  bool resent = false;
  int connect_failures = 0;
  const bool h2c = speaks_h2c(origin);
  const bool h2_wanted = wants_h2(routed);
  const Alpn alpn = !h2_wanted || h2c ? Alpn::http1 : options_.http1 ? Alpn::h2_or_h1 : Alpn::h2;
  H2Registry& h2 = pool->h2();
  bool opening = false;  // this request opens the origin's first connection
  while (h2_wanted && !pool->closed()) {
    if (std::shared_ptr<H2Session> session = h2.session(origin)) {
      try {
        co_return co_await session->send(shared, options);
      } catch (const H2Refused&) {
        // GOAWAY or REFUSED_STREAM: nothing of it was processed.
        if (++refused > 1) throw;
      }
      continue;
    }
    if (h2.speaks_http1_only(origin)) break;
    if (h2.start_opening(origin)) {
      opening = true;
      break;
    }
    if (co_await h2.wait_for_opening(timeout.pool) == httpxx::detail::WaitOutcome::timed_out) {
      throw PoolTimeout("timed out waiting for the first connection to " + origin.authority() +
                        " (pool timeout)");
    }
  }
  // Wakes the requests waiting for the first connection, however it ends.
  struct OpeningGuard {
    H2Registry& registry;
    const Origin& origin;
    bool active;
    ~OpeningGuard() {
      if (active) registry.opened(origin, std::nullopt);
    }
  } opening_guard{h2, origin, opening};
  for (;;) {
    ConnectionPool::Lease lease = co_await pool->acquire(origin, timeout.pool, fresh);
    const bool reused = lease.connection != nullptr;
    std::unique_ptr<Connection> connection = std::move(lease.connection);
    if (!connection) {
      // Retries cover Connection::open only: it resolves, connects, opens
      // the tunnel and shakes hands, and writes nothing of the request, so
      // a request is never sent twice by this rule.
      bool failed = false;
      try {
        connection = co_await Connection::open(origin, std::move(lease.ticket), tls.get(),
                                               timeout.connect, options_.http, alpn);
      } catch (const ConnectError&) {
        if (connect_failures >= retry_options.retries) throw;
        failed = true;
      } catch (const ConnectTimeout&) {
        if (connect_failures >= retry_options.retries) throw;
        failed = true;
      }
      if (failed) {
        ++connect_failures;
        ++*retry_counter;
        // The pool place was given back with the failed attempt; the next
        // attempt takes one again (or an idle connection, if one appeared).
        co_await httpxx::sleep(backoff_delay(retry_options.backoff, connect_failures));
        continue;
      }
    }
    if (h2_wanted && !reused) {
      const bool speaks_h2 = h2c || connection->negotiated_h2();
      if (opening_guard.active) {
        h2.opened(origin, speaks_h2);
        opening_guard.active = false;
      }
      if (speaks_h2) {
        std::shared_ptr<H2Session> session = H2Session::start(std::move(connection), options_.http);
        h2.add(session);
        try {
          co_return co_await session->send(shared, options);
        } catch (const H2Refused&) {
          // GOAWAY on the new connection before the stream was processed.
          if (++refused > 1) throw;
        }
        fresh = true;
        continue;
      }
    }
    auto exchange =
        std::make_unique<Exchange>(std::move(connection), options_.http, head_request, close_after);
    bool retry = false;
    try {
      if (!wire) wire = serialize_request(request, routed.forward);
      co_await exchange->send(*wire, timeout.write);
      co_await exchange->receive_head(timeout.read);
    } catch (const TimeoutException&) {
      throw;
    } catch (const TransportError&) {
      // The server may have closed a kept-alive connection just as it was
      // reused: nothing of the response came, so nothing was processed.
      if (!reused || !may_retry || resent || exchange->response_started()) throw;
      retry = true;
    }
    if (retry) {
      fresh = true;
      resent = true;
      continue;
    }
    co_return Exchange::into_response(std::move(exchange), timeout.read);
  }
}

Loop::Duration NativeTransport::backoff_delay(std::chrono::steady_clock::duration base,
                                              int retry) noexcept {
  // Doubling stops at 2^20 so that the delay cannot overflow.
  const int doublings = std::min(retry - 1, 20);
  return std::chrono::duration_cast<Loop::Duration>(base * (std::int64_t{1} << doublings));
}

Task<void> NativeTransport::close() {
  pool_->close();
  co_return;
}

}  // namespace httpxx::native
