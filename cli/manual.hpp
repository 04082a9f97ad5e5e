#pragma once
/// \file
/// The texts that describe `httpxx`: the short usage, `--help`, `--version`
/// and the man page, all made from the option table (`option_docs`) and
/// the exit status table (`exit_docs`), so that none can drift from the code.

#include <string>
#include <string_view>

namespace httpxx::cli {

/// The CLI's version: the project's version ("0.1.0").
[[nodiscard]] std::string_view version();
/// The line `--version` prints: "httpxx 0.1.0\n".
[[nodiscard]] std::string version_text();
/// The short usage printed after a usage error.
[[nodiscard]] std::string usage_text();
/// The full help of `--help`: description, options, rules, exit statuses;
/// lines wrapped to 80 columns.
[[nodiscard]] std::string help_text();
/// The man page, httpxx(1), in roff (man macros): the same content as the
/// help, plus the environment and examples.
[[nodiscard]] std::string man_page();

}  // namespace httpxx::cli
