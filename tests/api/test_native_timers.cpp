// The native loop's timers (platform/native/timer_queue.hpp): one heap
// behind one Asio timer, with cancelled entries dropped lazily.
#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "asio_loop.hpp"
#include "async/wait_list.hpp"
#include "httpxx/task.hpp"

using namespace std::chrono_literals;
using httpxx::Task;
using httpxx::native::AsioLoop;

TEST_CASE("native timers fire in deadline order, and in start order for the same delay") {
  AsioLoop loop;
  std::string fired;
  loop.run([](std::string& out) -> Task<void> {
    auto& l = httpxx::Loop::current();
    l.start_timer(30ms, [&] { out += "d"; });
    l.start_timer(1ms, [&] { out += "a"; });
    l.start_timer(1ms, [&] { out += "b"; });
    l.start_timer(10ms, [&] { out += "c"; });
    co_await httpxx::sleep(60ms);
  }(fired));
  CHECK(fired == "abcd");
}

TEST_CASE("a native timer cancelled by one that expired with it never fires") {
  AsioLoop loop;
  std::string fired;
  loop.run([](std::string& out) -> Task<void> {
    auto& l = httpxx::Loop::current();
    httpxx::Loop::TimerId second = 0;
    l.start_timer(1ms, [&] {
      out += "a";
      l.cancel_timer(second);
    });
    second = l.start_timer(1ms, [&] { out += "x"; });
    // Both deadlines pass before the loop looks at them: one wake-up finds
    // both due, and the first cancels the second.
    std::this_thread::sleep_for(10ms);
    co_await httpxx::sleep(20ms);
  }(fired));
  CHECK(fired == "a");
}

TEST_CASE("a sooner native timer started while a later one waits fires first") {
  AsioLoop loop;
  std::string fired;
  loop.run([](std::string& out) -> Task<void> {
    auto& l = httpxx::Loop::current();
    const auto late = l.start_timer(10s, [&] { out += "late"; });
    l.start_timer(1ms, [&] { out += "soon"; });
    co_await httpxx::sleep(30ms);
    CHECK(out == "soon");
    l.cancel_timer(late);
  }(fired));
  CHECK(fired == "soon");
}

TEST_CASE("cancelling a native timer that already ran cancels no later timer") {
  AsioLoop loop;
  int later_fired = 0;
  loop.run([](int& count) -> Task<void> {
    auto& l = httpxx::Loop::current();
    const auto ran = l.start_timer(1ms, [] {});
    co_await httpxx::sleep(10ms);
    // The ended timers' places are taken again; the old id must not reach
    // the timer now in its place.
    for (int i = 0; i < 4; ++i) l.start_timer(5ms, [&] { ++count; });
    l.cancel_timer(ran);
    l.cancel_timer(ran);
    co_await httpxx::sleep(30ms);
  }(later_fired));
  CHECK(later_fired == 4);
}

TEST_CASE("many cancelled native timers leave the loop nothing to wait for") {
  AsioLoop loop;
  int fired = 0;
  // A hundred thousand hour-long timers cancelled (the heap is rebuilt
  // without them on the way), one short one kept: it fires, and then a
  // wait that nothing can end is reported rather than kept waiting for
  // the cancelled hour.
  CHECK_THROWS_AS(loop.run([](int& count) -> Task<void> {
    auto& l = httpxx::Loop::current();
    std::vector<httpxx::Loop::TimerId> ids;
    ids.reserve(100000);
    for (int i = 0; i < 100000; ++i) ids.push_back(l.start_timer(1h, [&] { count += 1000; }));
    l.start_timer(2ms, [&] { ++count; });
    for (const auto id : ids) l.cancel_timer(id);
    co_await httpxx::sleep(20ms);
    httpxx::detail::WaitList nobody;
    (void)co_await nobody.wait();
  }(fired)),
                  std::logic_error);
  CHECK(fired == 1);
}
