#pragma once
/// \file
/// The exit statuses of `httpxx`: one per kind of outcome, so that a script
/// can tell a timeout from a refused connection from a 404.

#include <exception>
#include <span>
#include <string_view>

namespace httpxx::cli {

/// The exit statuses, documented by `exit_docs()` (help, man page, docs/cli.md).
enum class Exit : int {
  ok = 0,
  /// Anything not listed below (a download file that cannot be written, …).
  other = 1,
  /// The command line cannot be run: a usage error, an invalid URL, a file
  /// it names that cannot be read, a proxy URL the client refuses.
  usage = 2,
  status_3xx = 3,
  status_4xx = 4,
  status_5xx = 5,
  too_many_redirects = 6,
  timeout = 7,
  /// No connection: refused, unknown host, a proxy that refused the tunnel.
  connect = 8,
  /// The TLS handshake failed (an untrusted or expired certificate, …).
  tls = 9,
  /// The connection broke after it was made.
  network = 10,
  /// The server broke HTTP, or its body could not be decoded.
  protocol = 11,
};

/// The status for a final response of HTTP status `code`: `ok` for 2xx,
/// `status_3xx`/`4xx`/`5xx`, `other` for anything else.
[[nodiscard]] Exit exit_for_status(int code);

/// The status for an exception thrown while running a command (an httpxx
/// `Error` by class; a `ConnectError` about TLS is `tls`).
[[nodiscard]] Exit exit_for_error(const std::exception& e);

/// One line of the exit status table.
struct ExitDoc {
  Exit code;
  std::string_view meaning;
};

/// Every exit status and its meaning, in order.
[[nodiscard]] std::span<const ExitDoc> exit_docs();

}  // namespace httpxx::cli
