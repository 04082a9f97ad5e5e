// The native platform's defaults: an Asio loop and the socket transport.
#include "asio_loop.hpp"
#include "native_transport.hpp"
#include "platform.hpp"

namespace httpxx::detail {

std::unique_ptr<Loop> make_default_loop() { return std::make_unique<native::AsioLoop>(); }

// Natively a loop runs only inside run(): there is no implicit one.
Loop* fallback_loop() noexcept { return nullptr; }

std::shared_ptr<Transport> make_default_transport(const ClientOptions& options) {
  native::NativeOptions native;
  native.http1 = options.http1;
  native.http2 = options.http2;
  native.limits = options.limits;
  native.tls.verify = options.verify;
  native.tls.ca_file = options.ca_file;
  native.tls.ca_dir = options.ca_dir;
  if (options.cert) {
    native.tls.cert_file = options.cert->cert_file;
    native.tls.key_file = options.cert->key_file;
    native.tls.key_password = options.cert->password;
  }
  if (options.proxy) {
    native.proxy.http = *options.proxy;
    native.proxy.https = *options.proxy;
  } else if (options.trust_env) {
    native.proxy = native::ProxyOptions::from_env();
  }
  native.retry.retries = options.retries;
  return std::make_shared<native::NativeTransport>(std::move(native));
}

}  // namespace httpxx::detail
