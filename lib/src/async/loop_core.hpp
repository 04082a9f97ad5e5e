#pragma once
// `LoopCore`: what the async toolkit keeps per `Loop` (the loop holds it;
// `Loop` is in the public API, the toolkit is not): the ready queue through
// which every waiter on the loop is resumed, and the scope that owns the
// loop's detached tasks (`Loop::spawn`).

#include "async/ready_queue.hpp"
#include "async/task_scope.hpp"
#include "httpxx/loop.hpp"

namespace httpxx::detail {

class LoopCore {
 public:
  explicit LoopCore(Loop& loop) noexcept : ready(loop), detached(loop) {}

  /// The core of `loop`.
  static LoopCore& of(Loop& loop) noexcept { return *loop.core_; }

  ReadyQueue ready;
  /// Declared after `ready`, so destroyed before it: detached frames leave
  /// the queue as they go.
  TaskScope detached;
};

}  // namespace httpxx::detail
