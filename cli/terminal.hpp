#pragma once
/// \file
/// What the CLI needs to know about its terminal, and the ANSI codes it uses.

#include <cstddef>
#include <string>
#include <string_view>

namespace httpxx::cli {

inline constexpr std::string_view kReset = "\x1b[0m";
inline constexpr std::string_view kBold = "\x1b[1m";
inline constexpr std::string_view kRed = "\x1b[31m";
inline constexpr std::string_view kGreen = "\x1b[32m";
inline constexpr std::string_view kYellow = "\x1b[33m";
inline constexpr std::string_view kBlue = "\x1b[34m";
inline constexpr std::string_view kMagenta = "\x1b[35m";
inline constexpr std::string_view kCyan = "\x1b[36m";

/// True if `fd` is a terminal.
[[nodiscard]] bool is_terminal(int fd);
/// True if output to `fd` should be coloured: a terminal, `NO_COLOR` unset
/// (https://no-color.org) and `TERM` not "dumb".
[[nodiscard]] bool wants_colour(int fd);
/// The width in columns of the terminal on `fd` (80 if unknown).
[[nodiscard]] std::size_t terminal_width(int fd);

/// `text` wrapped in `code` and a reset when `on`, else `text` unchanged.
[[nodiscard]] std::string paint(std::string_view text, std::string_view code, bool on);

}  // namespace httpxx::cli
