#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "support.hpp"

using httpxx::Task;
using httpxx_test::drive;

namespace {

Task<int> answer() { co_return 42; }
Task<int> add_one(int x) { co_return x + 1; }
Task<void> nothing() { co_return; }
Task<int> thrower() {
  throw std::runtime_error("inner failure");
  co_return 0;
}
Task<int> rethrows_from_below() {
  int v = co_await thrower();
  co_return v;
}
Task<std::unique_ptr<int>> move_only() { co_return std::make_unique<int>(7); }

Task<long> sum_synchronously(int n) {
  long total = 0;
  for (int i = 0; i < n; ++i) total += co_await add_one(i);
  co_return total;
}

Task<int> nested(int depth) {
  if (depth == 0) co_return 0;
  co_return 1 + co_await nested(depth - 1);
}

Task<int> counts(std::shared_ptr<int> token) { co_return *token; }

}  // namespace

TEST_CASE("a task returns its value to the awaiter") { CHECK(drive(answer()) == 42); }

TEST_CASE("a void task completes") { drive(nothing()); }

TEST_CASE("a task is lazy: its body does not run until awaited") {
  bool ran = false;
  auto body = [](bool& flag) -> Task<void> {
    flag = true;
    co_return;
  };
  Task<void> t = body(ran);
  CHECK_FALSE(ran);
  drive(std::move(t));
  CHECK(ran);
}

TEST_CASE("an exception crosses coroutine frames to the awaiter") {
  CHECK_THROWS_WITH_AS(drive(rethrows_from_below()), "inner failure", std::runtime_error);
}

TEST_CASE("a task can return a move-only value") { CHECK(*drive(move_only()) == 7); }

TEST_CASE("a chain of 100000 synchronously completing awaits does not overflow the stack") {
  CHECK(drive(sum_synchronously(100000)) == 100000L * 100001L / 2);
}

TEST_CASE("tasks nested 2000 deep complete") { CHECK(drive(nested(2000)) == 2000); }

TEST_CASE("a task that is never awaited destroys its captured arguments") {
  auto token = std::make_shared<int>(5);
  {
    Task<int> t = counts(token);
    CHECK(token.use_count() == 2);
  }
  CHECK(token.use_count() == 1);
}

TEST_CASE("a task awaited to its end releases its arguments") {
  auto token = std::make_shared<int>(5);
  CHECK(drive(counts(token)) == 5);
  CHECK(token.use_count() == 1);
}

TEST_CASE("a moved-from task is empty and the moved-to task runs") {
  Task<int> a = answer();
  Task<int> b = std::move(a);
  CHECK_FALSE(a.valid());  // NOLINT(bugprone-use-after-move)
  CHECK(b.valid());
  CHECK(drive(std::move(b)) == 42);
}

TEST_CASE("awaiting a task twice is refused") {
  auto twice = []() -> Task<void> {
    Task<int> t = answer();
    (void)co_await t;
    (void)co_await t;
  };
  CHECK_THROWS_AS(drive(twice()), std::logic_error);
}

TEST_CASE("a task suspended on a timer resumes from the loop") {
  auto sleeper = []() -> Task<int> {
    co_await httpxx::sleep(std::chrono::milliseconds(1));
    co_return 3;
  };
  CHECK(drive(sleeper()) == 3);
}

TEST_CASE("many asynchronously completing awaits in sequence do not overflow the stack") {
  // Each await completes through the loop (a posted resumption), so the
  // awaiter is resumed from the loop, not recursively.
  struct Yield {
    bool await_ready() { return false; }
    void await_suspend(httpxx::coro::coroutine_handle<> h) {
      httpxx::Loop::current().post([h]() mutable { h.resume(); });
    }
    void await_resume() {}
  };
  auto step = []() -> Task<int> {
    co_await Yield{};
    co_return 1;
  };
  auto many = [&]() -> Task<int> {
    int total = 0;
    for (int i = 0; i < 20000; ++i) total += co_await step();
    co_return total;
  };
  CHECK(drive(many()) == 20000);
}
