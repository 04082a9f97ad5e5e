// httpxx: the command-line client, modelled on HTTPX's `httpx`.
//
//     httpxx https://example.org/ -p q c++ -h Accept application/json
//     httpxx --parallel URL URL URL
//
// Exit statuses: see exit_codes.hpp (and `httpxx --help`).
#include <unistd.h>

#include <httpxx/httpxx.hpp>
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "manual.hpp"
#include "output.hpp"
#include "terminal.hpp"

int main(int argc, char** argv) {
  using namespace httpxx;
  bool colour_errors = cli::wants_colour(STDERR_FILENO);
  cli::Args args;
  try {
    args = cli::parse_args(argc, argv);
  } catch (const cli::UsageError& e) {
    std::cerr << cli::paint("error", cli::kRed, colour_errors) << ": " << e.what() << "\n"
              << cli::usage_text();
    return static_cast<int>(cli::Exit::usage);
  }
  if (args.help) {
    std::cout << cli::help_text();
    return 0;
  }
  if (args.version) {
    std::cout << cli::version_text();
    return 0;
  }
  if (args.color != cli::When::automatic) colour_errors = args.color == cli::When::always;
  try {
    const cli::Terminal terminal{
        .stdout_is_terminal = cli::is_terminal(STDOUT_FILENO),
        .stderr_is_terminal = cli::is_terminal(STDERR_FILENO),
        .stdout_wants_colour = cli::wants_colour(STDOUT_FILENO),
        .stderr_width = cli::terminal_width(STDERR_FILENO),
    };
    cli::Command command = cli::make_command(args, terminal);
    return args.parallel ? run(cli::run_parallel(std::move(command)))
                         : run(cli::run_single(std::move(command)));
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << cli::error_line(e, colour_errors) << "\n";
    return static_cast<int>(cli::exit_for_error(e));
  }
}
