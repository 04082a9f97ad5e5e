#pragma once
// `Completion<T>`: one result handed from a callback to one waiting
// coroutine, when the callback may outlive the wait.
//
// That is the shape of an I/O operation (natively, an Asio operation): its
// completion handler is called once, later, by the loop, and the coroutine
// waiting for it may be destroyed first (its task dropped, its request
// cancelled). The awaiter and the `Setter` (which goes into the handler)
// share a small state, from the recycled pool:
// - the callback comes first: the setter stores the result and resumes the
//   waiter, which reads it;
// - the waiter is destroyed first: it forgets itself, and the setter later
//   only stores the result, which is dropped with the state.
//
// The setter resumes the waiter right where it is called, and so may only
// be called from a callback that the loop itself runs (a completion
// handler, a timer), where nothing of the waiter is on the stack above it:
// this saves a trip through the ready queue on every socket read and
// write. Wake-ups from anywhere else go through a `WaitList`.

#include <memory>
#include <utility>

#include "httpxx/coro.hpp"
#include "recycling_allocator.hpp"

namespace httpxx::detail {

template <class T>
class Completion {
  struct State {
    coro::coroutine_handle<> waiter{};
    bool done = false;
    T value{};
  };

 public:
  /// Delivers the result; copyable, called once.
  class Setter {
   public:
    /// Stores `value` and resumes the waiter, if it still waits. Call it
    /// only from a callback the loop runs (see the file comment).
    void operator()(T value) const {
      // Held here: the resumed coroutine may drop the last other owner.
      std::shared_ptr<State> s = state_;
      s->value = std::move(value);
      s->done = true;
      if (coro::coroutine_handle<> h = std::exchange(s->waiter, {})) h.resume();
    }

   private:
    friend class Completion;
    explicit Setter(std::shared_ptr<State> state) noexcept : state_(std::move(state)) {}
    std::shared_ptr<State> state_;
  };

  Completion() : state_(std::allocate_shared<State>(RecyclingAllocator<State>())) {}
  Completion(const Completion&) = delete;
  Completion& operator=(const Completion&) = delete;
  /// A waiter destroyed while it waits is forgotten: the setter will not
  /// resume it.
  ~Completion() { state_->waiter = {}; }

  /// The other end, for the callback.
  [[nodiscard]] Setter setter() const { return Setter(state_); }
  /// True once the setter has run.
  [[nodiscard]] bool done() const noexcept { return state_->done; }

  bool await_ready() const noexcept { return state_->done; }
  void await_suspend(coro::coroutine_handle<> h) noexcept { state_->waiter = h; }
  T await_resume() { return std::move(state_->value); }

 private:
  std::shared_ptr<State> state_;
};

}  // namespace httpxx::detail
