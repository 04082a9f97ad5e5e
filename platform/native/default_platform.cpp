// The native platform's defaults: an Asio loop and the socket transport.
#include "asio_loop.hpp"
#include "native_transport.hpp"
#include "platform.hpp"

namespace httpxx::detail {

std::unique_ptr<Loop> make_default_loop() { return std::make_unique<native::AsioLoop>(); }

// Natively a loop runs only inside run(): there is no implicit one.
Loop* fallback_loop() noexcept { return nullptr; }

std::shared_ptr<Transport> make_default_transport(const ClientOptions&) {
  // ClientOptions has no pool or TLS settings yet: the defaults (HTTPX's
  // Limits, the system's trust store, verification on).
  return std::make_shared<native::NativeTransport>();
}

}  // namespace httpxx::detail
