// Retrying connection attempts natively (`retries`): the backoff, a port
// that starts accepting while the client retries, the count of attempts,
// and a request whose bytes were sent, which is never repeated.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>

#include "native_support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

NativeOptions retrying(int retries, std::chrono::milliseconds backoff) {
  NativeOptions native;
  native.retry.retries = retries;
  native.retry.backoff = backoff;
  return native;
}

// After `delay`, listens on 127.0.0.1:`port` and answers one request with
// a canned 200 response (a plain socket server on its own thread).
class LateServer {
 public:
  LateServer(std::uint16_t port, std::chrono::milliseconds delay)
      : thread_([this, port, delay] { serve(port, delay); }) {}
  ~LateServer() {
    stop_ = true;
    thread_.join();
  }
  LateServer(const LateServer&) = delete;
  LateServer& operator=(const LateServer&) = delete;
  [[nodiscard]] bool listening() const noexcept { return listening_.load(); }

 private:
  void serve(std::uint16_t port, std::chrono::milliseconds delay) {
    std::this_thread::sleep_for(delay);
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd, 4) != 0) {
      ::close(fd);
      return;
    }
    listening_ = true;
    while (!stop_) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) <= 0) continue;
      const int client = ::accept4(fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      std::string received;
      char buffer[4096];
      while (received.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
        if (n <= 0) break;
        received.append(buffer, static_cast<std::size_t>(n));
      }
      const std::string response =
          "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nlate";
      (void)::send(client, response.data(), response.size(), MSG_NOSIGNAL);
      ::close(client);
    }
    ::close(fd);
  }

  std::atomic<bool> stop_{false};
  std::atomic<bool> listening_{false};
  std::thread thread_;
};

}  // namespace

TEST_CASE("the backoff doubles from its base") {
  using namespace std::chrono_literals;
  CHECK(NativeTransport::backoff_delay(500ms, 1) == 500ms);
  CHECK(NativeTransport::backoff_delay(500ms, 2) == 1000ms);
  CHECK(NativeTransport::backoff_delay(500ms, 3) == 2000ms);
  CHECK(NativeTransport::backoff_delay(10ms, 5) == 160ms);
  // Far retries stop doubling instead of overflowing.
  CHECK(NativeTransport::backoff_delay(1ms, 1000) == NativeTransport::backoff_delay(1ms, 21));
}

TEST_CASE("a refused connection is retried N times with backoff, then raises ConnectError") {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  const auto start = std::chrono::steady_clock::now();
  with_transport(
      [url](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        std::string message = co_await expect_error<httpxx::ConnectError>(client.get(url));
        CHECK(message.find("Connection refused") != std::string::npos);
        CHECK(transport.connect_retries() == 3);
        CHECK(transport.pool_stats().open == 0);
        CHECK(transport.pool_stats().tickets == 4);  // one place per attempt
      },
      retrying(3, 20ms));
  CHECK(ms_since(start) >= 20 + 40 + 80);
}

TEST_CASE("without retries a refused connection fails at once") {
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  with_transport([url](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    (void)co_await expect_error<httpxx::ConnectError>(client.get(url));
    CHECK(transport.connect_retries() == 0);
    CHECK(transport.pool_stats().tickets == 1);
  });
}

TEST_CASE("a port that starts accepting while the client retries answers the request") {
  const std::uint16_t port = closed_port();
  bool listened = false;
  with_transport(
      [port, &listened](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        // Started here, right before the request, so that a slow start
        // (sanitizers) cannot let the server win the first attempt.
        LateServer server(port, 150ms);
        auto r = co_await client.get("http://127.0.0.1:" + std::to_string(port) + "/");
        CHECK(r.status_code() == 200);
        CHECK(r.text() == "late");
        // Backoff 20, 40, 80, 160 ms: the server listens during the 4th wait.
        CHECK(transport.connect_retries() >= 1);
        CHECK(transport.connect_retries() < 10);
        listened = server.listening();
      },
      retrying(10, 20ms));
  CHECK(listened);
}

TEST_CASE("a POST whose bytes were sent is not retried when the connection is reset") {
  // The server reads the request head and closes without answering.
  CannedServer server("127.0.0.1", "", true);
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/upload";
  with_transport(
      [url](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        httpxx::RequestOptions options;
        options.content = std::string(64 * 1024, 'x');
        (void)co_await expect_error<httpxx::TransportError>(client.post(url, std::move(options)));
        CHECK(transport.connect_retries() == 0);
      },
      retrying(3, 10ms));
  CHECK(server.accepted() == 1);
}

TEST_CASE("ClientOptions::retries reaches the default transport") {
  // The default backoff base is 0.5 s: one retry waits that long.
  httpxx::ClientOptions options;
  options.retries = 1;
  options.trust_env = false;
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/";
  const auto start = std::chrono::steady_clock::now();
  with_client(
      [url](AsyncClient& client) -> Task<void> {
        (void)co_await expect_error<httpxx::ConnectError>(client.get(url));
      },
      std::move(options));
  CHECK(ms_since(start) >= 450);
}
