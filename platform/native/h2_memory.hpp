#pragma once
// The memory functions nghttp2 allocates through (`nghttp2_mem`).
//
// nghttp2 allocates about seventeen times for each request it carries (the
// stream, its queued HEADERS, the copied header list, every received header
// name and value that is not in HPACK's static table, ...), each briefly and
// in a handful of sizes. With a thousand streams in flight those bursts went
// past malloc's per-thread cache into its slower bins (a quarter of the
// client's time at 1 000 streams). These functions take the memory from the
// same per-thread cache of freed blocks that coroutine frames come from
// (`httpxx::detail::allocate_frame`), with a 16-byte prefix that remembers
// each block's size, since nghttp2 frees without giving it.

#include <nghttp2/nghttp2.h>

namespace httpxx::native {

/// The allocator every session is created with (nghttp2_session_client_new3).
[[nodiscard]] nghttp2_mem* h2_memory() noexcept;

}  // namespace httpxx::native
