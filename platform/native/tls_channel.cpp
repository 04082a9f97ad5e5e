#include "tls_channel.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <cerrno>
#include <climits>
#include <new>

namespace httpxx::native {

namespace {

int clamp(std::size_t size) noexcept {
  return static_cast<int>(std::min<std::size_t>(size, INT_MAX));
}

// SSL_get_error reads the thread's error queue: an error left there by
// anything else (another library, a file that failed to load) would turn a
// "wait for the socket" into a failure. The queue is checked before each
// call and cleared only if something is in it (clearing costs more).
void clear_stale_errors() noexcept {
  if (ERR_peek_error() != 0) ERR_clear_error();
}

// OpenSSL's socket BIO writes with write(2): to a socket the peer has
// reset, that raises SIGPIPE, which ends the process. This BIO is the
// socket BIO with its write replaced by send(2) with MSG_NOSIGNAL, so such a
// write fails with EPIPE instead (as Asio's own writes do).
int write_without_sigpipe(BIO* bio, const char* data, int size) {
  BIO_clear_retry_flags(bio);
  const int fd = static_cast<int>(BIO_get_fd(bio, nullptr));
  const ssize_t n = ::send(fd, data, static_cast<std::size_t>(size), MSG_NOSIGNAL);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
    BIO_set_retry_write(bio);
  }
  return static_cast<int>(n);
}

BIO_METHOD* make_socket_method() noexcept {
  const BIO_METHOD* base = BIO_s_socket();
  BIO_METHOD* method = BIO_meth_new(
      BIO_get_new_index() | BIO_TYPE_SOURCE_SINK | BIO_TYPE_DESCRIPTOR, "httpxx socket");
  if (method == nullptr) return nullptr;
  BIO_meth_set_write(method, write_without_sigpipe);
  BIO_meth_set_read(method, BIO_meth_get_read(base));
  BIO_meth_set_puts(method, BIO_meth_get_puts(base));
  BIO_meth_set_ctrl(method, BIO_meth_get_ctrl(base));
  BIO_meth_set_create(method, BIO_meth_get_create(base));
  BIO_meth_set_destroy(method, BIO_meth_get_destroy(base));
  return method;
}

// Made once, kept for the life of the process.
const BIO_METHOD* socket_method() noexcept {
  static BIO_METHOD* const method = make_socket_method();
  return method;
}

}  // namespace

TlsChannel::TlsChannel(SSL_CTX* context, int fd, std::size_t read_ahead) {
  ssl_ = SSL_new(context);
  BIO* bio = ssl_ != nullptr && socket_method() != nullptr ? BIO_new(socket_method()) : nullptr;
  if (bio == nullptr) {
    if (ssl_ != nullptr) SSL_free(ssl_);
    ERR_clear_error();
    throw std::bad_alloc();
  }
  BIO_set_fd(bio, fd, BIO_NOCLOSE);
  SSL_set_bio(ssl_, bio, bio);  // one reference, for both directions
  // Whole records in as few reads as possible; buffers given back while
  // idle; a write retried after a wait may come from a moved copy.
  SSL_set_read_ahead(ssl_, 1);
  SSL_set_default_read_buffer_len(ssl_, read_ahead);
  SSL_set_mode(ssl_, SSL_MODE_RELEASE_BUFFERS | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  SSL_set_connect_state(ssl_);
}

TlsChannel::~TlsChannel() { SSL_free(ssl_); }

TlsStep TlsChannel::failed(int result) noexcept {
  TlsStep step;
  const int saved_errno = errno;
  const int error = SSL_get_error(ssl_, result);
  switch (error) {
    // For these the error queue is empty (SSL_get_error says SSL_ERROR_SSL
    // whenever it is not).
    case SSL_ERROR_WANT_READ:
      step.wait = TlsWait::readable;
      return step;
    case SSL_ERROR_WANT_WRITE:
      step.wait = TlsWait::writable;
      return step;
    case SSL_ERROR_ZERO_RETURN:  // the peer's close_notify
      step.ec = boost::asio::error::eof;
      return step;
    default:
      break;
  }
  const unsigned long queued = ERR_get_error();
  ERR_clear_error();  // leave nothing for the next call's SSL_get_error
  if (queued != 0 && ERR_GET_LIB(queued) == ERR_LIB_SYS) {
    step.ec = boost::system::error_code(ERR_GET_REASON(queued), boost::system::system_category());
  } else if (queued != 0 && ERR_GET_REASON(queued) == SSL_R_UNEXPECTED_EOF_WHILE_READING) {
    step.ec = boost::asio::ssl::error::stream_truncated;
  } else if (queued != 0) {
    step.ec =
        boost::system::error_code(static_cast<int>(queued), boost::asio::error::get_ssl_category());
  } else if (error == SSL_ERROR_SYSCALL && saved_errno != 0) {
    step.ec = boost::system::error_code(saved_errno, boost::system::system_category());
  } else {
    // End of stream without close_notify (or a detached session).
    step.ec = boost::asio::ssl::error::stream_truncated;
  }
  return step;
}

TlsStep TlsChannel::handshake() noexcept {
  clear_stale_errors();
  errno = 0;
  const int result = SSL_do_handshake(ssl_);
  if (result == 1) return {};
  return failed(result);
}

TlsStep TlsChannel::read(char* data, std::size_t size) noexcept {
  if (stopped_) {
    // The end (or error) met after the bytes the last read returned.
    const TlsStep stop = *stopped_;
    stopped_.reset();
    return stop;
  }
  clear_stale_errors();
  errno = 0;
  std::size_t got = 0;
  int result = SSL_read_ex(ssl_, data, size, &got);
  if (result != 1) return failed(result);
  // Records that came in the same socket read wait in OpenSSL's buffer.
  // Take them too; a record cut by the end of that read may take one more
  // socket read, which returns what has arrived since, or nothing. An end
  // or an error met here is kept for the next read, after these bytes.
  while (got < size && SSL_has_pending(ssl_) == 1) {
    std::size_t more = 0;
    errno = 0;
    result = SSL_read_ex(ssl_, data + got, size - got, &more);
    if (result != 1) {
      const TlsStep stop = failed(result);
      if (stop.wait == TlsWait::none) stopped_ = stop;
      break;
    }
    got += more;
  }
  TlsStep step;
  step.bytes = got;
  return step;
}

TlsStep TlsChannel::write(const char* data, std::size_t size) noexcept {
  clear_stale_errors();
  errno = 0;
  TlsStep step;
  if (size == 0) return step;
  const int result = SSL_write(ssl_, data, clamp(size));
  if (result <= 0) return failed(result);
  step.bytes = static_cast<std::size_t>(result);
  return step;
}

void TlsChannel::keep_buffers() noexcept { SSL_clear_mode(ssl_, SSL_MODE_RELEASE_BUFFERS); }

bool TlsChannel::has_pending() const noexcept { return SSL_has_pending(ssl_) == 1; }

void TlsChannel::detach() noexcept {
  // The socket BIO forgets the descriptor: its reads and writes fail
  // (EBADF) from now on.
  if (BIO* bio = SSL_get_rbio(ssl_)) BIO_set_fd(bio, -1, BIO_NOCLOSE);
}

}  // namespace httpxx::native
