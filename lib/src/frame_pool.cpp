// The coroutine frame allocator behind `Task` (see task.hpp).
//
// Every request runs a few dozen coroutines, and each call of one allocates
// a frame. Frames come in a handful of sizes and live briefly, so each thread
// keeps freed frames in per-size free lists and hands them out again: in the
// steady state of a keep-alive connection no frame reaches the heap. The
// cache is bounded (kMaxCachedBytes per thread); larger frames and frames
// beyond the bound go to the heap as usual.
//
// Under AddressSanitizer a cached frame is poisoned, so a use after free of a
// recycled frame is still reported.
#include <cstddef>
#include <new>

#include "httpxx/task.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HTTPXX_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define HTTPXX_ASAN 1
#endif
#ifdef HTTPXX_ASAN
#include <sanitizer/asan_interface.h>
#define HTTPXX_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define HTTPXX_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define HTTPXX_POISON(p, n) ((void)(p), (void)(n))
#define HTTPXX_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace httpxx::detail {

namespace {

constexpr std::size_t kGranule = 64;  // size classes: 64, 128, ... bytes
constexpr std::size_t kClasses = 64;  // frames up to 4 KiB are cached
// About the frames of 1 000 requests in flight (a few KiB each) and nghttp2's
// blocks for them (platform/native/h2_memory.cpp): below it, bursts of that
// size sent frames back to the heap and paid for it in malloc.
constexpr std::size_t kMaxCachedBytes = 8 << 20;

struct FreeFrame {
  FreeFrame* next;
};

// Trivially destructible, so it stays usable while thread-local objects
// with destructors are torn down (a frame may be freed after the Reaper ran).
struct FramePool {
  FreeFrame* heads[kClasses];
  std::size_t cached_bytes;
  bool closed;  // the thread is exiting: free straight to the heap
};

thread_local FramePool pool{};

std::size_t class_of(std::size_t size) noexcept { return (size + kGranule - 1) / kGranule - 1; }

void release_all() noexcept {
  for (std::size_t c = 0; c < kClasses; ++c) {
    while (FreeFrame* f = pool.heads[c]) {
      HTTPXX_UNPOISON(f, (c + 1) * kGranule);
      pool.heads[c] = f->next;
      ::operator delete(f);
    }
  }
  pool.cached_bytes = 0;
}

struct Reaper {
  Reaper() = default;
  Reaper(const Reaper&) = delete;
  Reaper& operator=(const Reaper&) = delete;
  ~Reaper() {
    release_all();
    pool.closed = true;
  }
};

void register_reaper() noexcept {
  thread_local Reaper reaper;
  (void)reaper;
}

}  // namespace

void* allocate_frame(std::size_t size) {
  const std::size_t c = class_of(size);
  if (c >= kClasses) return ::operator new(size);
  if (FreeFrame* f = pool.heads[c]) {
    HTTPXX_UNPOISON(f, (c + 1) * kGranule);
    pool.heads[c] = f->next;
    pool.cached_bytes -= (c + 1) * kGranule;
    return f;
  }
  register_reaper();
  return ::operator new((c + 1) * kGranule);
}

void deallocate_frame(void* frame, std::size_t size) noexcept {
  const std::size_t c = class_of(size);
  const std::size_t bytes = (c + 1) * kGranule;
  if (c >= kClasses || pool.closed || pool.cached_bytes + bytes > kMaxCachedBytes) {
    ::operator delete(frame);
    return;
  }
  auto* f = static_cast<FreeFrame*>(frame);
  f->next = pool.heads[c];
  pool.heads[c] = f;
  pool.cached_bytes += bytes;
  HTTPXX_POISON(f, bytes);
}

}  // namespace httpxx::detail
