#pragma once
/// \file
/// `EventHooks`: functions a client calls around each request it sends.

#include <concepts>
#include <functional>
#include <type_traits>
#include <utility>
#include <vector>

#include "httpxx/request.hpp"
#include "httpxx/response.hpp"
#include "httpxx/task.hpp"

namespace httpxx {

/// One hook: a function of `T&` that returns nothing, or a coroutine that
/// returns `Task<void>`. Both kinds are accepted by the same constructor.
template <class T>
class EventHook {
 public:
  /// Wraps `function`: a `void(T&)` callable, or a coroutine returning `Task<void>`
  /// (awaited before the request goes on).
  template <class F>
  requires std::invocable<F&, T&> &&(!std::same_as<std::decay_t<F>, EventHook>)
      EventHook(F function) {  // NOLINT(google-explicit-constructor)
    if constexpr (std::is_same_v<std::invoke_result_t<F&, T&>, Task<void>>) {
      async_ = std::move(function);
    } else {
      sync_ = std::move(function);
    }
  }

  /// Calls the hook; a synchronous one runs before this returns.
  [[nodiscard]] Task<void> operator()(T& value) const {
    if (sync_) {
      sync_(value);
      return ready();
    }
    return async_(value);
  }

 private:
  static Task<void> ready() { co_return; }
  std::function<void(T&)> sync_;
  std::function<Task<void>(T&)> async_;
};

/// Hooks of a client (`ClientOptions::event_hooks`), as HTTPX's
/// `event_hooks`. For each request sent on the wire (each redirect hop and
/// each request of an auth flow):
/// - `request` hooks run in order just before it is sent; they may change
///   its headers;
/// - `response` hooks run in order once the response head has arrived,
///   before its body is read; they may call `raise_for_status()` or read
///   the body.
///
/// An exception thrown by a hook ends the request: it propagates to the
/// caller (an httpxx `Error` with the request attached), and the response,
/// if any, is closed.
struct EventHooks {
  /// Run in order before each request is sent (each redirect hop, each auth request).
  std::vector<EventHook<Request>> request{};
  /// Run in order once each response head has arrived, before its body is read.
  std::vector<EventHook<Response>> response{};
};

}  // namespace httpxx
