// Fuzzes the HTTP/2 client session (platform/native/h2_*.cpp over nghttp2):
// the fuzzer's bytes are what the server sends on an h2c connection.
//
// Input: byte 0 says what the client does (below); the rest arrives on the
// connection at once, then the server closes its side. The client's own
// bytes (preface, SETTINGS, HEADERS, WINDOW_UPDATE, RST_STREAM) go into the
// socket buffer unread.
//
// Checked: nothing but an httpxx `Error` escapes a request; every request
// ends (with its response read to the end, or an error) once the server's
// bytes are used up, well within the run's timeouts; a response has a
// status of three digits; a body handed out comes in pieces of at most
// `read_buffer_size`; the session is closed cleanly afterwards.
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "asio_loop.hpp"
#include "connection.hpp"
#include "fuzz_check.hpp"
#include "h2_session.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/request.hpp"
#include "io_core.hpp"

namespace {

using namespace httpxx;
using namespace httpxx::native;
using namespace std::chrono_literals;

// Byte 0.
constexpr std::uint8_t kPost = 1;         // a POST with a body, else a GET
constexpr std::uint8_t kSecond = 2;       // a second request on the same connection
constexpr std::uint8_t kStopEarly = 4;    // drop the first body after one piece (RST_STREAM)
constexpr std::uint8_t kSmallLimits = 8;  // tight head limits

// Sends one request and reads its response to the end (or one piece with
// `stop_early`).
Task<void> exchange(std::shared_ptr<H2Session> session, std::shared_ptr<const Request> request,
                    bool stop_early, std::size_t piece_limit) {
  TransportOptions options;
  options.timeout = PhaseTimeouts(Timeout(2s));
  try {
    TransportResponse response = co_await session->send(std::move(request), std::move(options));
    FUZZ_CHECK(response.status >= 100 && response.status <= 999);
    if (response.body) {
      while (auto piece = co_await response.body->next()) {
        FUZZ_CHECK(!piece->empty() && piece->size() <= piece_limit);
        if (stop_early) break;
      }
      co_await response.body->close();
    }
  } catch (const Error&) {
    // A typed error is a correct outcome for hostile bytes.
  }
}

Task<void> run_session(int fd, std::uint8_t options) {
  AsioLoop& loop = AsioLoop::current();
  HttpLimits limits;
  if (options & kSmallLimits) {
    limits.max_header_bytes = 256;
    limits.max_header_count = 8;
    limits.max_interim_responses = 2;
  }
  auto core = std::make_shared<IoCore>(loop, limits.read_buffer_size);
  boost::system::error_code ec;
  core->socket().assign(boost::asio::ip::tcp::v4(), fd, ec);
  FUZZ_CHECK(!ec);
  auto connection = std::make_unique<Connection>(Origin{"http", "fuzz.test", 80, std::nullopt},
                                                 std::move(core), PoolTicket());
  std::shared_ptr<H2Session> session = H2Session::start(std::move(connection), limits);
  const URL url("http://fuzz.test/h2?q=1");
  auto request = (options & kPost) ? std::make_shared<const Request>("POST", url, Headers(),
                                                                     std::string(300, 'b'))
                                   : std::make_shared<const Request>("GET", url, Headers());
  co_await exchange(session, request, (options & kStopEarly) != 0, limits.read_buffer_size);
  if (options & kSecond) {
    co_await exchange(session, std::make_shared<const Request>("GET", url, Headers()), false,
                      limits.read_buffer_size);
  }
  session->close();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) return 0;
  // The server's bytes fit the socket buffer (max_len is far below it).
  std::size_t sent = 0;
  while (sent < size - 1) {
    const ssize_t n = ::send(fds[1], data + 1 + sent, size - 1 - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fds[1], SHUT_WR);
  {
    AsioLoop loop;
    loop.run(run_session(fds[0], data[0]));  // the socket now belongs to the connection
  }
  ::close(fds[1]);
  return 0;
}
