#include "connection.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <climits>
#include <vector>

#include "async_op.hpp"
#include "httpxx/errors.hpp"
#include "request_writer.hpp"
#include "response_parser.hpp"
#include "tls_context.hpp"

namespace httpxx::native {

namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

// Writes are sliced so that the write timeout bounds each wait for
// progress, not the whole upload, and so that TLS copies stay small.
constexpr std::size_t kPlainSlice = 256 * 1024;
constexpr std::size_t kTlsSlice = 64 * 1024;

std::string reason(const boost::system::error_code& ec) {
  if (ec == asio::error::operation_aborted) return "the connection was closed";
  return ec.message();
}

}  // namespace

Task<void> Connection::open_tunnel(std::shared_ptr<IoCore> core, const Origin& origin,
                                   const HttpLimits& limits, const Deadline& deadline) {
  IoCore* c = core.get();
  auto abort = [c]() noexcept { c->abort(); };
  const Proxy& proxy = *origin.tunnel;
  const std::string target = origin.authority();
  auto timed_out = [&] {
    return ConnectTimeout("timed out while opening a tunnel to " + target + " through proxy " +
                          proxy.authority());
  };
  // The proxy's answer is read as any response is, under the same limits;
  // the proxy is named, since the origin never saw the request.
  auto malformed = [&](const RemoteProtocolError& e) {
    return RemoteProtocolError("bad CONNECT response from proxy " + proxy.authority() + ": " +
                               e.what());
  };
  std::string& out = c->write_buffer();
  out = serialize_connect(target, proxy);
  auto written = co_await async_op<std::size_t>(
      core,
      [&](auto handler) { asio::async_write(c->socket(), asio::buffer(out), std::move(handler)); },
      abort);
  if (deadline.expired()) throw timed_out();
  if (written.ec) {
    throw ConnectError("cannot send CONNECT to proxy " + proxy.authority() + ": " +
                       reason(written.ec));
  }
  ResponseParser parser(limits, ReplyTo::connect);
  std::string body;  // of a refusal: read with its head, never used
  bool surplus = false;
  while (!parser.head_complete()) {
    std::vector<char>& buffer = c->read_buffer();
    auto got = co_await async_op<std::size_t>(
        core,
        [&](auto handler) {
          c->socket().async_read_some(asio::buffer(buffer), std::move(handler));
        },
        abort);
    if (deadline.expired()) throw timed_out();
    try {
      if (got.ec == asio::error::eof) parser.finish(body);  // throws: the head is incomplete
      if (got.ec) {
        throw ConnectError("cannot read the CONNECT response of proxy " + proxy.authority() + ": " +
                           reason(got.ec));
      }
      surplus = parser.feed(std::string_view(buffer.data(), got.value), body) < got.value;
    } catch (const RemoteProtocolError& e) {
      throw malformed(e);
    }
    body.clear();
  }
  const int status = parser.status();
  if (status < 200 || status > 299) {
    const std::string& phrase = parser.reason();
    throw ProxyError("proxy " + proxy.authority() + " refused CONNECT to " + target + ": " +
                     std::to_string(status) + (phrase.empty() ? "" : " " + phrase));
  }
  // The origin speaks only after the TLS ClientHello: bytes that came with
  // the head are not the origin's.
  if (surplus) {
    throw ProxyError("proxy " + proxy.authority() + " sent data after its CONNECT response");
  }
}

std::string Origin::authority() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Connection::Connection(Origin origin, std::shared_ptr<IoCore> core, PoolTicket ticket)
    : origin_(std::move(origin)), core_(std::move(core)), ticket_(std::move(ticket)) {}

Connection::~Connection() { core_->abort(); }

Task<std::unique_ptr<Connection>> Connection::open(Origin origin, PoolTicket ticket,
                                                   TlsContext* tls, std::optional<Duration> timeout,
                                                   HttpLimits limits, Alpn alpn) {
  auto core = std::make_shared<IoCore>(AsioLoop::current(), limits.read_buffer_size);
  IoCore* c = core.get();
  auto abort = [c]() noexcept { c->abort(); };
  // Through a tunnel, TCP goes to the proxy; TLS is then with the origin.
  const std::string& dial_host = origin.tunnel ? origin.tunnel->host : origin.host;
  const std::uint16_t dial_port = origin.tunnel ? origin.tunnel->port : origin.port;
  const std::string where =
      origin.tunnel ? "proxy " + origin.tunnel->authority() : origin.authority();
  Deadline deadline(*c, timeout);
  auto timed_out = [&] { return ConnectTimeout("timed out while connecting to " + where); };

  // An address literal is its own endpoint; a name goes to the resolver
  // (which runs getaddrinfo on a thread of its own, started on first use).
  std::vector<tcp::endpoint> endpoints;
  boost::system::error_code not_literal;
  const asio::ip::address literal = asio::ip::make_address(dial_host, not_literal);
  if (!not_literal) {
    endpoints.emplace_back(literal, dial_port);
  } else {
    auto resolved = co_await async_op<tcp::resolver::results_type>(
        core,
        [&](auto handler) {
          c->resolver().async_resolve(dial_host, std::to_string(dial_port),
                                      tcp::resolver::numeric_service, std::move(handler));
        },
        abort);
    if (deadline.expired()) throw timed_out();
    if (resolved.ec) {
      throw ConnectError("cannot resolve host '" + dial_host + "': " + reason(resolved.ec));
    }
    for (const auto& entry : resolved.value) endpoints.push_back(entry.endpoint());
  }

  // Every address in turn (IPv6 and IPv4, in the resolver's order) until
  // one accepts.
  boost::system::error_code last = asio::error::host_not_found;
  bool connected = false;
  for (const tcp::endpoint& endpoint : endpoints) {
    boost::system::error_code ec;
    c->socket().close(ec);
    c->socket().open(endpoint.protocol(), ec);
    if (ec) {
      last = ec;
      continue;
    }
    auto result = co_await async_op<void>(
        core, [&](auto handler) { c->socket().async_connect(endpoint, std::move(handler)); },
        abort);
    if (deadline.expired()) throw timed_out();
    if (!result.ec) {
      connected = true;
      break;
    }
    last = result.ec;
  }
  if (!connected) throw ConnectError("cannot connect to " + where + ": " + reason(last));
  boost::system::error_code ignored;
  c->socket().set_option(tcp::no_delay(true), ignored);

  if (origin.tunnel) {
    co_await open_tunnel(core, origin, limits, deadline);
  }

  if (origin.tls()) {
    if (tls == nullptr) throw ConnectError("TLS is not available in this transport");
    IoCore::TlsStream& stream = c->start_tls(tls->context());
    tls->prepare(stream.native_handle(), origin.host);
    if (alpn != Alpn::http1) {
      // Length-prefixed protocol names, most wanted first.
      static constexpr unsigned char kBoth[] = "\x02h2\x08http/1.1";
      static constexpr unsigned char kH2[] = "\x02h2";
      if (alpn == Alpn::h2) {
        SSL_set_alpn_protos(stream.native_handle(), kH2, sizeof kH2 - 1);
      } else {
        SSL_set_alpn_protos(stream.native_handle(), kBoth, sizeof kBoth - 1);
      }
    }
    auto result = co_await async_op<void>(
        core,
        [&](auto handler) {
          stream.async_handshake(asio::ssl::stream_base::client, std::move(handler));
        },
        abort);
    if (deadline.expired()) throw timed_out();
    if (result.ec) {
      throw ConnectError("TLS connection to " + origin.authority() + " failed: " +
                         TlsContext::describe_failure(stream.native_handle(), result.ec) +
                         (alpn == Alpn::h2 ? " (only HTTP/2 was offered: http1 is off)" : ""));
    }
  }
  bool h2 = false;
  if (IoCore::TlsStream* stream = c->tls()) {
    const unsigned char* chosen = nullptr;
    unsigned int size = 0;
    SSL_get0_alpn_selected(stream->native_handle(), &chosen, &size);
    h2 = size == 2 && chosen[0] == 'h' && chosen[1] == '2';
    if (alpn == Alpn::h2 && !h2) {
      throw ConnectError("the server at " + origin.authority() +
                         " does not speak HTTP/2 (ALPN), and HTTP/1.1 is turned off (http1)");
    }
  }
  auto connection =
      std::make_unique<Connection>(std::move(origin), std::move(core), std::move(ticket));
  connection->h2_ = h2;
  co_return connection;
}

Task<void> Connection::write(std::string_view head, std::string_view body,
                             std::optional<Duration> timeout) {
  std::shared_ptr<IoCore> core = core_;
  IoCore* c = core.get();
  auto abort = [c]() noexcept { c->abort(); };
  std::size_t offset = 0;
  bool first = true;
  while (first || offset < body.size()) {
    if (!c->usable()) throw WriteError("cannot send the request: the connection is closed");
    OpResult<std::size_t> result;
    Deadline deadline(*c, timeout);
    if (IoCore::TlsStream* tls = c->tls()) {
      // The TLS engine may touch the caller's buffer again after the
      // socket is closed under it, so it writes from a buffer the core owns.
      std::string& out = c->write_buffer();
      out.assign(first ? head : std::string_view());
      const std::size_t n = std::min(body.size() - offset, kTlsSlice);
      out.append(body.substr(offset, n));
      offset += n;
      result = co_await async_op<std::size_t>(
          core,
          [&](auto handler) { asio::async_write(*tls, asio::buffer(out), std::move(handler)); },
          abort);
    } else {
      // A plain socket's operation never touches its buffers once it was
      // aborted, so head and body go straight from the caller's memory,
      // gathered into one write.
      const std::size_t n = std::min(body.size() - offset, kPlainSlice);
      const std::array<asio::const_buffer, 2> buffers{
          asio::buffer(first ? head : std::string_view()), asio::buffer(body.substr(offset, n))};
      offset += n;
      result = co_await async_op<std::size_t>(
          core, [&](auto handler) { asio::async_write(c->socket(), buffers, std::move(handler)); },
          abort);
    }
    first = false;
    if (deadline.expired()) throw WriteTimeout("timed out while sending the request");
    // The socket stays open: a response the server sent before it stopped
    // reading may still be waiting (Exchange::receive_head).
    if (result.ec) throw WriteError("cannot send the request: " + reason(result.ec));
  }
}

namespace {

// A read over TLS yields one record (16 KiB of plaintext at most; often far
// less: a server writes each HTTP/2 frame or small response as a record of
// its own). The records that came in the same socket read wait in OpenSSL:
// this takes them too, without touching the socket, into `buffer` after
// `used` bytes, so that one wake-up hands on everything that arrived. It
// stops at the first record OpenSSL cannot give without more input (or at
// a close or an error, which the next read meets and reports).
std::size_t read_buffered(SSL* ssl, std::vector<char>& buffer, std::size_t used) noexcept {
  std::size_t taken = 0;
  while (used + taken < buffer.size()) {
    const int room = static_cast<int>(std::min<std::size_t>(buffer.size() - used - taken, INT_MAX));
    const int n = SSL_read(ssl, buffer.data() + used + taken, room);
    if (n <= 0) {
      ERR_clear_error();  // no SSL_get_error is asked: leave nothing for the next operation
      break;
    }
    taken += static_cast<std::size_t>(n);
  }
  return taken;
}

}  // namespace

Task<std::string_view> Connection::read(std::optional<Duration> timeout) {
  std::shared_ptr<IoCore> core = core_;
  IoCore* c = core.get();
  if (!c->usable()) throw ReadError("cannot read the response: the connection is closed");
  auto abort = [c]() noexcept { c->abort(); };
  OpResult<std::size_t> result;
  const char* data = nullptr;
  {
    Deadline deadline(*c, timeout);
    if (IoCore::TlsStream* tls = c->tls()) {
      std::vector<char>& buffer = c->read_buffer();
      result = co_await async_op<std::size_t>(
          core,
          [&](auto handler) { tls->async_read_some(asio::buffer(buffer), std::move(handler)); },
          abort);
      data = buffer.data();
      if (!result.ec) {
        result.value += read_buffered(tls->native_handle(), buffer, result.value);
        c->filled(result.value);
      }
    } else {
      // Plain TCP: read what is there; if nothing is, wait for readiness
      // (no buffer held while waiting) and read then, into the thread's
      // buffer (see IoCore::thread_read_buffer).
      for (;;) {
        char* space = IoCore::thread_read_buffer(c->read_limit());
        const ssize_t got =
            ::recv(c->socket().native_handle(), space, c->read_limit(), MSG_DONTWAIT);
        if (got >= 0) {
          result.value = static_cast<std::size_t>(got);
          if (got == 0) result.ec = asio::error::eof;
          data = space;
          break;
        }
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
          result.ec = boost::system::error_code(errno, boost::system::system_category());
          break;
        }
        const OpResult<void> ready = co_await async_op<void>(
            core,
            [&](auto handler) {
              c->socket().async_wait(tcp::socket::wait_read, std::move(handler));
            },
            abort);
        if (deadline.expired()) break;
        if (ready.ec) {
          result.ec = ready.ec;
          break;
        }
      }
    }
    if (deadline.expired()) throw ReadTimeout("timed out while waiting for the response");
  }
  if (result.ec == asio::error::eof || result.ec == asio::ssl::error::stream_truncated) {
    co_return std::string_view();
  }
  if (result.ec) {
    c->abort();
    throw ReadError("cannot read the response: " + reason(result.ec));
  }
  co_return std::string_view(data, result.value);
}

bool Connection::idle_usable() noexcept {
  if (!core_->usable()) return false;
  IoCore::TlsStream* tls = core_->tls();
  if (tls != nullptr && SSL_pending(tls->native_handle()) > 0) return false;
  char byte = 0;
  const auto n = ::recv(core_->socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return false;  // the peer closed it
  if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
  // Bytes nobody asked for: on plain TCP, garbage (or a response to
  // nothing): the connection is out of step.
  if (tls == nullptr) return false;
  // Over TLS they may be handshake messages that carry no data (TLS 1.3
  // session tickets, key updates). Let OpenSSL process them without
  // blocking: usable only if that yields no data and no close.
  boost::system::error_code ec;
  core_->socket().non_blocking(true, ec);
  if (ec) return false;
  const std::size_t got = tls->read_some(asio::buffer(core_->read_buffer()), ec);
  boost::system::error_code ignored;
  core_->socket().non_blocking(false, ignored);
  return got == 0 && ec == asio::error::would_block;
}

}  // namespace httpxx::native
