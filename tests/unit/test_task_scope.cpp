// The async toolkit's TaskScope (lib/src/async/task_scope.hpp): members
// started from the loop, errors kept, join, and cancellation at scale.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "async/task_scope.hpp"
#include "async/wait_list.hpp"
#include "support.hpp"

using namespace std::chrono_literals;
using httpxx::Loop;
using httpxx::RunLoop;
using httpxx::Task;
using httpxx::detail::TaskScope;
using httpxx::detail::WaitList;

namespace {

Task<void> settle() { co_await httpxx::sleep(1ms); }

// Counts live frames: one is made in each member's frame.
class Alive {
 public:
  explicit Alive(int& count) : count_(count) { ++count_; }
  Alive(const Alive&) = delete;
  Alive& operator=(const Alive&) = delete;
  ~Alive() { --count_; }

 private:
  int& count_;
};

Task<void> wait_on(WaitList& list, int& alive, int& resumed) {
  Alive here(alive);
  (void)co_await list.wait();
  ++resumed;
}

}  // namespace

TEST_CASE("a spawned member starts from the loop, not inside spawn") {
  RunLoop loop;
  std::vector<std::string> log;
  auto member = [&]() -> Task<void> {
    log.push_back("member");
    co_return;
  };
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(member());
    log.push_back("spawned");
    CHECK(scope.size() == 1);
    co_await scope.join();
    CHECK(scope.size() == 0);
  };
  loop.run(body());
  CHECK(log == std::vector<std::string>{"spawned", "member"});
}

TEST_CASE("an adopted member counts as a member but runs only once started") {
  RunLoop loop;
  int runs = 0;
  auto member = [&]() -> Task<void> {
    ++runs;
    co_return;
  };
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    TaskScope::Member m = scope.adopt(member());
    co_await settle();
    CHECK(runs == 0);
    CHECK(scope.size() == 1);
    scope.start(m);
    co_await scope.join();
    CHECK(runs == 1);
  };
  loop.run(body());
}

TEST_CASE("the first exception escaping a member is kept, the others dropped") {
  RunLoop loop;
  auto failing = [](std::string what) -> Task<void> {
    throw std::runtime_error(what);
    co_return;
  };
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(failing("first"));
    scope.spawn(failing("second"));
    co_await scope.join();
    std::exception_ptr error = scope.take_error();
    REQUIRE(error);
    CHECK_THROWS_WITH(std::rethrow_exception(error), "first");
    CHECK_FALSE(scope.take_error());
  };
  loop.run(body());
}

TEST_CASE("join waits until every member has ended") {
  RunLoop loop;
  int ended = 0;
  auto member = [&](Loop::Duration d) -> Task<void> {
    co_await httpxx::sleep(d);
    ++ended;
  };
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(member(3ms));
    scope.spawn(member(1ms));
    scope.spawn(member(2ms));
    co_await scope.join();
    CHECK(ended == 3);
  };
  loop.run(body());
}

TEST_CASE("a scope destroyed with suspended members destroys their frames") {
  RunLoop loop;
  int alive = 0;
  int resumed = 0;
  WaitList list;
  auto body = [&]() -> Task<void> {
    {
      TaskScope scope(Loop::current());
      scope.spawn(wait_on(list, alive, resumed));
      scope.spawn(wait_on(list, alive, resumed));
      co_await settle();
      CHECK(alive == 2);
    }
    CHECK(alive == 0);
    CHECK(list.empty());
  };
  loop.run(body());
  CHECK(resumed == 0);
}

TEST_CASE("cancelling a scope of 10 000 members destroys each, wherever it stands") {
  constexpr int kMembers = 10000;
  RunLoop loop;
  int alive = 0;
  int resumed = 0;
  WaitList list;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    for (int i = 0; i < kMembers; ++i) scope.spawn(wait_on(list, alive, resumed));
    co_await settle();
    CHECK(alive == kMembers);
    CHECK(list.size() == kMembers);
    CHECK(scope.size() == kMembers);
    // A third woken (queued to resume), a third not even started, the rest
    // waiting.
    for (int i = 0; i < kMembers / 3; ++i) list.wake_one();
    for (int i = 0; i < kMembers / 3; ++i) scope.spawn(wait_on(list, alive, resumed));
    scope.cancel();
    CHECK(alive == 0);
    CHECK(list.empty());
    CHECK(scope.size() == 0);
    co_await scope.join();  // nothing left: at once
    co_await settle();      // the queued wake-ups find nobody
  };
  loop.run(body());
  CHECK(resumed == 0);
}

TEST_CASE("a member that ends on its own leaves the scope") {
  RunLoop loop;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(settle());
    CHECK(scope.size() == 1);
    co_await httpxx::sleep(5ms);
    CHECK(scope.size() == 0);
  };
  loop.run(body());
}
