// The WebAssembly platform's defaults: the JS event loop and the Fetch
// transport.
#include "fetch_transport.hpp"
#include "js_loop.hpp"
#include "platform.hpp"

namespace httpxx::detail {

std::unique_ptr<Loop> make_default_loop() { return std::make_unique<wasm::JsLoop>(); }
Loop* fallback_loop() noexcept { return &wasm::JsLoop::instance(); }

std::shared_ptr<Transport> make_default_transport(const ClientOptions&) {
  return std::make_shared<wasm::FetchTransport>();
}

}  // namespace httpxx::detail
