#include "deadline.hpp"

#include <exception>
#include <optional>
#include <utility>

#include "async/task_scope.hpp"
#include "async/wait_list.hpp"
#include "httpxx/errors.hpp"
#include "httpxx/response.hpp"

namespace httpxx::detail {

namespace {

struct Outcome {
  std::optional<Response> value;
  std::exception_ptr error;
  bool finished = false;
};

Task<void> run_to_end(Task<Response> task, Outcome& out, WaitList& finished) {
  try {
    out.value = co_await std::move(task);
  } catch (...) {
    out.error = std::current_exception();
  }
  out.finished = true;
  finished.wake_all();
}

}  // namespace

Task<Response> with_deadline(Task<Response> task, Loop::Duration limit, std::string message) {
  Outcome out;
  WaitList finished;
  // The request runs in a frame of the scope, so that the deadline can
  // destroy it. Declared last, so destroyed first: however this coroutine
  // ends (completion, timeout, or its own destruction while it waits), the
  // request's frame goes before what it writes to.
  TaskScope scope(Loop::current());
  scope.spawn(run_to_end(std::move(task), out, finished));
  if (!out.finished) {
    (void)co_await finished.wait(limit);
    // A result that came after the timer fired, but before this resumed,
    // still counts.
    if (!out.finished) {
      scope.cancel();  // destroying the suspended request closes its connection
      throw TimeoutException(message);
    }
  }
  if (out.error) std::rethrow_exception(out.error);
  co_return std::move(*out.value);
}

}  // namespace httpxx::detail
