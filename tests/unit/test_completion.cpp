// The async toolkit's Completion (lib/src/async/completion.hpp): a result
// handed from a callback that may outlive the coroutine waiting for it.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <optional>

#include "async/completion.hpp"
#include "async/task_scope.hpp"
#include "support.hpp"

using namespace std::chrono_literals;
using httpxx::Loop;
using httpxx::RunLoop;
using httpxx::Task;
using httpxx::detail::Completion;
using httpxx::detail::TaskScope;

namespace {

using Token = std::shared_ptr<int>;

// Waits for a result that a timer callback delivers, as an I/O operation's
// handler would. The setter goes to `out` (the "operation").
Task<void> await_token(std::optional<Completion<Token>::Setter>& out, int& got) {
  Completion<Token> completion;
  out.emplace(completion.setter());
  Token t = co_await completion;
  got = *t;
}

}  // namespace

TEST_CASE("a completion resumes its waiter with the result") {
  RunLoop loop;
  std::optional<Completion<Token>::Setter> setter;
  int got = 0;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(await_token(setter, got));
    co_await httpxx::sleep(1ms);
    REQUIRE(setter);
    Loop::current().start_timer(0ms, [&] { (*setter)(std::make_shared<int>(7)); });
    co_await scope.join();
  };
  loop.run(body());
  CHECK(got == 7);
}

TEST_CASE("a result delivered before the wait is taken without suspending") {
  RunLoop loop;
  auto body = []() -> Task<void> {
    Completion<int> completion;
    completion.setter()(5);
    CHECK(completion.done());
    int value = co_await completion;
    CHECK(value == 5);
  };
  loop.run(body());
}

TEST_CASE("a callback that comes after its waiter was destroyed only drops the result") {
  RunLoop loop;
  std::optional<Completion<Token>::Setter> setter;
  int got = 0;
  Token result = std::make_shared<int>(9);
  auto body = [&]() -> Task<void> {
    {
      TaskScope scope(Loop::current());
      scope.spawn(await_token(setter, got));
      co_await httpxx::sleep(1ms);
    }  // the waiter's frame is destroyed; the setter lives on
    REQUIRE(setter);
    (*setter)(result);
    CHECK(result.use_count() == 2);  // here and in the setter's state
    setter.reset();                  // the last owner of the state
    CHECK(result.use_count() == 1);
  };
  loop.run(body());
  CHECK(got == 0);
}
