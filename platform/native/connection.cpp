#include "connection.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
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

// Waits until `core`'s socket is ready for what a TLS step asked
// (readable or writable).
auto socket_ready(const std::shared_ptr<IoCore>& core, TlsWait wait) {
  IoCore* c = core.get();
  return async_op<void>(
      core,
      [c, wait](auto handler) {
        c->socket().async_wait(
            wait == TlsWait::writable ? tcp::socket::wait_write : tcp::socket::wait_read,
            std::move(handler));
      },
      [c]() noexcept { c->abort(); });
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
    TlsChannel& channel = c->start_tls(tls->context());
    tls->prepare(channel.native_handle(), origin.host);
    if (alpn != Alpn::http1) {
      // Length-prefixed protocol names, most wanted first.
      static constexpr unsigned char kBoth[] = "\x02h2\x08http/1.1";
      static constexpr unsigned char kH2[] = "\x02h2";
      if (alpn == Alpn::h2) {
        SSL_set_alpn_protos(channel.native_handle(), kH2, sizeof kH2 - 1);
      } else {
        SSL_set_alpn_protos(channel.native_handle(), kBoth, sizeof kBoth - 1);
      }
    }
    boost::system::error_code failure;
    for (;;) {
      const TlsStep step = channel.handshake();
      if (step.wait == TlsWait::none) {
        failure = step.ec;
        break;
      }
      const OpResult<void> ready = co_await socket_ready(core, step.wait);
      if (deadline.expired()) throw timed_out();
      if (ready.ec) {
        failure = ready.ec;
        break;
      }
    }
    if (failure) {
      throw ConnectError("TLS connection to " + origin.authority() + " failed: " +
                         TlsContext::describe_failure(channel.native_handle(), failure) +
                         (alpn == Alpn::h2 ? " (only HTTP/2 was offered: http1 is off)" : ""));
    }
  }
  bool h2 = false;
  if (TlsChannel* channel = c->tls()) {
    const unsigned char* chosen = nullptr;
    unsigned int size = 0;
    SSL_get0_alpn_selected(channel->native_handle(), &chosen, &size);
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
    if (TlsChannel* tls = c->tls()) {
      // Head and body go out as one TLS record where both are there (one
      // system call, no record for a few bytes of head alone).
      const std::size_t n = std::min(body.size() - offset, kTlsSlice);
      const std::string_view slice = body.substr(offset, n);
      const std::string_view lead = first ? head : std::string_view();
      std::string_view out = lead.empty() ? slice : lead;
      if (!lead.empty() && !slice.empty()) {
        std::string& gathered = c->write_buffer();
        gathered.assign(lead);
        gathered.append(slice);
        out = gathered;
      }
      offset += n;
      std::size_t sent = 0;
      while (sent < out.size()) {
        const TlsStep step = tls->write(out.data() + sent, out.size() - sent);
        if (step.wait == TlsWait::none) {
          if (step.ec) {
            result.ec = step.ec;
            break;
          }
          sent += step.bytes;
          continue;
        }
        const OpResult<void> ready = co_await socket_ready(core, step.wait);
        if (deadline.expired() || ready.ec) {
          result.ec = ready.ec;
          break;
        }
      }
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

Task<std::string_view> Connection::read(std::optional<Duration> timeout) {
  std::shared_ptr<IoCore> core = core_;
  IoCore* c = core.get();
  if (!c->usable()) throw ReadError("cannot read the response: the connection is closed");
  auto abort = [c]() noexcept { c->abort(); };
  OpResult<std::size_t> result;
  const char* data = nullptr;
  {
    Deadline deadline(*c, timeout);
    if (TlsChannel* tls = c->tls()) {
      // Decrypted into the thread's buffer, like plain TCP's bytes (taken
      // after each wait: another connection's read may have moved it).
      for (;;) {
        char* space = IoCore::thread_read_buffer(c->read_limit());
        const TlsStep step = tls->read(space, c->read_limit());
        if (step.wait == TlsWait::none) {
          result.ec = step.ec;
          result.value = step.bytes;
          data = space;
          break;
        }
        const OpResult<void> ready = co_await socket_ready(core, step.wait);
        if (deadline.expired()) break;
        if (ready.ec) {
          result.ec = ready.ec;
          break;
        }
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

void Connection::keep_buffers() noexcept {
  if (TlsChannel* tls = core_->tls()) tls->keep_buffers();
}

bool Connection::send_now(std::string_view bytes) noexcept {
  if (!core_->usable()) return false;
  if (TlsChannel* tls = core_->tls()) {
    const TlsStep step = tls->write(bytes.data(), bytes.size());
    return step.wait == TlsWait::none && !step.ec;
  }
  while (!bytes.empty()) {
    const ssize_t n = ::send(core_->socket().native_handle(), bytes.data(), bytes.size(),
                             MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool Connection::idle_usable() noexcept {
  if (!core_->usable()) return false;
  TlsChannel* tls = core_->tls();
  if (tls == nullptr || !tls->has_pending()) {
    char byte = 0;
    const auto n = ::recv(core_->socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return false;  // the peer closed it
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;
    // Bytes nobody asked for: on plain TCP, garbage (or a response to
    // nothing): the connection is out of step.
    if (tls == nullptr) return false;
  }
  // Over TLS they may be handshake messages that carry no data (TLS 1.3
  // session tickets, key updates). Let OpenSSL process them (it never
  // blocks): usable only if that yields no data and no close.
  const TlsStep step =
      tls->read(IoCore::thread_read_buffer(core_->read_limit()), core_->read_limit());
  return step.bytes == 0 && step.wait == TlsWait::readable;
}

}  // namespace httpxx::native
