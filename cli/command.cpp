// From the command line to a `Command`: library options, bodies read from
// files or stdin, and what to print where.
#include <boost/json/parse.hpp>
#include <chrono>
#include <stdexcept>

#include "commands.hpp"
#include "inputs.hpp"

namespace httpxx::cli {

namespace {

std::string checked_json_body(const std::string& spec) {
  std::string text = load_body(spec, "--json");
  boost::system::error_code ec;
  (void)boost::json::parse(text, ec);
  if (ec) {
    const std::string source = spec == "@-" ? "stdin" : "'" + spec.substr(1) + "'";
    throw UsageError("--json: invalid JSON in " + source + ": " + ec.message());
  }
  return text;
}

bool resolve(When when, bool automatic) {
  return when == When::always || (when == When::automatic && automatic);
}

void fill_request(const Args& args, RequestOptions& request) {
  for (const auto& [name, value] : args.params) request.params.add(name, value);
  for (const auto& [name, value] : args.headers) request.headers.add(name, value);
  if (args.json) request.json = JsonBody::from_text(checked_json_body(*args.json));
  if (!args.data.empty()) {
    QueryParams form;
    for (const auto& [name, value] : args.data) form.add(name, value);
    request.data = std::move(form);
  }
  for (const auto& [name, path] : args.files) request.files.emplace_back(name, load_file(path));
  if (args.content) request.content = load_body(*args.content, "--content");
}

void fill_client(const Args& args, ClientOptions& client) {
  client.follow_redirects = args.follow_redirects;
  client.verify = args.verify;
  client.http1 = args.http != HttpVersions::http2;
  client.http2 = args.http != HttpVersions::http1;
  if (args.cacert) client.ca_file = *args.cacert;
  if (args.proxy) client.proxy = *args.proxy;
  for (const auto& [name, value] : args.cookies) client.cookies.set(name, value);
  // On the client, so that every request of the command (and of --parallel)
  // carries it, and `build_request` takes only what is sent.
  if (args.auth) {
    const auto& [user, password] = *args.auth;
    if (args.auth_type == AuthType::digest) {
      client.auth = std::make_shared<DigestAuth>(user, password);
    } else {
      client.auth = std::make_shared<BasicAuth>(user, password);
    }
  }
  if (args.timeout) client.timeout = Timeout(std::chrono::duration<double>(*args.timeout));
}

}  // namespace

Command make_command(const Args& args, const Terminal& terminal) {
  Command command;
  command.urls = args.urls;
  command.method = args.effective_method();
  try {
    fill_request(args, command.request);
  } catch (const LocalProtocolError& e) {  // a header the library refuses
    throw UsageError(e.what());
  }
  fill_client(args, command.client);

  command.print = args.effective_print(terminal.stdout_is_terminal);
  command.pretty = resolve(args.pretty, terminal.stdout_is_terminal);
  command.colour = resolve(args.color, terminal.stdout_wants_colour);
  command.download = args.download.value_or("");
  command.progress = terminal.stderr_is_terminal;
  command.progress_width = terminal.stderr_width;
  return command;
}

AsyncClient make_client(const ClientOptions& options) {
  try {
    return AsyncClient(options);
  } catch (const std::invalid_argument& e) {  // --proxy, --cacert
    throw UsageError(e.what());
  }
}

}  // namespace httpxx::cli
