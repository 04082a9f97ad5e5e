// The native platform's defaults: an Asio loop and the socket transport.
#include "asio_loop.hpp"
#include "httpxx/errors.hpp"
#include "platform.hpp"

namespace httpxx::detail {

std::unique_ptr<Loop> make_default_loop() { return std::make_unique<native::AsioLoop>(); }

}  // namespace httpxx::detail

namespace httpxx::detail {

// Natively a loop runs only inside run(): there is no implicit one.
Loop* fallback_loop() noexcept { return nullptr; }

}  // namespace httpxx::detail

namespace httpxx::detail {

std::shared_ptr<Transport> make_default_transport(const ClientOptions&) {
  throw UnsupportedProtocol("the native socket transport is not part of this build yet");
}

}  // namespace httpxx::detail
