// TLS natively (OpenSSL): verification against a CA, each kind of bad
// certificate rejected with its reason, verify=false, client certificates,
// keep-alive and large bodies over TLS. Native only (the browser verifies
// by itself).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/error.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "native_support.hpp"
#include "tls_channel.hpp"

using namespace api;
using namespace std::chrono_literals;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

std::string certs(std::string_view file) {
  return env("HTTPXX_TEST_CERTS") + "/" + std::string(file);
}

// `HTTPXX_TEST_TLS_<name>` + path.
std::string bad_tls(const char* name, std::string_view path = "/get") {
  return env((std::string("HTTPXX_TEST_TLS_") + name).c_str()) + std::string(path);
}

// The URL with its host 127.0.0.1 replaced by `localhost`.
std::string via_localhost(std::string url) {
  const auto at = url.find("127.0.0.1");
  REQUIRE(at != std::string::npos);
  return url.replace(at, 9, "localhost");
}

// Connecting to `url` with `options` must fail with a ConnectError that
// names `reason`.
void expect_rejected(const std::string& url, const std::string& reason,
                     NativeOptions options = trusting_test_ca()) {
  with_transport(
      [=](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        std::string message = co_await expect_error<httpxx::ConnectError>(client.get(url));
        CHECK_MESSAGE(message.find(reason) != std::string::npos,
                      "'" << message << "' does not name '" << reason << "'");
        CHECK(transport.pool_stats().open == 0);
      },
      std::move(options));
}

std::string json_string(const httpxx::Response& r, const char* field) {
  const httpxx::Json doc = r.json();
  const auto* value = as_object(doc).if_contains(field);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : "";
}

bool json_bool(const httpxx::Response& r, const char* field) {
  const httpxx::Json doc = r.json();
  const auto* value = as_object(doc).if_contains(field);
  return value != nullptr && value->is_bool() && value->as_bool();
}

}  // namespace

TEST_CASE("an HTTPS request succeeds with the server's CA trusted") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto r = co_await client.get(https("/get"));
        CHECK(r.status_code() == 200);
        CHECK(json_string(r, "scheme") == "https");
      },
      trusting_test_ca());
}

TEST_CASE("a host name is verified against the certificate and sent by SNI") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto r = co_await client.get(via_localhost(https("/get")));
        CHECK(r.status_code() == 200);
        CHECK(json_string(r, "scheme") == "https");
      },
      trusting_test_ca());
}

TEST_CASE("a directory of hashed CA certificates can be the trust store") {
  // The layout `openssl rehash` makes: <subject hash>.0 holds the CA.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("httpxx-ca-dir-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  FILE* pem = std::fopen(certs("ca.crt").c_str(), "r");
  REQUIRE(pem != nullptr);
  X509* ca = PEM_read_X509(pem, nullptr, nullptr, nullptr);
  std::fclose(pem);
  REQUIRE(ca != nullptr);
  char name[16];
  std::snprintf(name, sizeof name, "%08lx.0", X509_subject_name_hash(ca));
  X509_free(ca);
  std::filesystem::copy_file(certs("ca.crt"), dir / name,
                             std::filesystem::copy_options::overwrite_existing);
  NativeOptions options;
  options.tls.ca_dir = dir.string();
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto r = co_await client.get(https("/get"));
        CHECK(r.status_code() == 200);
      },
      options);
  std::filesystem::remove_all(dir);
}

TEST_CASE("the system trust store does not trust the test CA") {
  expect_rejected(https("/get"),
                  "certificate verify failed: unable to get local issuer certificate",
                  NativeOptions{});
}

TEST_CASE("an expired certificate is rejected as expired") {
  expect_rejected(bad_tls("EXPIRED"), "certificate has expired");
}

TEST_CASE("a certificate that is not yet valid is rejected") {
  expect_rejected(bad_tls("NOTYET"), "certificate is not yet valid");
}

TEST_CASE("a certificate for another IP address is rejected") {
  expect_rejected(bad_tls("WRONGHOST"), "IP address mismatch");
}

TEST_CASE("a certificate for another host name is rejected") {
  expect_rejected(via_localhost(bad_tls("WRONGHOST")), "hostname mismatch");
}

TEST_CASE("a self-signed certificate is rejected") {
  expect_rejected(bad_tls("SELFSIGNED"), "self-signed certificate");
}

TEST_CASE("a certificate from an unknown CA is rejected") {
  expect_rejected(bad_tls("UNKNOWNCA"), "unable to get local issuer certificate");
}

TEST_CASE("a chain missing its intermediate is rejected") {
  expect_rejected(bad_tls("INCOMPLETE_CHAIN"), "unable to get local issuer certificate");
}

TEST_CASE("a server offering only TLS 1.0 is refused") {
  const char* url = std::getenv("HTTPXX_TEST_TLS_TLS10ONLY");
  // The server leaves this listener out when its OpenSSL cannot do TLS 1.0.
  if (url == nullptr) return;
  // The server alerts that no protocol version is shared (httpxx offers
  // TLS 1.2 and 1.3 only).
  expect_rejected(bad_tls("TLS10ONLY"), "TLS handshake failed: tlsv1 alert protocol version");
}

TEST_CASE("verify=false accepts certificates that would fail verification") {
  NativeOptions options;
  options.tls.verify = false;
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        for (const char* name : {"SELFSIGNED", "EXPIRED", "WRONGHOST", "UNKNOWNCA"}) {
          auto r = co_await client.get(bad_tls(name));
          CHECK(r.status_code() == 200);
        }
      },
      options);
}

// Verification is a setting of a client's transport, and each transport has
// a pool of its own (one TLS configuration per pool): HTTPX has no
// per-request `verify` either. So a connection made without verification
// can only be reused by requests of the client that made it.
TEST_CASE("connections made without verification are never handed to a verifying client") {
  run([]() -> Task<void> {
    httpxx::ClientOptions insecure_options;
    insecure_options.verify = false;
    httpxx::AsyncClient insecure(std::move(insecure_options));
    httpxx::ClientOptions verifying_options;
    verifying_options.ca_file = certs("ca.crt");
    httpxx::AsyncClient verifying(std::move(verifying_options));

    const std::string self_signed = bad_tls("SELFSIGNED", "/conn-id");
    auto first = co_await insecure.get(self_signed);
    CHECK(first.status_code() == 200);
    // The insecure client's connection is idle in its pool, to the very
    // same origin: the verifying client still makes (and rejects) its own.
    const std::string message =
        co_await expect_error<httpxx::ConnectError>(verifying.get(self_signed));
    CHECK(message.find("self-signed certificate") != std::string::npos);
    auto again = co_await insecure.get(self_signed);
    CHECK(again.json() == first.json());  // it was kept, and reused by its own client only

    // Against a server that would pass verification, still no sharing.
    auto insecure_main = co_await insecure.get(https("/conn-id"));
    auto verified_main = co_await verifying.get(https("/conn-id"));
    CHECK(verified_main.status_code() == 200);
    CHECK_FALSE(verified_main.json() == insecure_main.json());
    co_await insecure.close();
    co_await verifying.close();
  }());
}

TEST_CASE("verify=false in ClientOptions does not weaken a transport given to the client") {
  // The transport carries its own TLS settings; ClientOptions' TLS fields
  // only shape the default transport.
  auto transport = std::make_shared<NativeTransport>(trusting_test_ca());
  run([](std::shared_ptr<NativeTransport> shared) -> Task<void> {
    httpxx::ClientOptions options;
    options.verify = false;
    options.transport = shared;
    httpxx::AsyncClient client(std::move(options));
    (void)co_await expect_error<httpxx::ConnectError>(client.get(bad_tls("SELFSIGNED")));
    auto ok = co_await client.get(https("/get"));
    CHECK(ok.status_code() == 200);
    co_await client.close();
  }(transport));
}

TEST_CASE("a client certificate is presented when configured") {
  NativeOptions options = trusting_test_ca();
  options.tls.cert_file = certs("client.crt");
  options.tls.key_file = certs("client.key");
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto r = co_await client.get(https("/client-cert"));
        CHECK(json_bool(r, "presented"));
        CHECK(json_bool(r, "authorized"));
        CHECK(json_string(r, "subject") == "httpxx test client");
      },
      options);
}

TEST_CASE("a client certificate and key can come from one PEM file") {
  NativeOptions options = trusting_test_ca();
  options.tls.cert_file = certs("client.pem");
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto r = co_await client.get(https("/client-cert"));
        CHECK(json_bool(r, "authorized"));
      },
      options);
}

TEST_CASE("no client certificate is presented unless configured") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto r = co_await client.get(https("/client-cert"));
        CHECK(json_bool(r, "tls"));
        CHECK_FALSE(json_bool(r, "presented"));
      },
      trusting_test_ca());
}

TEST_CASE("a TLS file that cannot be loaded is reported when the transport is made") {
  NativeOptions options;
  options.tls.ca_file = "/nonexistent/ca.pem";
  CHECK_THROWS_AS(NativeTransport{options}, std::invalid_argument);
  NativeOptions key;
  key.tls.cert_file = certs("client.crt");
  key.tls.key_file = certs("server.key");  // not the certificate's key
  CHECK_THROWS_AS(NativeTransport{key}, std::invalid_argument);
}

TEST_CASE("TLS connections are kept alive and reused") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto a = co_await client.get(https("/conn-id"));
        auto b = co_await client.get(https("/conn-id"));
        CHECK(a.json() == b.json());
        CHECK(transport.pool_stats().reused == 1);
      },
      trusting_test_ca());
}

TEST_CASE("large bodies cross TLS intact both ways") {
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto down = co_await client.get(https("/bytes/3000000?seed=9"));
        CHECK(down.content().size() == 3000000);
        CHECK(is_pattern(down.content(), 0, 9));
        std::string body(2 * 1024 * 1024 + 5, '\0');
        for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>((i * 13) & 255);
        httpxx::RequestOptions upload{.content = body};
        auto up = co_await client.post(https("/echo-body"), std::move(upload));
        CHECK(up.content() == body);
      },
      trusting_test_ca());
}

TEST_CASE("a TLS upload the server stops reading raises WriteTimeout and drops the connection") {
  // OpenSSL writes the socket itself: once the socket buffers fill, the
  // write waits for the socket to become writable, under the write timeout.
  httpxx::ClientOptions options;
  options.timeout = httpxx::Timeout(5s).with_write(300ms);
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        httpxx::RequestOptions upload{.content = std::string(64 * 1024 * 1024, 'u')};
        const auto start = std::chrono::steady_clock::now();
        (void)co_await expect_error<httpxx::WriteTimeout>(
            client.post(https("/stop-reading"), std::move(upload)));
        CHECK(std::chrono::steady_clock::now() - start < 3s);
        CHECK(transport.pool_stats().open == 0);
        // The next request gets a new connection.
        auto r = co_await client.get(https("/get"));
        CHECK(r.status_code() == 200);
      },
      trusting_test_ca(), std::move(options));
}

TEST_CASE("a body read until close ends cleanly over TLS") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto r = co_await client.get(https("/http10"));
        CHECK(r.http_version() == "HTTP/1.0");
        CHECK(r.text() == "HTTP/1.0 body, ends at close\n");
        CHECK(transport.pool_stats().open == 0);
      },
      trusting_test_ca());
}

TEST_CASE("ClientOptions carry the TLS settings to the default transport") {
  httpxx::ClientOptions options;
  options.ca_file = certs("ca.crt");
  options.cert =
      httpxx::ClientCert{.cert_file = certs("client.crt"), .key_file = certs("client.key")};
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(https("/client-cert"));
        CHECK(json_bool(r, "authorized"));
      },
      options);
  httpxx::ClientOptions insecure;
  insecure.verify = false;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(bad_tls("SELFSIGNED"));
        CHECK(r.status_code() == 200);
      },
      insecure);
  // The default client verifies: the test CA is unknown to the system store.
  with_client([](AsyncClient& client) -> Task<void> {
    (void)co_await expect_error<httpxx::ConnectError>(client.get(https("/get")));
  });
}

TEST_CASE("ClientOptions limits reach the default transport's pool") {
  httpxx::ClientOptions options;
  options.limits.max_connections = 1;
  options.timeout = httpxx::Timeout(5s).with_pool(100ms);
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions streamed{.stream = true};
        auto held = co_await client.get(http("/drip?numbytes=2&duration=0.5"), std::move(streamed));
        (void)co_await expect_error<httpxx::PoolTimeout>(client.get(http("/get")));
        co_await held.close();
        CHECK((co_await client.get(http("/get"))).status_code() == 200);
      },
      options);
}

namespace {

// A TlsChannel on a blocking-free socket to the test server's HTTPS port,
// its handshake done (certificates not verified: these tests are about I/O).
struct RawTls {
  int fd = -1;
  SSL_CTX* context = nullptr;
  std::optional<httpxx::native::TlsChannel> channel;

  RawTls() {
    const std::string origin = env("HTTPXX_TEST_HTTPS");  // https://127.0.0.1:PORT
    const int port = std::stoi(origin.substr(origin.rfind(':') + 1));
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) == 0);
    context = SSL_CTX_new(TLS_client_method());
    REQUIRE(context != nullptr);
    channel.emplace(context, fd, 16 * 1024);
    httpxx::native::TlsStep step;
    for (int i = 0; i < 1000; ++i) {
      step = channel->handshake();
      if (step.wait == httpxx::native::TlsWait::none) break;
      wait_for(step.wait);
    }
    REQUIRE(step.wait == httpxx::native::TlsWait::none);
    REQUIRE_FALSE(step.ec);
  }
  ~RawTls() {
    channel.reset();
    SSL_CTX_free(context);
    ::close(fd);
  }
  RawTls(const RawTls&) = delete;
  RawTls& operator=(const RawTls&) = delete;

  void wait_for(httpxx::native::TlsWait wait) const {
    pollfd ready{
        fd, static_cast<short>(wait == httpxx::native::TlsWait::readable ? POLLIN : POLLOUT), 0};
    ::poll(&ready, 1, 1000);
  }
};

}  // namespace

TEST_CASE("an error another library left on OpenSSL's queue does not fail a TLS read or write") {
  // SSL_get_error says SSL_ERROR_SSL whenever the thread's queue holds an
  // error: one left there by anything else (here a failed PEM load) must
  // not turn "wait for the socket" into a failure.
  RawTls tls;
  char buffer[4096];
  ERR_raise(ERR_LIB_PEM, PEM_R_NO_START_LINE);
  httpxx::native::TlsStep step = tls.channel->read(buffer, sizeof buffer);
  CHECK(step.wait == httpxx::native::TlsWait::readable);
  CHECK_FALSE(step.ec);
  const std::string request = "GET /get HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  ERR_raise(ERR_LIB_PEM, PEM_R_NO_START_LINE);
  step = tls.channel->write(request.data(), request.size());
  CHECK_FALSE(step.ec);
  CHECK(step.bytes == request.size());
  std::string answer;
  for (int i = 0; i < 1000; ++i) {
    ERR_raise(ERR_LIB_PEM, PEM_R_NO_START_LINE);
    step = tls.channel->read(buffer, sizeof buffer);
    if (step.wait != httpxx::native::TlsWait::none) {
      tls.wait_for(step.wait);
      continue;
    }
    if (step.ec) break;
    answer.append(buffer, step.bytes);
  }
  CHECK(step.ec == boost::asio::error::eof);
  CHECK(answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
}

TEST_CASE("a TLS write to a socket that can no longer send fails with EPIPE, without SIGPIPE") {
  // The suite runs with SIGPIPE's default action (native_support.cpp): a
  // write(2) to this socket would end the process. TlsChannel sends with
  // MSG_NOSIGNAL, so the write fails and says why.
  RawTls tls;
  ::shutdown(tls.fd, SHUT_WR);
  const std::string request = "GET /get HTTP/1.1\r\nHost: x\r\n\r\n";
  const httpxx::native::TlsStep step = tls.channel->write(request.data(), request.size());
  CHECK(step.wait == httpxx::native::TlsWait::none);
  CHECK(step.ec == boost::system::error_code(EPIPE, boost::system::system_category()));
}
