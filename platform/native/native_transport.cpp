#include "native_transport.hpp"

#include "exchange.hpp"
#include "httpxx/errors.hpp"
#include "request_writer.hpp"
#include "tls_context.hpp"

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
  return Origin{url.scheme(), url.host(), url.effective_port()};
}

}  // namespace

NativeTransport::NativeTransport(NativeOptions options)
    : options_(std::move(options)),
      tls_(std::make_unique<TlsContext>(options_.tls)),
      pool_(std::make_shared<ConnectionPool>(options_.limits)) {}

NativeTransport::~NativeTransport() { pool_->close(); }

Task<TransportResponse> NativeTransport::send(const Request& request,
                                              const TransportOptions& options) {
  const Origin origin = origin_of(request.url());
  const Timeout timeout = options.timeout;
  const WireRequest wire = serialize_request(request);
  const bool head_request = request.method() == "HEAD";
  const bool close_after = wants_close(request);
  const bool may_retry = idempotent(request.method());
  // Held across the sends: the transport may be dropped while one runs.
  const std::shared_ptr<ConnectionPool> pool = pool_;
  bool fresh = false;
  for (int attempt = 0;; ++attempt) {
    ConnectionPool::Lease lease = co_await pool->acquire(origin, timeout.pool, fresh);
    const bool reused = lease.connection != nullptr;
    std::unique_ptr<Connection> connection = std::move(lease.connection);
    if (!connection) {
      connection = co_await Connection::open(origin, std::move(lease.ticket), tls_.get(),
                                             timeout.connect, options_.http.read_buffer_size);
    }
    auto exchange =
        std::make_unique<Exchange>(std::move(connection), options_.http, head_request, close_after);
    bool retry = false;
    try {
      co_await exchange->send(wire, timeout.write);
      co_await exchange->receive_head(timeout.read);
    } catch (const TimeoutException&) {
      throw;
    } catch (const TransportError&) {
      // The server may have closed a kept-alive connection just as it was
      // reused: nothing of the response came, so nothing was processed.
      if (!reused || !may_retry || attempt > 0 || exchange->response_started()) throw;
      retry = true;
    }
    if (retry) {
      fresh = true;
      continue;
    }
    co_return Exchange::into_response(std::move(exchange), timeout.read);
  }
}

Task<void> NativeTransport::close() {
  pool_->close();
  co_return;
}

}  // namespace httpxx::native
