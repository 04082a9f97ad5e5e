#include "h2_memory.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <new>

#include "httpxx/task.hpp"

namespace httpxx::native {

namespace {

// Before each block: its size. 16 bytes keep the block as aligned as
// malloc's.
constexpr std::size_t kPrefix = 16;

std::size_t size_of(void* block) noexcept {
  std::size_t size = 0;
  std::memcpy(&size, static_cast<char*>(block) - kPrefix, sizeof size);
  return size;
}

void* allocate(std::size_t size, void* /*user*/) {
  if (size > static_cast<std::size_t>(-1) - kPrefix) return nullptr;
  try {
    auto* raw = static_cast<char*>(httpxx::detail::allocate_frame(size + kPrefix));
    std::memcpy(raw, &size, sizeof size);
    return raw + kPrefix;
  } catch (const std::bad_alloc&) {
    return nullptr;  // nghttp2 reports NGHTTP2_ERR_NOMEM
  }
}

void release(void* block, void* /*user*/) {
  if (block == nullptr) return;
  httpxx::detail::deallocate_frame(static_cast<char*>(block) - kPrefix, size_of(block) + kPrefix);
}

void* allocate_zeroed(std::size_t count, std::size_t size, void* user) {
  if (size != 0 && count > static_cast<std::size_t>(-1) / size) return nullptr;
  void* block = allocate(count * size, user);
  if (block != nullptr) std::memset(block, 0, count * size);
  return block;
}

void* reallocate(void* block, std::size_t size, void* user) {
  if (block == nullptr) return allocate(size, user);
  void* moved = allocate(size, user);
  if (moved == nullptr) return nullptr;  // the old block stays, as with realloc
  std::memcpy(moved, block, std::min(size, size_of(block)));
  release(block, user);
  return moved;
}

nghttp2_mem memory{nullptr, allocate, release, allocate_zeroed, reallocate};

}  // namespace

nghttp2_mem* h2_memory() noexcept { return &memory; }

}  // namespace httpxx::native
