#include "terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace httpxx::cli {

bool is_terminal(int fd) { return isatty(fd) != 0; }

bool wants_colour(int fd) {
  if (!is_terminal(fd)) return false;
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour && *no_colour) return false;
  const char* term = std::getenv("TERM");
  return !(term && std::string_view(term) == "dumb");
}

std::size_t terminal_width(int fd) {
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

std::string paint(std::string_view text, std::string_view code, bool on) {
  if (!on) return std::string(text);
  std::string out(code);
  out += text;
  out += kReset;
  return out;
}

}  // namespace httpxx::cli
