// The WebAssembly platform's defaults: the JS event loop and the Fetch
// transport.
#include <stdexcept>
#include <string>

#include "fetch_call.hpp"
#include "fetch_transport.hpp"
#include "js_loop.hpp"
#include "platform.hpp"

namespace httpxx::detail {

std::unique_ptr<Loop> make_default_loop() { return std::make_unique<wasm::JsLoop>(); }
Loop* fallback_loop() noexcept { return &wasm::JsLoop::instance(); }

namespace {

[[noreturn]] void refuse(const char* option, const char* why) {
  throw std::invalid_argument(std::string("httpxx: option '") + option +
                              "' is not supported in WebAssembly: " + why);
}

// The options the runtime decides instead of the client: accepted at their
// defaults only, never dropped without a word (the same rule, and the same
// reasons, as the JS API's, in bindings/httpxx.mjs).
void refuse_native_only(const ClientOptions& options) {
  const Limits defaults;
  if (options.limits.max_connections != defaults.max_connections ||
      options.limits.max_keepalive_connections != defaults.max_keepalive_connections ||
      options.limits.keepalive_expiry != defaults.keepalive_expiry) {
    refuse("limits",
           "the runtime keeps its own connection pool (the browser's fetch, or a Node.js "
           "http.Agent)");
  }
  if (options.proxy) {
    refuse("proxy", "the runtime chooses the proxy (browser settings; none under Node.js)");
  }
  if (!options.trust_env) {
    refuse("trust_env", "the runtime chooses the proxy, not the environment variables");
  }
  if (options.retries != 0) {
    refuse("retries",
           "the runtime makes the connections, so failed connection attempts cannot be retried");
  }
  // Node.js's https takes TLS settings (node_tls_settings); fetch in a
  // browser takes none.
  if (wasm::runtime_is_node()) return;
  if (!options.verify) {
    refuse("verify", "the browser verifies TLS certificates and offers no way to turn that off");
  }
  if (options.cert) {
    refuse("cert", "fetch cannot present a TLS client certificate chosen by the page");
  }
  if (!options.ca_file.empty()) refuse("ca_file", "the browser trusts its own certificate store");
  if (!options.ca_dir.empty()) refuse("ca_dir", "the browser trusts its own certificate store");
}

}  // namespace

std::shared_ptr<Transport> make_default_transport(const ClientOptions& options) {
  // The runtime chooses the protocol (browsers negotiate HTTP/2 themselves):
  // turning either off cannot be honoured.
  if (!options.http1 || !options.http2) {
    throw std::invalid_argument(
        "httpxx: http1 and http2 cannot be turned off here: the runtime (the browser's fetch, "
        "Node.js's node:http) chooses the HTTP version");
  }
  refuse_native_only(options);
  return std::make_shared<wasm::FetchTransport>(
      wasm::node_tls_settings(options.verify, options.ca_file, options.ca_dir, options.cert));
}

}  // namespace httpxx::detail
