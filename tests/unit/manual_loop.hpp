#pragma once
// A loop the test steps by hand: posted callbacks run when the test says
// (`run_posted`), timers fire only when the test fires them (`fire`), so
// that races (a timer firing between a wake-up and the resumption it
// queued) can be set up exactly.

#include <deque>
#include <map>
#include <stdexcept>
#include <utility>

#include "httpxx/loop.hpp"

namespace httpxx_test {

class ManualLoop final : public httpxx::Loop {
 public:
  ~ManualLoop() override { destroy_detached_tasks(); }

  void post(Callback fn) override { posted_.push_back(std::move(fn)); }
  TimerId start_timer(Duration, Callback fn) override {
    timers_.emplace(next_id_, std::move(fn));
    return next_id_++;
  }
  void cancel_timer(TimerId id) override { timers_.erase(id); }

  /// Runs the posted callbacks, and those they post, until none is left.
  void run_posted() {
    while (!posted_.empty()) {
      Callback fn = std::move(posted_.front());
      posted_.pop_front();
      fn();
    }
  }
  /// Fires timer `id`; false if it is not pending (fired or cancelled).
  bool fire(TimerId id) {
    auto it = timers_.find(id);
    if (it == timers_.end()) return false;
    Callback fn = std::move(it->second);
    timers_.erase(it);
    fn();
    return true;
  }
  /// The id the last `start_timer` returned.
  [[nodiscard]] TimerId last_timer() const noexcept { return next_id_ - 1; }
  [[nodiscard]] std::size_t pending_timers() const noexcept { return timers_.size(); }

 protected:
  void run_until(const bool& done) override {
    while (!done) {
      if (posted_.empty()) {
        if (timers_.empty()) throw std::logic_error("ManualLoop: nothing left to run");
        fire(timers_.begin()->first);
      } else {
        run_posted();
      }
    }
  }

 private:
  std::deque<Callback> posted_;
  std::map<TimerId, Callback> timers_;
  TimerId next_id_ = 1;
};

}  // namespace httpxx_test
