#pragma once
// Native-only helpers: clients on a `NativeTransport` the test can inspect
// (its options, its pool's counters), the raw-TCP server's URLs, and small
// socket servers for the cases the test server cannot produce.

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "native_transport.hpp"
#include "support.hpp"

namespace api {

using httpxx::native::NativeOptions;
using httpxx::native::NativeTransport;

/// "http://<HTTPXX_TEST_RAW>/case/<name><query>".
std::string raw_case(std::string_view name, std::string_view query = "");

/// A test body on a client whose transport the test can inspect.
using TransportTest = std::function<httpxx::Task<void>(httpxx::AsyncClient&, NativeTransport&)>;

/// Runs `test` with a client on a new `NativeTransport(native)`, then
/// closes the client.
void with_transport(const TransportTest& test, NativeOptions native = {},
                    httpxx::ClientOptions options = {});

/// What a streamed body gave before it ended or failed to decode.
struct Drained {
  std::uint64_t decoded = 0;
  bool stopped = false;  // a DecodingError ended it
};
/// Streams `response` to its end, or to a `DecodingError` (a size limit).
httpxx::Task<Drained> drain_until_decoding_error(httpxx::Response& response);

/// How many file descriptors this process has open (`/proc/self/fd`).
int open_descriptors();

/// Options trusting the test CA (`HTTPXX_TEST_CERTS/ca.crt`).
NativeOptions trusting_test_ca();

/// A listening TCP socket that never accepts: the kernel completes
/// handshakes into its backlog, but nothing is ever read or written.
class SilentListener {
 public:
  explicit SilentListener(const char* address = "127.0.0.1");
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

/// A server on its own thread that accepts connections one by one and
/// answers each request head it reads with `response` (then closes the
/// connection if `close_after`).
class CannedServer {
 public:
  CannedServer(const char* address, std::string response, bool close_after = true);
  ~CannedServer();
  CannedServer(const CannedServer&) = delete;
  CannedServer& operator=(const CannedServer&) = delete;
  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  /// Connections accepted so far.
  [[nodiscard]] int accepted() const noexcept { return accepted_.load(); }

 private:
  void serve();
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::string response_;
  bool close_after_;
  std::atomic<int> accepted_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

/// A port on 127.0.0.1 where nothing listens (connections are refused).
std::uint16_t closed_port();

}  // namespace api
