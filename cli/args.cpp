#include "args.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cctype>
#include <charconv>
#include <cmath>
#include <span>
#include <string_view>
#include <system_error>

namespace httpxx::cli {

namespace {

using Values = std::span<const std::string>;

/// One option of the table below: its names, how many values follow it, and
/// what it does to `Args`. The help text is generated from the same table.
struct Option {
  char short_name;  // '\0' when there is none
  std::string_view long_name;
  int arity;
  std::string_view metavar;
  std::string_view help;
  void (*apply)(Args&, Values);
};

double parse_seconds(const std::string& text) {
  double seconds = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(seconds) ||
      seconds <= 0) {
    throw UsageError("--timeout needs a positive number of seconds, not '" + text + "'");
  }
  return seconds;
}

std::string checked_json(const std::string& text) {
  boost::system::error_code ec;
  (void)boost::json::parse(text, ec);
  if (ec) throw UsageError("--json: invalid JSON: " + ec.message());
  return text;
}

const Option kOptions[] = {
    {'m', "method", 1, "METHOD", "request method (default: GET, or POST when a body is given)",
     [](Args& a, Values v) { a.method = v[0]; }},
    {'p', "params", 2, "NAME VALUE", "query parameter to add to the URL (repeatable)",
     [](Args& a, Values v) { a.params.emplace_back(v[0], v[1]); }},
    {'H', "headers", 2, "NAME VALUE", "request header (repeatable)",
     [](Args& a, Values v) { a.headers.emplace_back(v[0], v[1]); }},
    {'\0', "json", 1, "TEXT", "JSON body, sent as application/json",
     [](Args& a, Values v) { a.json = checked_json(v[0]); }},
    {'\0', "data", 2, "NAME VALUE",
     "form field, sent as application/x-www-form-urlencoded (repeatable)",
     [](Args& a, Values v) { a.data.emplace_back(v[0], v[1]); }},
    {'\0', "content", 1, "TEXT", "raw request body", [](Args& a, Values v) { a.content = v[0]; }},
    {'\0', "auth", 2, "USER PASS", "HTTP Basic authentication",
     [](Args& a, Values v) { a.auth = Args::Pair(v[0], v[1]); }},
    {'\0', "follow-redirects", 0, "", "follow 3xx responses",
     [](Args& a, Values) { a.follow_redirects = true; }},
    {'\0', "timeout", 1, "SECONDS", "limit for each phase: connect, read, write (default: 5)",
     [](Args& a, Values v) { a.timeout = parse_seconds(v[0]); }},
    {'\0', "verify", 0, "", "verify the server's TLS certificate (the default)",
     [](Args& a, Values) { a.verify = true; }},
    {'\0', "no-verify", 0, "", "accept any TLS certificate (for testing only)",
     [](Args& a, Values) { a.verify = false; }},
    {'v', "verbose", 0, "", "also print the request heads",
     [](Args& a, Values) { a.verbose = true; }},
    {'\0', "download", 1, "FILE", "write the body to FILE, with a progress bar on a terminal",
     [](Args& a, Values v) { a.download = v[0]; }},
    {'\0', "parallel", 0, "", "fetch every URL at once and print one summary line per URL",
     [](Args& a, Values) { a.parallel = true; }},
    {'h', "help", 0, "", "show this help and exit", [](Args& a, Values) { a.help = true; }},
};

std::string option_names(const Option& o) {
  std::string names = o.short_name ? std::string{'-', o.short_name} + ", " : "    ";
  names += "--";
  names += o.long_name;
  if (!o.metavar.empty()) {
    names += ' ';
    names += o.metavar;
  }
  return names;
}

const Option* find_long(std::string_view name) {
  for (const auto& o : kOptions) {
    if (o.long_name == name) return &o;
  }
  return nullptr;
}

const Option* find_short(char name) {
  for (const auto& o : kOptions) {
    if (o.short_name == name) return &o;
  }
  return nullptr;
}

void check(const Args& a) {
  if (a.urls.empty()) throw UsageError("missing URL");
  if (a.urls.size() > 1 && !a.parallel) {
    throw UsageError("several URLs given: add --parallel to fetch them at once");
  }
  int bodies = int(a.json.has_value()) + int(!a.data.empty()) + int(a.content.has_value());
  if (bodies > 1) throw UsageError("give at most one of --json, --data and --content");
  if (a.parallel && a.download) throw UsageError("--download cannot be combined with --parallel");
  if (a.parallel && a.verbose) throw UsageError("--verbose cannot be combined with --parallel");
}

}  // namespace

std::string Args::effective_method() const {
  if (method.empty()) return json || !data.empty() || content ? "POST" : "GET";
  std::string upper = method;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper;
}

Args parse_args(int argc, const char* const* argv) {
  Args args;
  bool options_ended = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view token = argv[i];
    if (options_ended || token.size() < 2 || token[0] != '-') {
      args.urls.emplace_back(token);
      continue;
    }
    if (token == "--") {
      options_ended = true;
      continue;
    }
    const Option* option = nullptr;
    std::optional<std::string> attached;  // the value of --name=value
    if (token.starts_with("--")) {
      std::string_view name = token.substr(2);
      if (auto eq = name.find('='); eq != std::string_view::npos) {
        attached = std::string(name.substr(eq + 1));
        name = name.substr(0, eq);
      }
      option = find_long(name);
    } else if (token.size() == 2) {
      option = find_short(token[1]);
    }
    if (!option) throw UsageError("no such option: " + std::string(token));

    std::vector<std::string> values;
    if (attached) {
      if (option->arity != 1) {
        throw UsageError("--" + std::string(option->long_name) + " does not take '=VALUE'");
      }
      values.push_back(*attached);
    } else {
      if (argc - i - 1 < option->arity) {
        throw UsageError(std::string(token) + " needs " + std::string(option->metavar));
      }
      for (int k = 0; k < option->arity; ++k) values.emplace_back(argv[++i]);
    }
    option->apply(args, values);
    if (args.help) return args;
  }
  check(args);
  return args;
}

std::string usage_text() {
  return "usage: httpxx [OPTIONS] URL\n"
         "       httpxx --parallel [OPTIONS] URL URL...\n"
         "Try 'httpxx --help' for the options.\n";
}

std::string help_text() {
  std::string text =
      "httpxx: send HTTP requests from the command line (modelled on HTTPX's `httpx`).\n"
      "\n"
      "usage: httpxx [OPTIONS] URL\n"
      "       httpxx --parallel [OPTIONS] URL URL...\n"
      "\n"
      "Prints the response's status line and headers, then its body (JSON pretty-printed).\n"
      "Colours and progress bars appear only on a terminal.\n"
      "\n"
      "options:\n";
  std::size_t width = 0;
  for (const auto& o : kOptions) width = std::max(width, option_names(o).size());
  for (const auto& o : kOptions) {
    std::string names = option_names(o);
    text += "  " + names + std::string(width - names.size() + 2, ' ') + std::string(o.help) + "\n";
  }
  text +=
      "\n"
      "exit status: 0 when every response is 2xx; 1 for another status or a request error\n"
      "(printed as 'error: <ExceptionName>: <message>'); 2 for a usage error.\n";
  return text;
}

}  // namespace httpxx::cli
