// The WebAssembly platform's defaults: the JS event loop.
#include "js_loop.hpp"
#include "httpxx/errors.hpp"
#include "platform.hpp"

namespace httpxx::detail {

std::unique_ptr<Loop> make_default_loop() { return std::make_unique<wasm::JsLoop>(); }
Loop* fallback_loop() noexcept { return &wasm::JsLoop::instance(); }

}  // namespace httpxx::detail

namespace httpxx::detail {

std::shared_ptr<Transport> make_default_transport(const ClientOptions&) {
  throw UnsupportedProtocol("the Fetch transport is not part of this build yet");
}

}  // namespace httpxx::detail
