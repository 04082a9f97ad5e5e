// The WebAssembly platform's defaults: the JS event loop and the Fetch
// transport.
#include <stdexcept>

#include "fetch_transport.hpp"
#include "js_loop.hpp"
#include "platform.hpp"

namespace httpxx::detail {

std::unique_ptr<Loop> make_default_loop() { return std::make_unique<wasm::JsLoop>(); }
Loop* fallback_loop() noexcept { return &wasm::JsLoop::instance(); }

std::shared_ptr<Transport> make_default_transport(const ClientOptions& options) {
  // The runtime chooses the protocol (browsers negotiate HTTP/2 themselves):
  // turning either off cannot be honoured.
  if (!options.http1 || !options.http2) {
    throw std::invalid_argument(
        "httpxx: http1 and http2 cannot be turned off here: the runtime (the browser's fetch, "
        "Node.js's node:http) chooses the HTTP version");
  }
  return std::make_shared<wasm::FetchTransport>();
}

}  // namespace httpxx::detail
