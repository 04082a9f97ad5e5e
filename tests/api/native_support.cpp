#include "native_support.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <stdexcept>

namespace api {

namespace {

// The suite runs under Node.js (with-server.mjs), whose children inherit
// SIGPIPE ignored. A user's program has the default action, which ends the
// process: restore it, so that a write raising SIGPIPE ends the suite as it
// would end that program.
const bool sigpipe_default = [] {
  (void)std::signal(SIGPIPE, SIG_DFL);
  return true;
}();

httpxx::Task<void> transport_body(TransportTest test, NativeOptions native,
                                  httpxx::ClientOptions options) {
  auto transport = std::make_shared<NativeTransport>(std::move(native));
  options.transport = transport;
  httpxx::AsyncClient client(std::move(options));
  std::exception_ptr error;
  try {
    co_await test(client, *transport);
  } catch (...) {
    error = std::current_exception();
  }
  co_await client.close();
  if (error) std::rethrow_exception(error);
}

// A listening socket on `address` (IPv4 or IPv6 literal), port chosen by
// the kernel.
int listen_on(const char* address, int backlog, std::uint16_t& port) {
  const bool v6 = std::strchr(address, ':') != nullptr;
  int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_storage storage{};
  socklen_t length = 0;
  if (v6) {
    auto* a = reinterpret_cast<sockaddr_in6*>(&storage);
    a->sin6_family = AF_INET6;
    ::inet_pton(AF_INET6, address, &a->sin6_addr);
    length = sizeof *a;
  } else {
    auto* a = reinterpret_cast<sockaddr_in*>(&storage);
    a->sin_family = AF_INET;
    ::inet_pton(AF_INET, address, &a->sin_addr);
    length = sizeof *a;
  }
  if (::bind(fd, reinterpret_cast<sockaddr*>(&storage), length) != 0 ||
      ::listen(fd, backlog) != 0) {
    ::close(fd);
    throw std::runtime_error(std::string("cannot listen on ") + address);
  }
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length);
  port = ntohs(v6 ? reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port
                  : reinterpret_cast<sockaddr_in*>(&storage)->sin_port);
  return fd;
}

}  // namespace

std::string raw_case(std::string_view name, std::string_view query) {
  return "http://" + env("HTTPXX_TEST_RAW") + "/case/" + std::string(name) + std::string(query);
}

void with_transport(const TransportTest& test, NativeOptions native,
                    httpxx::ClientOptions options) {
  run(transport_body(test, std::move(native), std::move(options)));
}

NativeOptions trusting_test_ca() {
  NativeOptions options;
  options.tls.ca_file = env("HTTPXX_TEST_CERTS") + "/ca.crt";
  return options;
}

SilentListener::SilentListener(const char* address) { fd_ = listen_on(address, 16, port_); }

SilentListener::~SilentListener() { ::close(fd_); }

CannedServer::CannedServer(const char* address, std::string response, bool close_after)
    : response_(std::move(response)), close_after_(close_after) {
  fd_ = listen_on(address, 16, port_);
  thread_ = std::thread([this] { serve(); });
}

CannedServer::~CannedServer() {
  stop_ = true;
  thread_.join();
  ::close(fd_);
}

void CannedServer::serve() {
  // Polls with a short timeout so that the destructor can stop it.
  while (!stop_) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    ++accepted_;
    std::string received;
    char buffer[4096];
    bool open = true;
    while (open && !stop_) {
      pollfd c{client, POLLIN, 0};
      if (::poll(&c, 1, 20) <= 0) continue;
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      received.append(buffer, static_cast<std::size_t>(n));
      while (received.find("\r\n\r\n") != std::string::npos) {
        received.erase(0, received.find("\r\n\r\n") + 4);
        (void)::send(client, response_.data(), response_.size(), MSG_NOSIGNAL);
        if (close_after_) {
          open = false;
          break;
        }
      }
    }
    ::close(client);
  }
}

std::uint16_t closed_port() {
  std::uint16_t port = 0;
  int fd = listen_on("127.0.0.1", 1, port);
  ::close(fd);
  return port;
}

int open_descriptors() {
  int count = 0;
  if (DIR* dir = opendir("/proc/self/fd")) {
    while (readdir(dir) != nullptr) ++count;
    closedir(dir);
  }
  return count;
}

httpxx::Task<Drained> drain_until_decoding_error(httpxx::Response& response) {
  Drained out;
  auto chunks = response.stream();
  try {
    while (auto chunk = co_await chunks.next()) out.decoded += chunk->size();
  } catch (const httpxx::DecodingError&) {
    out.stopped = true;
  }
  co_return out;
}

}  // namespace api
