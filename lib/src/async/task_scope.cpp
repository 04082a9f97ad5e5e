#include "async/task_scope.hpp"

namespace httpxx::detail {

// A member's own coroutine: awaits the adopted task, is linked into its
// scope while alive, and frees itself at its end.
struct TaskScope::Frame {
  struct promise_type : ListLink {
    static void* operator new(std::size_t size) { return allocate_frame(size); }
    static void operator delete(void* frame, std::size_t size) noexcept {
      deallocate_frame(frame, size);
    }

    TaskScope* scope = nullptr;  // null once the scope let go of it
    Waiter start;                // its first resumption, through the ready queue

    ~promise_type() {
      if (scope == nullptr) return;
      unlink();
      if (--scope->size_ == 0) scope->joiners_.wake_all();
    }
    Frame get_return_object() noexcept { return Frame{Handle::from_promise(*this)}; }
    coro::suspend_always initial_suspend() noexcept { return {}; }
    coro::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }  // the body catches everything
  };
  using Handle = coro::coroutine_handle<promise_type>;
  Handle handle;
};

TaskScope::Frame TaskScope::run(Task<void> task, std::exception_ptr* error) {
  try {
    co_await std::move(task);
  } catch (...) {
    if (!*error) *error = std::current_exception();
  }
}

TaskScope::Member TaskScope::adopt(Task<void> task) {
  Frame frame = run(std::move(task), &error_);
  auto& promise = frame.handle.promise();
  promise.scope = this;
  promise.start.handle = frame.handle;
  promise.start.loop = &loop_;
  promise.link_before(members_);
  ++size_;
  return Member{frame.handle.address()};
}

void TaskScope::start(Member member) noexcept {
  auto h = Frame::Handle::from_address(member.frame);
  schedule(loop_, h.promise().start);
}

void TaskScope::cancel() noexcept {
  while (members_.linked()) {
    auto& promise = static_cast<Frame::promise_type&>(*members_.next());
    promise.unlink();
    promise.scope = nullptr;
    --size_;
    // Destroying the suspended frame runs its destructors: what it holds is
    // released, its waits and a pending start leave their lists.
    Frame::Handle::from_promise(promise).destroy();
  }
  joiners_.wake_all();
}

Task<void> TaskScope::join() {
  while (size_ != 0) (void)co_await joiners_.wait();
}

}  // namespace httpxx::detail
