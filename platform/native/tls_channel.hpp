#pragma once
// `TlsChannel`: OpenSSL over a connection's own non-blocking socket.
//
// OpenSSL reads and writes the socket itself (a socket BIO), the way
// libcurl, nginx and nghttp2's tools use it: a read takes every TLS record
// the kernel holds in one system call (read-ahead into OpenSSL's buffer)
// and decrypts straight into the caller's buffer. Asio only tells when the
// socket is ready (`Connection` waits with `async_wait`). Each call here
// returns at once: done, or what it waits for (readable, writable), or an
// error.
//
// Once the socket closes under it (a timeout, a cancellation), `detach()`
// makes OpenSSL forget the descriptor, so that no later call can touch the
// closed descriptor's number, which the system may already have handed to
// another socket.

#include <openssl/ssl.h>

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <optional>

namespace httpxx::native {

/// What a `TlsChannel` call needs before it can go on.
enum class TlsWait : unsigned char {
  none,      ///< done (or failed: see `ec`)
  readable,  ///< call again once the socket is readable
  writable,  ///< call again once the socket is writable
};

/// The outcome of one call: bytes moved, or what to wait for, or an error
/// (`boost::asio::error::eof` after the peer's close_notify,
/// `boost::asio::ssl::error::stream_truncated` for a close without it, a
/// system error, or an OpenSSL error in Asio's SSL category).
struct TlsStep {
  TlsWait wait = TlsWait::none;
  std::size_t bytes = 0;
  boost::system::error_code ec;
};

class TlsChannel {
 public:
  /// A client session of `context` on socket `fd`, which must be
  /// non-blocking. Reads take up to `read_ahead` bytes of the socket at a
  /// time. Throws `std::bad_alloc` if OpenSSL cannot allocate it.
  TlsChannel(SSL_CTX* context, int fd, std::size_t read_ahead);
  ~TlsChannel();
  TlsChannel(const TlsChannel&) = delete;
  TlsChannel& operator=(const TlsChannel&) = delete;

  [[nodiscard]] SSL* native_handle() const noexcept { return ssl_; }

  /// One step of the client handshake.
  TlsStep handshake() noexcept;
  /// Decrypts into `data` (up to `size` bytes): the first record available
  /// and then every further record already buffered, so that one wake-up
  /// hands on everything that arrived. `bytes` is 0 only with a wait or an
  /// error.
  TlsStep read(char* data, std::size_t size) noexcept;
  /// Encrypts and sends all `size` bytes. After a wait, call it again with
  /// the same bytes (their address may change).
  TlsStep write(const char* data, std::size_t size) noexcept;
  /// Keeps OpenSSL's read and write buffers between calls. By default they
  /// are given back whenever they empty, so that an idle connection holds
  /// none; a busy connection (HTTP/2's one per origin) keeps them instead of
  /// allocating 64 KiB per read, which malloc's trimming turned into page
  /// faults.
  void keep_buffers() noexcept;
  /// True if OpenSSL holds bytes received but not yet read.
  [[nodiscard]] bool has_pending() const noexcept;

  /// Cuts the session off its socket (see the file comment). Idempotent.
  void detach() noexcept;

 private:
  TlsStep failed(int result) noexcept;

  SSL* ssl_ = nullptr;
  std::optional<TlsStep> stopped_;  // met by read() after bytes it returned
};

}  // namespace httpxx::native
