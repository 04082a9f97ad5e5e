#pragma once
/// \file
/// The one place that picks the coroutine header. Compilers with a standard
/// `<coroutine>` use it; Emscripten 3.1.6's libc++ only ships
/// `<experimental/coroutine>`, whose names live in `std::experimental`.
/// Everything in httpxx names coroutine types through `httpxx::coro`.

#if __has_include(<coroutine>)
#include <coroutine>
namespace httpxx::coro {
using std::coroutine_handle;
using std::noop_coroutine;
using std::suspend_always;
using std::suspend_never;
}  // namespace httpxx::coro
#elif __has_include(<experimental/coroutine>)
#include <experimental/coroutine>
namespace httpxx::coro {
using std::experimental::coroutine_handle;
using std::experimental::noop_coroutine;
using std::experimental::suspend_always;
using std::experimental::suspend_never;
}  // namespace httpxx::coro
#else
#error "httpxx needs C++20 coroutines (<coroutine> or <experimental/coroutine>)"
#endif
