#pragma once
// Awaiting one Asio operation from an httpxx::Task.
//
// Asio reports completion through a handler; a Task waits by suspending.
// `async_op` starts the operation with a handler that delivers the result
// through a `Completion` (lib/src/async/completion.hpp), which lets the
// handler and the awaiting coroutine die in any order:
//
// - the operation completes first: the handler resumes the coroutine with
//   the result (from the loop: Asio never runs a handler inside the call
//   that started its operation);
// - the coroutine is destroyed first (its task was dropped, a parallel
//   request cancelled): the awaiter calls `abort`, which must make the
//   operation complete soon (close the socket, cancel the resolver). The
//   handler then runs later, finds no waiter and only drops what it holds.
//
// The handler also holds `keep_alive` (the I/O object's owner): Asio's
// composed operations (TLS above all) use the stream and their buffers until
// their handler has been called, so those must outlive the coroutine.

#include <boost/system/error_code.hpp>
#include <memory>
#include <type_traits>
#include <utility>

#include "async/completion.hpp"
#include "httpxx/coro.hpp"
#include "recycling_allocator.hpp"

namespace httpxx::native {

/// How an Asio operation completed: its error code, and its value if the
/// operation produces one (bytes transferred, resolver results).
template <class Value>
struct OpResult {
  boost::system::error_code ec;
  Value value{};
};

template <>
struct OpResult<void> {
  boost::system::error_code ec;
};

namespace detail {

template <class Value>
struct OpHandler {
  typename httpxx::detail::Completion<OpResult<Value>>::Setter complete;
  std::shared_ptr<void> keep_alive;

  // Asio stores the operation with this allocator: recycled memory, not a
  // heap allocation per read or write.
  using allocator_type = httpxx::detail::RecyclingAllocator<void>;
  allocator_type get_allocator() const noexcept { return {}; }

  template <class... Args>
  void operator()(const boost::system::error_code& ec, Args&&... args) {
    // Held on the stack: resuming the coroutine may destroy the last other
    // owner of the I/O object, and Asio destroys this handler only after it
    // returns.
    std::shared_ptr<void> hold = keep_alive;
    OpResult<Value> result{ec};
    if constexpr (!std::is_void_v<Value> && sizeof...(Args) == 1) {
      ((result.value = std::forward<Args>(args)), ...);
    }
    complete(std::move(result));
  }
};

}  // namespace detail

/// The awaiter `async_op` returns; `co_await` it once.
template <class Value, class Start, class Abort>
class AsioOp {
 public:
  AsioOp(std::shared_ptr<void> keep_alive, Start start, Abort abort)
      : keep_alive_(std::move(keep_alive)), start_(std::move(start)), abort_(std::move(abort)) {}
  AsioOp(const AsioOp&) = delete;
  AsioOp& operator=(const AsioOp&) = delete;
  // The completion forgets the waiter as it goes, after `abort` (which
  // never runs the handler inline: Asio posts it).
  ~AsioOp() {
    if (started_ && !completion_.done()) abort_();
  }

  bool await_ready() const noexcept { return false; }
  void await_suspend(coro::coroutine_handle<> h) {
    completion_.await_suspend(h);
    start_(detail::OpHandler<Value>{completion_.setter(), std::move(keep_alive_)});
    started_ = true;
  }
  OpResult<Value> await_resume() { return completion_.await_resume(); }

 private:
  httpxx::detail::Completion<OpResult<Value>> completion_;
  std::shared_ptr<void> keep_alive_;
  Start start_;
  Abort abort_;
  bool started_ = false;
};

/// `co_await async_op<std::size_t>(core, [&](auto h) { sock.async_read_some(buf, std::move(h)); },
///                                   [&] { core->abort(); })`
/// `Value` is what the handler receives after the error code (`void` if
/// nothing). `start` initiates the operation with the given handler;
/// `abort` is called noexcept if the awaiting coroutine is destroyed first.
template <class Value, class Start, class Abort>
AsioOp<Value, Start, Abort> async_op(std::shared_ptr<void> keep_alive, Start start, Abort abort) {
  return AsioOp<Value, Start, Abort>(std::move(keep_alive), std::move(start), std::move(abort));
}

}  // namespace httpxx::native
