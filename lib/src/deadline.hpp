#pragma once
// Running a task under a deadline: when it passes, the task is cancelled
// (its frame destroyed, which closes its socket or aborts its fetch) and the
// awaiter gets a TimeoutException.

#include <string>

#include "httpxx/loop.hpp"
#include "httpxx/response.hpp"
#include "httpxx/task.hpp"

namespace httpxx::detail {

/// Awaits `task`, or throws `TimeoutException(message)` once `limit` has
/// passed, after cancelling it.
Task<Response> with_deadline(Task<Response> task, Loop::Duration limit, std::string message);

}  // namespace httpxx::detail
