#pragma once
// A standard allocator over the per-thread frame cache (frame_pool.cpp), for
// the small objects every request makes and frees again (the shared state of
// an I/O wait, Asio's operation storage): in the steady state they reuse
// memory instead of reaching the heap.

#include <cstddef>

#include "httpxx/task.hpp"

namespace httpxx::detail {

template <class T>
struct RecyclingAllocator {
  using value_type = T;

  RecyclingAllocator() noexcept = default;
  template <class U>
  RecyclingAllocator(const RecyclingAllocator<U>&) noexcept {}  // NOLINT: rebinding is implicit

  T* allocate(std::size_t n) { return static_cast<T*>(allocate_frame(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { deallocate_frame(p, n * sizeof(T)); }

  template <class U>
  friend bool operator==(const RecyclingAllocator&, const RecyclingAllocator<U>&) noexcept {
    return true;
  }
};

}  // namespace httpxx::detail
