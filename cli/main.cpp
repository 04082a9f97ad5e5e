// httpxx: the command-line client, modelled on HTTPX's `httpx`.
//
//     httpxx https://example.org/ -p q c++ -H Accept application/json
//     httpxx --parallel URL URL URL
//
// Exit status: 0 when the response (every response) is 2xx, 1 otherwise or
// on a request error, 2 on a usage error.
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <httpxx/httpxx.hpp>
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "terminal.hpp"

namespace {

using namespace httpxx;

// Turns the checked command line into library options. Throws
// `LocalProtocolError` for a header the library refuses.
cli::Command make_command(const cli::Args& args) {
  cli::Command command;
  command.urls = args.urls;
  command.method = args.effective_method();

  RequestOptions& request = command.request;
  for (const auto& [name, value] : args.params) request.params.add(name, value);
  for (const auto& [name, value] : args.headers) request.headers.add(name, value);
  if (args.json) request.json = boost::json::parse(*args.json);
  if (!args.data.empty()) {
    QueryParams form;
    for (const auto& [name, value] : args.data) form.add(name, value);
    request.data = std::move(form);
  }
  request.content = args.content;

  ClientOptions& client = command.client;
  client.follow_redirects = args.follow_redirects;
  client.verify = args.verify;
  // On the client, so that every request of the command (and of --parallel)
  // carries it, and `build_request` takes only what is sent.
  if (args.auth) client.auth = std::make_shared<BasicAuth>(args.auth->first, args.auth->second);
  if (args.timeout) client.timeout = Timeout(std::chrono::duration<double>(*args.timeout));

  command.verbose = args.verbose;
  command.download = args.download.value_or("");
  command.colour = cli::wants_colour(STDOUT_FILENO);
  command.progress = cli::is_terminal(STDERR_FILENO);
  command.progress_width = cli::terminal_width(STDERR_FILENO);
  return command;
}

}  // namespace

int main(int argc, char** argv) {
  const bool colour_errors = cli::wants_colour(STDERR_FILENO);
  cli::Args args;
  try {
    args = cli::parse_args(argc, argv);
  } catch (const cli::UsageError& e) {
    std::cerr << cli::paint("error", cli::kRed, colour_errors) << ": " << e.what() << "\n"
              << cli::usage_text();
    return 2;
  }
  if (args.help) {
    std::cout << cli::help_text();
    return 0;
  }
  try {
    cli::Command command = make_command(args);
    return args.parallel ? run(cli::run_parallel(std::move(command)))
                         : run(cli::run_single(std::move(command)));
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << cli::error_line(e, colour_errors) << "\n";
    return 1;
  }
}
