// The process-wide TLS context cache (platform/native/tls_context_cache):
// transports with the same TLS settings share one context, transports whose
// settings differ in any field never do, and sharing weakens nothing.
// Native only.
#include <filesystem>
#include <fstream>
#include <memory>

#include "native_support.hpp"
#include "tls_context.hpp"
#include "tls_context_cache.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;
using httpxx::native::TlsContext;
using httpxx::native::TlsOptions;

namespace {

std::string certs(std::string_view file) {
  return env("HTTPXX_TEST_CERTS") + "/" + std::string(file);
}

std::string bad_tls(const char* name) {
  return env((std::string("HTTPXX_TEST_TLS_") + name).c_str()) + "/get";
}

TlsOptions trusting() {
  TlsOptions tls;
  tls.ca_file = certs("ca.crt");
  return tls;
}

NativeOptions with_tls(TlsOptions tls) {
  NativeOptions options;
  options.tls = std::move(tls);
  return options;
}

}  // namespace

TEST_CASE("two transports with the same TLS settings share one TLS context") {
  NativeTransport one(with_tls(trusting()));
  NativeTransport two(with_tls(trusting()));
  CHECK(one.tls_context() != nullptr);
  CHECK(one.tls_context() == two.tls_context());
  CHECK(httpxx::native::shared_tls_context(trusting()) == one.tls_context());
}

TEST_CASE("a transport that does not verify never shares a context with one that verifies") {
  TlsOptions insecure = trusting();
  insecure.verify = false;
  NativeTransport verifying(with_tls(trusting()));
  NativeTransport not_verifying(with_tls(insecure));
  CHECK(verifying.tls_context() != not_verifying.tls_context());
  // The system store too.
  TlsOptions system_insecure;
  system_insecure.verify = false;
  CHECK(httpxx::native::shared_tls_context(TlsOptions{}) !=
        httpxx::native::shared_tls_context(system_insecure));
}

TEST_CASE("every TLS setting is part of the context's identity") {
  const auto base = httpxx::native::shared_tls_context(trusting());
  TlsOptions with_cert = trusting();
  with_cert.cert_file = certs("client.crt");
  with_cert.key_file = certs("client.key");
  TlsOptions with_pem = trusting();
  with_pem.cert_file = certs("client.pem");
  TlsOptions system;  // the system store instead of the CA file
  const auto cert = httpxx::native::shared_tls_context(with_cert);
  const auto pem = httpxx::native::shared_tls_context(with_pem);
  const auto sys = httpxx::native::shared_tls_context(system);
  CHECK(base != cert);
  CHECK(base != pem);
  CHECK(cert != pem);
  CHECK(base != sys);
  CHECK(httpxx::native::shared_tls_context(with_cert) == cert);
}

TEST_CASE("a CA file rewritten under the same name is loaded again") {
  const auto dir = std::filesystem::temp_directory_path() / "httpxx-tls-cache-test";
  std::filesystem::create_directories(dir);
  const auto file = dir / "ca.crt";
  std::filesystem::copy_file(certs("ca.crt"), file,
                             std::filesystem::copy_options::overwrite_existing);
  TlsOptions tls;
  tls.ca_file = file.string();
  const auto first = httpxx::native::shared_tls_context(tls);
  CHECK(httpxx::native::shared_tls_context(tls) == first);
  {
    std::ofstream append(file, std::ios::app);
    append << "\n";
  }
  const auto second = httpxx::native::shared_tls_context(tls);
  CHECK(second != first);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a file that cannot be loaded is not cached: it fails each time") {
  TlsOptions missing;
  missing.ca_file = "/nonexistent/httpxx-ca.crt";
  CHECK_THROWS_AS((void)httpxx::native::shared_tls_context(missing), std::invalid_argument);
  CHECK_THROWS_AS((void)httpxx::native::shared_tls_context(missing), std::invalid_argument);
  CHECK_THROWS_AS(NativeTransport(with_tls(missing)), std::invalid_argument);
}

TEST_CASE("a context made for one transport is kept for the next one with the same settings") {
  std::shared_ptr<TlsContext> seen;
  {
    NativeTransport first(with_tls(trusting()));
    seen = first.tls_context();
  }
  const TlsContext* address = seen.get();
  seen.reset();
  NativeTransport next(with_tls(trusting()));
  CHECK(next.tls_context().get() == address);
}

TEST_CASE("a verifying client still rejects a bad certificate after a non-verifying one used it") {
  run([]() -> Task<void> {
    TlsOptions insecure_tls = trusting();
    insecure_tls.verify = false;
    auto insecure = std::make_shared<NativeTransport>(with_tls(insecure_tls));
    auto secure = std::make_shared<NativeTransport>(with_tls(trusting()));
    httpxx::ClientOptions insecure_options;
    insecure_options.transport = insecure;
    httpxx::ClientOptions secure_options;
    secure_options.transport = secure;
    AsyncClient lax(std::move(insecure_options));
    AsyncClient strict(std::move(secure_options));
    for (const char* name : {"SELFSIGNED", "EXPIRED", "WRONGHOST", "UNKNOWNCA"}) {
      CAPTURE(name);
      auto r = co_await lax.get(bad_tls(name));
      CHECK(r.status_code() == 200);
      const std::string message =
          co_await expect_error<httpxx::ConnectError>(strict.get(bad_tls(name)));
      CHECK(message.find("certificate verify failed") != std::string::npos);
    }
    // And the good server is still fine for both.
    CHECK((co_await strict.get(https("/get"))).status_code() == 200);
    CHECK((co_await lax.get(https("/get"))).status_code() == 200);
    co_await lax.close();
    co_await strict.close();
  }());
}

TEST_CASE("clients made one after another with the same settings share the context") {
  run([]() -> Task<void> {
    const TlsContext* first = nullptr;
    for (int i = 0; i < 3; ++i) {
      auto transport = std::make_shared<NativeTransport>(with_tls(trusting()));
      httpxx::ClientOptions options;
      options.transport = transport;
      AsyncClient client(std::move(options));
      CHECK((co_await client.get(https("/get"))).status_code() == 200);
      if (first == nullptr) first = transport->tls_context().get();
      CHECK(transport->tls_context().get() == first);
      co_await client.close();
    }
  }());
}
