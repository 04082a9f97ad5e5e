// The async toolkit's WaitList (lib/src/async/wait_list.hpp): waking,
// timeouts, and waiters destroyed at every step of a wait.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "async/task_scope.hpp"
#include "async/wait_list.hpp"
#include "manual_loop.hpp"
#include "support.hpp"

using namespace std::chrono_literals;
using httpxx::Loop;
using httpxx::RunLoop;
using httpxx::Task;
using httpxx::detail::TaskScope;
using httpxx::detail::WaitList;
using httpxx::detail::WaitOutcome;
using httpxx_test::ManualLoop;

namespace {

// Lets every posted callback run once (members start, waiters suspend).
Task<void> settle() { co_await httpxx::sleep(1ms); }

// Waits on `list` and writes down how the wait ended.
Task<void> wait_and_log(WaitList& list, std::vector<std::string>& log, std::string name,
                        std::optional<Loop::Duration> timeout = std::nullopt,
                        WaitList::Place place = WaitList::Place::back) {
  log.push_back(name + " waits");
  WaitOutcome outcome = co_await list.wait(timeout, place);
  log.push_back(name + (outcome == WaitOutcome::woken ? " woken" : " timed out"));
}

using Log = std::vector<std::string>;

}  // namespace

TEST_CASE("a woken waiter resumes from the loop, after wake_one has returned") {
  RunLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(wait_and_log(list, log, "a"));
    co_await settle();
    CHECK(list.size() == 1);
    CHECK(list.wake_one());
    log.push_back("wake_one returned");
    CHECK(list.empty());
    co_await scope.join();
  };
  loop.run(body());
  CHECK(log == Log{"a waits", "wake_one returned", "a woken"});
}

TEST_CASE("waiters are woken first come, first served, unless one asks for the front") {
  RunLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(wait_and_log(list, log, "a"));
    scope.spawn(wait_and_log(list, log, "b"));
    co_await settle();
    scope.spawn(wait_and_log(list, log, "c", std::nullopt, WaitList::Place::front));
    co_await settle();
    CHECK(list.size() == 3);
    CHECK(list.wake_one());
    co_await settle();
    CHECK(list.wake_all() == 2);
    CHECK_FALSE(list.wake_one());
    co_await scope.join();
  };
  loop.run(body());
  CHECK(log == Log{"a waits", "b waits", "c waits", "c woken", "a woken", "b woken"});
}

TEST_CASE("a waiter destroyed while it waits leaves the list and is never resumed") {
  RunLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(wait_and_log(list, log, "a", 1h));
    co_await settle();
    CHECK(list.size() == 1);
    scope.cancel();
    CHECK(list.empty());
    CHECK_FALSE(list.wake_one());
    co_await settle();
  };
  loop.run(body());  // would throw if the 1 h timer were still pending... or hang
  CHECK(log == Log{"a waits"});
}

TEST_CASE("a wake-up for a waiter destroyed before its turn does nothing") {
  RunLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(wait_and_log(list, log, "a"));
    co_await settle();
    CHECK(list.wake_one());  // queued to resume...
    scope.cancel();          // ...but destroyed first
    co_await settle();
  };
  loop.run(body());
  CHECK(log == Log{"a waits"});
}

TEST_CASE("a relaying list hands the wake-up of a destroyed waiter to the next one") {
  RunLoop loop;
  WaitList list(/*relay=*/true);
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope first(Loop::current());
    TaskScope second(Loop::current());
    first.spawn(wait_and_log(list, log, "a"));
    co_await settle();
    second.spawn(wait_and_log(list, log, "b"));
    co_await settle();
    CHECK(list.wake_one());  // for a
    first.cancel();          // a goes before it ran: b gets the wake-up
    co_await second.join();
  };
  loop.run(body());
  CHECK(log == Log{"a waits", "b waits", "b woken"});
}

TEST_CASE("a wait nobody wakes ends when its timeout passes") {
  RunLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(wait_and_log(list, log, "a", 1ms));
    co_await scope.join();
    CHECK(list.empty());
    CHECK_FALSE(list.wake_one());
  };
  loop.run(body());
  CHECK(log == Log{"a waits", "a timed out"});
}

TEST_CASE("a wake-up that comes first wins over a timeout already due") {
  RunLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    // Due before a's timeout (a waits after this timer was started).
    Loop::current().start_timer(0ms, [&] {
      std::this_thread::sleep_for(3ms);  // a's timeout is due by now
      list.wake_one();
    });
    scope.spawn(wait_and_log(list, log, "a", 1ms));
    co_await scope.join();
    co_await httpxx::sleep(5ms);  // a's timer would have fired by now
  };
  loop.run(body());
  CHECK(log == Log{"a waits", "a woken"});
}

TEST_CASE("between a timeout firing and the resumption it queued, a wake-up finds nobody") {
  ManualLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(wait_and_log(list, log, "a", 1s));
    loop.run_posted();  // a starts and waits
    REQUIRE(loop.pending_timers() == 1);
    CHECK(loop.fire(loop.last_timer()));
    CHECK(log == Log{"a waits"});  // not resumed inside the timer
    CHECK_FALSE(list.wake_one());
    loop.run_posted();
    CHECK(log == Log{"a waits", "a timed out"});
    co_await scope.join();
  };
  loop.run(body());
}

TEST_CASE("a wake-up cancels the timeout of the wait it ends") {
  ManualLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(wait_and_log(list, log, "a", 1s));
    loop.run_posted();
    const auto timer = loop.last_timer();
    CHECK(list.wake_one());
    CHECK(loop.pending_timers() == 0);
    CHECK_FALSE(loop.fire(timer));
    loop.run_posted();
    CHECK(log == Log{"a waits", "a woken"});
    co_await scope.join();
  };
  loop.run(body());
}

TEST_CASE("a waiter destroyed after its timeout fired, before it ran, is never resumed") {
  ManualLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(wait_and_log(list, log, "a", 1s));
    loop.run_posted();
    CHECK(loop.fire(loop.last_timer()));
    scope.cancel();
    loop.run_posted();
    co_return;
  };
  loop.run(body());
  CHECK(log == Log{"a waits"});
}

TEST_CASE("a list destroyed with waiters wakes them") {
  RunLoop loop;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    {
      WaitList list;
      scope.spawn(wait_and_log(list, log, "a"));
      co_await settle();
    }
    co_await scope.join();
  };
  loop.run(body());
  CHECK(log == Log{"a waits", "a woken"});
}

TEST_CASE("resume_one resumes the first waiter inside the call and cancels its timeout") {
  ManualLoop loop;
  WaitList list;
  Log log;
  auto body = [&]() -> Task<void> {
    TaskScope scope(Loop::current());
    scope.spawn(wait_and_log(list, log, "a", 1s));
    scope.spawn(wait_and_log(list, log, "b"));
    loop.run_posted();
    REQUIRE(loop.pending_timers() == 1);
    CHECK(list.resume_one());
    CHECK(log == Log{"a waits", "b waits", "a woken"});  // before resume_one returned
    CHECK(loop.pending_timers() == 0);
    CHECK(list.size() == 1);
    CHECK(list.resume_one());
    CHECK_FALSE(list.resume_one());
    co_await scope.join();
  };
  loop.run(body());
  CHECK(log == Log{"a waits", "b waits", "a woken", "b woken"});
}
