#pragma once
/// \file
/// The command line of `httpxx`: what it accepts (`Args`), how it is parsed
/// (`parse_args`) and the texts that describe it (`usage_text`, `help_text`).

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace httpxx::cli {

/// A command line that cannot be run: unknown option, missing value,
/// conflicting options. The CLI prints it with the short usage and exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Everything the command line said, checked for consistency.
struct Args {
  using Pair = std::pair<std::string, std::string>;

  std::vector<std::string> urls{};
  /// Empty: GET, or POST when a body (`--json`, `--data`, `--content`) is given.
  std::string method{};
  std::vector<Pair> params{};
  std::vector<Pair> headers{};
  /// The `--json` text, already checked to be JSON.
  std::optional<std::string> json{};
  std::vector<Pair> data{};
  std::optional<std::string> content{};
  std::optional<Pair> auth{};
  bool follow_redirects = false;
  /// Seconds for every phase; unset means the library's default (5 s).
  std::optional<double> timeout{};
  bool verify = true;
  bool verbose = false;
  std::optional<std::string> download{};
  bool parallel = false;
  bool help = false;

  /// The method to send: `method` upper-cased, or its default.
  [[nodiscard]] std::string effective_method() const;
};

/// Parses `argv[1..argc)`. Throws `UsageError`. With `-h`/`--help` anywhere,
/// returns `Args{.help = true}` without checking the rest.
[[nodiscard]] Args parse_args(int argc, const char* const* argv);

/// The short usage printed after a usage error.
[[nodiscard]] std::string usage_text();
/// The full help of `--help`, generated from the option table.
[[nodiscard]] std::string help_text();

}  // namespace httpxx::cli
