#pragma once
// The seam between the core (lib/) and a platform (platform/native,
// platform/wasm): everything a platform provides to the core is declared
// here, and nowhere else. `make_default_loop` is declared in httpxx/loop.hpp.
//
// In the other direction a platform sees the public headers and, of lib/src,
// only this header, the async toolkit (async/), the content decoder
// interface (decoding/content_decoder.hpp), recycling_allocator.hpp and
// limit_errors.hpp. cmake/check_boundary.cmake holds both rules and fails the
// build when a file breaks them.

#include <memory>
#include <string_view>

#include "httpxx/loop.hpp"
#include "httpxx/options.hpp"
#include "httpxx/transport.hpp"

namespace httpxx::detail {

class ContentDecoder;

/// The transport a client uses when `ClientOptions::transport` is null.
std::shared_ptr<Transport> make_default_transport(const ClientOptions& options);

/// The loop `Loop::current()` gives when none runs on this thread: the JS
/// event loop in WebAssembly, none natively.
Loop* fallback_loop() noexcept;

/// One codec by its lower-case name ("gzip", "x-gzip", "deflate", "br",
/// "zstd"), or nullptr if the platform has no such codec (the browser's
/// fetch decodes by itself: it has none).
std::unique_ptr<ContentDecoder> make_codec(std::string_view name);

/// The Accept-Encoding value the platform's codecs can honour ("" if none).
std::string_view accepted_encodings() noexcept;

}  // namespace httpxx::detail
