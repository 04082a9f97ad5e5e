#pragma once
// The I/O objects of one connection: resolver, TCP socket, optional TLS
// stream, the timer that enforces deadlines, and the buffers Asio writes
// into. Shared (shared_ptr) between the connection and the handlers of its
// pending operations, so that nothing an operation touches dies before the
// operation's handler has run.

#include <algorithm>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "asio_loop.hpp"
#include "tls_channel.hpp"

namespace httpxx::native {

class IoCore final : public LoopResource, public std::enable_shared_from_this<IoCore> {
 public:
  using tcp = boost::asio::ip::tcp;
  using Duration = std::chrono::steady_clock::duration;

  IoCore(AsioLoop& loop, std::size_t read_buffer_size);
  ~IoCore() override;
  IoCore(const IoCore&) = delete;
  IoCore& operator=(const IoCore&) = delete;

  /// False once the loop ended, the socket was closed, or an operation was
  /// aborted (timeout, cancellation): the connection must not be used.
  [[nodiscard]] bool usable() const noexcept;
  /// Null once the loop has ended.
  [[nodiscard]] AsioLoop* loop() const noexcept { return loop_; }

  // The I/O objects. Call only while `loop()` is set.
  tcp::resolver& resolver() { return *resolver_; }
  tcp::socket& socket() { return *socket_; }
  /// Layers TLS over the socket (once, after connecting), which becomes
  /// non-blocking: OpenSSL reads and writes it (see TlsChannel).
  TlsChannel& start_tls(boost::asio::ssl::context& context);
  /// The TLS channel, or null for plain TCP.
  TlsChannel* tls() noexcept { return tls_ ? &*tls_ : nullptr; }

  /// Where the reads of a proxy's CONNECT reply land: 16 KiB (or
  /// `read_buffer_size`, if less), made on first use. Reads of a
  /// connection's own bytes (plain or TLS) use `thread_read_buffer()`.
  std::vector<char>& read_buffer() {
    if (read_buffer_.empty()) {
      read_buffer_.resize(std::min<std::size_t>(read_buffer_limit_, 16 * 1024));
    }
    return read_buffer_;
  }
  /// `read_buffer_size`: the most one read takes.
  [[nodiscard]] std::size_t read_limit() const noexcept { return read_buffer_limit_; }
  /// A buffer of at least `size` bytes shared by every connection of the
  /// calling thread: a connection waits for bytes without a buffer
  /// of its own (a readiness wait), then reads into this one, and its
  /// consumer copies the bytes out before the thread runs anything else.
  /// So ten thousand connections waiting for their responses hold no read
  /// buffers at all. Valid until the next call on this thread.
  [[nodiscard]] static char* thread_read_buffer(std::size_t size);
  /// Head and body gathered for one TLS write (see Connection::write).
  std::string& write_buffer() noexcept { return write_buffer_; }

  /// Makes every pending operation complete at once with an error: cancels
  /// the resolver, cuts TLS off the socket and closes it. The core is
  /// unusable afterwards.
  void abort() noexcept;

  /// Sets the deadline: once `delay` has passed without `disarm`,
  /// `timed_out()` becomes true and the core is aborted. One deadline at a
  /// time.
  ///
  /// The timer is lazy: arming and disarming only store the deadline, and
  /// one timer wait stays outstanding; when it fires early (the deadline was
  /// moved on meanwhile) it waits again for the rest. A request on a busy
  /// connection therefore costs no timer system calls and no allocation,
  /// only when a deadline comes sooner than the pending wait is the wait
  /// restarted.
  void arm(Duration delay);
  void disarm() noexcept { armed_ = false; }
  [[nodiscard]] bool timed_out() const noexcept { return timed_out_; }

  void loop_ending() noexcept override;

 private:
  void release_io() noexcept;
  void start_wait();
  void on_timer();

  AsioLoop* loop_;
  // Declared in dependency order: tls_ uses socket_'s descriptor, and
  // members are destroyed in reverse order.
  std::optional<tcp::resolver> resolver_;
  std::optional<tcp::socket> socket_;
  std::optional<TlsChannel> tls_;
  std::optional<boost::asio::steady_timer> timer_;
  std::vector<char> read_buffer_;
  std::size_t read_buffer_limit_;
  std::string write_buffer_;
  std::chrono::steady_clock::time_point deadline_{};
  std::chrono::steady_clock::time_point wait_expiry_{};
  std::uint64_t wait_generation_ = 0;  // the outstanding wait; older ones are stale
  bool armed_ = false;
  bool wait_pending_ = false;
  bool timed_out_ = false;
  bool aborted_ = false;
};

/// Arms `core`'s deadline for a scope (if `delay` is set); disarms on exit.
class Deadline {
 public:
  Deadline(IoCore& core, std::optional<IoCore::Duration> delay) : core_(core) {
    if (delay) {
      core_.arm(*delay);
      armed_ = true;
    }
  }
  ~Deadline() {
    if (armed_) core_.disarm();
  }
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;
  /// True if the deadline passed (the core was aborted then).
  [[nodiscard]] bool expired() const noexcept { return armed_ && core_.timed_out(); }

 private:
  IoCore& core_;
  bool armed_ = false;
};

}  // namespace httpxx::native
