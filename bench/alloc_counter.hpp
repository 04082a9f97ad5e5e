#pragma once
// A global operator new that counts (alloc_counter.cpp). Linked only into
// httpxx_alloc_bench, so the timed programs keep the standard allocator.

#include <cstdint>

namespace bench {

/// Calls of the global operator new (every form) since the program started.
std::uint64_t allocations() noexcept;

}  // namespace bench
