#pragma once
// What each platform library (platform/native, platform/wasm) provides to
// lib/. `make_default_loop` is declared in httpxx/loop.hpp.

#include <memory>

#include "httpxx/loop.hpp"
#include "httpxx/options.hpp"
#include "httpxx/transport.hpp"

namespace httpxx::detail {

/// The transport a client uses when `ClientOptions::transport` is null.
std::shared_ptr<Transport> make_default_transport(const ClientOptions& options);

/// The loop `Loop::current()` gives when none runs on this thread: the JS
/// event loop in WebAssembly, none natively.
Loop* fallback_loop() noexcept;

/// The User-Agent sent by default: "httpxx/<version>".
const char* user_agent() noexcept;

}  // namespace httpxx::detail
