#pragma once
/// \file
/// The command line of `httpxx`: what it accepts (`Args`), how it is parsed
/// (`parse_args`), and the option table the help and the man page are made
/// from (`option_docs`).

#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace httpxx::cli {

/// A command line that cannot be run: unknown option, missing value,
/// conflicting options, a body file that cannot be read. The CLI prints it
/// (with the short usage when it is a matter of syntax) and exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `--color` and `--pretty`: on a terminal only (`automatic`), or forced.
enum class When { automatic, always, never };

/// `--auth-type`.
enum class AuthType { basic, digest };

/// The HTTP versions a command offers: both (the default), or one only.
enum class HttpVersions { both, http1, http2 };

/// What `--print` shows: H request heads, B request bodies, h response
/// heads, b the response body.
struct PrintParts {
  bool request_head = false;
  bool request_body = false;
  bool response_head = false;
  bool response_body = false;

  /// Parses letters of "HBhb" (any order, each at most once). Throws
  /// `UsageError` for another letter or an empty text.
  [[nodiscard]] static PrintParts parse(std::string_view letters);
  friend bool operator==(const PrintParts&, const PrintParts&) = default;
};

/// Everything the command line said, checked for consistency.
struct Args {
  using Pair = std::pair<std::string, std::string>;

  std::vector<std::string> urls{};
  /// Empty: GET, or POST when a body (`--json`, `--data`, `--content`,
  /// `--files`) is given.
  std::string method{};
  std::vector<Pair> params{};
  std::vector<Pair> headers{};
  /// `--json` as given: JSON text (already checked), or `@FILE` / `@-`.
  std::optional<std::string> json{};
  std::vector<Pair> data{};
  /// `--files NAME PATH`, in order (PATH `-` is stdin).
  std::vector<Pair> files{};
  /// `--content` as given: the body, `@FILE`, `@-`, or `@@…` for a literal `@…`.
  std::optional<std::string> content{};
  std::vector<Pair> cookies{};
  std::optional<Pair> auth{};
  AuthType auth_type = AuthType::basic;
  std::optional<std::string> proxy{};
  std::optional<std::string> cacert{};
  bool follow_redirects = false;
  /// Seconds for every phase; unset means the library's default (5 s).
  std::optional<double> timeout{};
  bool verify = true;
  /// The HTTP versions offered (`--http1`, `--http2`; default both, HTTP/2 preferred on https).
  HttpVersions http = HttpVersions::both;
  bool verbose = false;
  /// `--print`; unset means the default (see `effective_print`).
  std::optional<PrintParts> print{};
  When color = When::automatic;
  When pretty = When::automatic;
  std::optional<std::string> download{};
  bool parallel = false;
  bool help = false;
  bool version = false;

  /// The method to send: `method` upper-cased, or its default.
  [[nodiscard]] std::string effective_method() const;
  /// What to print: `--print`, else everything with `-v`, else the
  /// response's head and body when stdout is a terminal, else its body only.
  [[nodiscard]] PrintParts effective_print(bool stdout_is_terminal) const;
};

/// Parses `argv[1..argc)`. Throws `UsageError`. With `--help` (or `-h` not
/// followed by a header), or `--version`, anywhere, returns at once with
/// `help` or `version` set, without checking the rest.
///
/// `-h` is HTTPX's `--headers NAME VALUE` when the next word is a header
/// name (a token: letters, digits and ``!#$%&'*+-.^_`|~``, not starting
/// with `-`) and a value follows it; otherwise it is `--help`.
[[nodiscard]] Args parse_args(int argc, const char* const* argv);

/// One option, as the help and the man page describe it.
struct OptionDoc {
  /// The short names ("-m", "-H, -h"); empty when there is none.
  std::string_view short_names;
  std::string_view long_name;
  /// The values that follow it ("NAME VALUE"); empty for a flag.
  std::string_view metavar;
  std::string_view help;
};

/// Every option, in the order of the help.
[[nodiscard]] std::span<const OptionDoc> option_docs();

}  // namespace httpxx::cli
