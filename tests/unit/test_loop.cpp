#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "support.hpp"

using namespace std::chrono_literals;
using httpxx::Task;

TEST_CASE("posted callbacks run in order, after the poster returns") {
  httpxx::RunLoop loop;
  std::vector<int> order;
  auto body = [&]() -> Task<void> {
    httpxx::Loop::current().post([&] { order.push_back(2); });
    httpxx::Loop::current().post([&] { order.push_back(3); });
    order.push_back(1);
    co_await httpxx::sleep(1ms);
  };
  loop.run(body());
  CHECK(order == std::vector<int>{1, 2, 3});
}

TEST_CASE("timers fire in deadline order and a cancelled timer never fires") {
  httpxx::RunLoop loop;
  std::string fired;
  auto body = [&]() -> Task<void> {
    auto& l = httpxx::Loop::current();
    l.start_timer(3ms, [&] { fired += "c"; });
    auto cancelled = l.start_timer(2ms, [&] { fired += "x"; });
    l.start_timer(1ms, [&] { fired += "a"; });
    l.cancel_timer(cancelled);
    co_await httpxx::sleep(5ms);
  };
  loop.run(body());
  CHECK(fired == "ac");
}

TEST_CASE("the current loop is the one running the task") {
  httpxx::RunLoop loop;
  httpxx::Loop* seen = nullptr;
  auto body = [&]() -> Task<void> {
    seen = &httpxx::Loop::current();
    co_return;
  };
  loop.run(body());
  CHECK(seen == &loop);
}

TEST_CASE("a spawned task runs alongside the main task") {
  httpxx::RunLoop loop;
  std::vector<std::string> events;
  auto background = [&]() -> Task<void> {
    events.push_back("background start");
    co_await httpxx::sleep(1ms);
    events.push_back("background end");
  };
  auto main_task = [&]() -> Task<void> {
    httpxx::spawn(background());
    events.push_back("main");
    co_await httpxx::sleep(10ms);
  };
  loop.run(main_task());
  CHECK(events == std::vector<std::string>{"main", "background start", "background end"});
}

TEST_CASE("an exception escaping a spawned task is rethrown by run, not lost") {
  httpxx::RunLoop loop;
  auto failing = []() -> Task<void> {
    throw std::runtime_error("background failure");
    co_return;
  };
  auto main_task = [&]() -> Task<void> {
    httpxx::spawn(failing());
    co_await httpxx::sleep(1ms);
  };
  CHECK_THROWS_WITH(loop.run(main_task()), "background failure");
}

TEST_CASE("a spawned task still suspended when its loop is destroyed is destroyed with it") {
  auto token = std::make_shared<int>(1);
  {
    httpxx::RunLoop loop;
    auto sleeper = [](std::shared_ptr<int>) -> Task<void> { co_await httpxx::sleep(1h); };
    auto main_task = [&]() -> Task<void> {
      httpxx::spawn(sleeper(token));
      co_await httpxx::sleep(1ms);
    };
    loop.run(main_task());
    CHECK(token.use_count() == 2);
  }
  CHECK(token.use_count() == 1);
}

TEST_CASE("a task that waits for nothing that can happen is reported, not hung") {
  httpxx::RunLoop loop;
  struct Never {
    bool await_ready() { return false; }
    void await_suspend(httpxx::coro::coroutine_handle<>) {}
    void await_resume() {}
  };
  auto stuck = []() -> Task<void> { co_await Never{}; };
  CHECK_THROWS_AS(loop.run(stuck()), std::logic_error);
}

TEST_CASE("Loop::current outside a running loop names the problem") {
  if (httpxx::Loop::current_or_null() == nullptr) {
    CHECK_THROWS_AS((void)httpxx::Loop::current(), std::logic_error);
  } else {
    // WebAssembly: the JavaScript event loop is always there.
    CHECK(&httpxx::Loop::current() == httpxx::Loop::current_or_null());
  }
}
