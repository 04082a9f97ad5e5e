#pragma once
/// \file
/// The two things `httpxx` does: one request (`run_single`), or several at
/// once (`run_parallel`), and how the command line becomes one of them
/// (`make_command`). Each command returns the exit status (see
/// `exit_codes.hpp`) and throws what a request throws before any response
/// (the caller prints it).

#include <cstddef>
#include <httpxx/httpxx.hpp>
#include <string>
#include <vector>

#include "args.hpp"

namespace httpxx::cli {

/// What a command needs, built from the command line by `make_command`.
struct Command {
  std::vector<std::string> urls{};
  std::string method{};
  RequestOptions request{};
  ClientOptions client{};
  /// The parts of the exchange to print on stdout.
  PrintParts print{};
  /// Format bodies (indented JSON, binary placeholder) rather than writing
  /// them as received.
  bool pretty = false;
  /// `--download FILE`.
  std::string download{};
  /// Colours on stdout.
  bool colour = false;
  /// Progress lines on stderr (a terminal), and its width.
  bool progress = false;
  std::size_t progress_width = 80;
};

/// What `make_command` needs to know about where the output goes.
struct Terminal {
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;
  /// Colours on stdout as `--color=auto` would choose them (see `wants_colour`).
  bool stdout_wants_colour = false;
  std::size_t stderr_width = 80;
};

/// Turns the checked command line into library options, reading the bodies
/// it names (`@FILE`, `@-`, `--files`). Throws `UsageError` for a body that
/// cannot be read or is not JSON, and for a header, cookie or parameter the
/// library refuses.
[[nodiscard]] Command make_command(const Args& args, const Terminal& terminal);

/// A client with `options`; a proxy URL or CA file it refuses is a `UsageError`.
[[nodiscard]] AsyncClient make_client(const ClientOptions& options);

/// Sends one request and prints the parts `print` asks for, of every
/// request and response of its redirect chain (the body of the last
/// response only), or streams the body to `download`. Returns the exit
/// status of the final response's status code.
[[nodiscard]] Task<int> run_single(Command command);

/// Sends one request per URL at once, shows one progress line each, then
/// prints one summary line per URL in completion order. Errors are
/// reported on their line. Returns 0 if every response is 2xx, else the
/// exit status of the first URL (in command-line order) that was not.
[[nodiscard]] Task<int> run_parallel(Command command);

}  // namespace httpxx::cli
