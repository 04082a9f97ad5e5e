#pragma once
// `H2Registry`: the HTTP/2 connections of a pool, one per origin, shared by
// every request to it (not checked out as HTTP/1.1 connections are), and
// what the pool has learned of each origin: whether it speaks HTTP/2, and
// whether its first connection is being opened. While it is, other requests
// to the origin wait for it rather than each opening a connection of its
// own, so that 100 requests sent at once share one connection.

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "async/wait_list.hpp"
#include "connection.hpp"
#include "h2_session.hpp"
#include "httpxx/task.hpp"

namespace httpxx::native {

class H2Registry {
 public:
  using Duration = std::chrono::steady_clock::duration;

  /// `keepalive_expiry`: how long a connection without an open stream is
  /// kept (nullopt: as long as the server keeps it).
  explicit H2Registry(std::optional<Duration> keepalive_expiry = std::nullopt) noexcept
      : keepalive_expiry_(keepalive_expiry) {}
  H2Registry(const H2Registry&) = delete;
  H2Registry& operator=(const H2Registry&) = delete;

  /// The usable HTTP/2 connection to `origin`, or null (after a sweep).
  [[nodiscard]] std::shared_ptr<H2Session> session(const Origin& origin) noexcept;
  /// Forgets the connections that can take no new stream (a failed one once
  /// its GOAWAY is out), and closes those that have had no stream open for
  /// `keepalive_expiry`.
  void sweep() noexcept;
  /// Closes the connection that has been without a stream the longest, to
  /// free its pool place; false if every connection has streams open.
  bool evict_idle() noexcept;
  /// Keeps `session` as its origin's connection.
  void add(std::shared_ptr<H2Session> session);
  /// True once a connection to `origin` chose HTTP/1.1 in ALPN.
  [[nodiscard]] bool speaks_http1_only(const Origin& origin) const noexcept;

  /// Marks the first connection to `origin` as being opened by the caller;
  /// false if another request is opening it already.
  [[nodiscard]] bool start_opening(const Origin& origin);
  /// The opening ended (`h2`: it chose HTTP/2; nullopt: it failed): wakes
  /// the requests that waited for it.
  void opened(const Origin& origin, std::optional<bool> h2) noexcept;
  /// The awaiter of a wait until an opening ends, at most `timeout`.
  [[nodiscard]] httpxx::detail::WaitList::Wait wait_for_opening(
      std::optional<Duration> timeout) noexcept {
    return opening_.wait(timeout);
  }

  /// Closes every connection; they fail their streams.
  void close() noexcept;
  /// HTTP/2 connections kept now.
  [[nodiscard]] std::size_t size() const noexcept { return sessions_.size(); }

 private:
  struct Known {
    Origin origin;
    bool opening = false;
    bool http1_only = false;
  };
  Known& known(const Origin& origin);
  [[nodiscard]] const Known* find(const Origin& origin) const noexcept;

  std::optional<Duration> keepalive_expiry_;
  std::vector<std::shared_ptr<H2Session>> sessions_;
  std::vector<Known> known_;
  httpxx::detail::WaitList opening_;
};

}  // namespace httpxx::native
