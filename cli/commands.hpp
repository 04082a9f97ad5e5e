#pragma once
/// \file
/// The two things `httpxx` does: one request (`run_single`), or several at
/// once (`run_parallel`). Each returns the exit status and throws what a
/// request throws before any response (the caller prints it).

#include <cstddef>
#include <httpxx/httpxx.hpp>
#include <string>
#include <vector>

namespace httpxx::cli {

/// What a command needs, built from the command line by `main`.
struct Command {
  std::vector<std::string> urls{};
  std::string method{};
  RequestOptions request{};
  ClientOptions client{};
  bool verbose = false;
  /// `--download FILE`.
  std::string download{};
  /// Colours on stdout.
  bool colour = false;
  /// Progress lines on stderr (a terminal), and its width.
  bool progress = false;
  std::size_t progress_width = 80;
};

/// Sends one request and prints its heads (and those of its redirects),
/// then its body, or streams the body to `download`. Returns 0 for a 2xx
/// final status, else 1.
[[nodiscard]] Task<int> run_single(Command command);

/// Sends one request per URL at once, shows one progress line each, then
/// prints one summary line per URL in completion order. Errors are
/// reported on their line. Returns 0 if every response is 2xx, else 1.
[[nodiscard]] Task<int> run_parallel(Command command);

}  // namespace httpxx::cli
