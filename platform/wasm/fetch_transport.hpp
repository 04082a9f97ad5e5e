#pragma once
// The WebAssembly transport: the WHATWG Fetch API (global `fetch`, a
// ReadableStream reader per body, an AbortController per request), in
// browsers, workers and Node.js alike.
//
// What fetch does by itself, and so `lib/` does not:
// - content decoding (gzip, deflate, br): bodies arrive decoded, so `raw()`
//   gives decoded bytes; the headers stay those of the wire (Content-Encoding
//   and Content-Length describe the encoded body, as natively);
// - in browsers, redirects (there, redirect: 'manual' only gives an opaque
//   response) and cookies (the browser's jar). Under Node.js fetch returns
//   the real 3xx and `lib/` applies its redirect rules.
// Fetch cannot tell connecting from waiting for the server: see
// `head_deadline` in fetch_transport.cpp for how timeouts map.

#include <memory>

#include "httpxx/transport.hpp"

namespace httpxx::wasm {

class FetchTransport final : public Transport {
 public:
  /// `tls`: under Node.js, the settings of `node_tls_settings` (0: the
  /// runtime's).
  explicit FetchTransport(int tls = 0);
  ~FetchTransport() override;

  /// Starts a fetch and completes when the response head arrives, or, with
  /// `options.read_whole`, once the whole body is in too (then read from JS
  /// without a round trip per chunk). Throws the class the native transport
  /// raises for the same failure, picked from undici's error cause under
  /// Node.js: `RemoteProtocolError` (malformed response, peer closed early),
  /// `DecodingError` (corrupt gzip/br, `max_decoded_size` passed),
  /// `ConnectError` (refused, DNS, TLS; any opaque browser failure before
  /// the head), `ReadError` (reset; an opaque one after the head),
  /// `LocalProtocolError` (fetch refused the request as given, e.g. a GET
  /// with a body), `ReadTimeout` / `ConnectTimeout`; the message is the JS
  /// one with its cause. Destroying the task while it waits aborts the
  /// fetch.
  [[nodiscard]] Task<TransportResponse> send(std::shared_ptr<const Request> request,
                                             TransportOptions options) override;
  /// Aborts every fetch of this transport that is still running.
  [[nodiscard]] Task<void> close() override;
  [[nodiscard]] TransportCapabilities capabilities() const override;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace httpxx::wasm
