#include "args.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string_view>
#include <system_error>

namespace httpxx::cli {

namespace {

using Values = std::span<const std::string>;

/// One option of the table below: its documentation, its short names (one
/// character each), how many values follow it, and what it does to `Args`.
struct Option {
  OptionDoc doc;
  std::string_view short_chars;
  int arity;
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

// Inline JSON is checked now; `@FILE` and `@-` when they are read.
std::string checked_json(const std::string& text) {
  if (text.starts_with('@')) return text;
  boost::system::error_code ec;
  (void)boost::json::parse(text, ec);
  if (ec) throw UsageError("--json: invalid JSON: " + ec.message());
  return text;
}

When parse_when(std::string_view option, const std::string& value) {
  if (value == "auto") return When::automatic;
  if (value == "always") return When::always;
  if (value == "never") return When::never;
  throw UsageError(std::string(option) + " takes auto, always or never, not '" + value + "'");
}

AuthType parse_auth_type(const std::string& value) {
  if (value == "basic") return AuthType::basic;
  if (value == "digest") return AuthType::digest;
  throw UsageError("--auth-type takes basic or digest, not '" + value + "'");
}

const Option kOptions[] = {
    {{"-m", "method", "METHOD", "request method (default: GET, or POST when a body is given)"},
     "m",
     1,
     [](Args& a, Values v) { a.method = v[0]; }},
    {{"-p", "params", "NAME VALUE", "query parameter to add to the URL (repeatable)"},
     "p",
     2,
     [](Args& a, Values v) { a.params.emplace_back(v[0], v[1]); }},
    {{"-h, -H", "headers", "NAME VALUE",
      "request header (repeatable); -h is this option only when a header name follows it"},
     "H",
     2,
     [](Args& a, Values v) { a.headers.emplace_back(v[0], v[1]); }},
    {{"-c", "content", "TEXT", "raw request body; @FILE reads a file, @- stdin, @@x sends @x"},
     "c",
     1,
     [](Args& a, Values v) { a.content = v[0]; }},
    {{"-d", "data", "NAME VALUE",
      "form field, sent as application/x-www-form-urlencoded (repeatable)"},
     "d",
     2,
     [](Args& a, Values v) { a.data.emplace_back(v[0], v[1]); }},
    {{"-f", "files", "NAME PATH",
      "file to upload as multipart/form-data, with the --data fields (repeatable; - is stdin)"},
     "f",
     2,
     [](Args& a, Values v) { a.files.emplace_back(v[0], v[1]); }},
    {{"-j", "json", "TEXT", "JSON body, sent as application/json; @FILE reads a file, @- stdin"},
     "j",
     1,
     [](Args& a, Values v) { a.json = checked_json(v[0]); }},
    {{"", "cookies", "NAME VALUE", "cookie to send (repeatable)"},
     "",
     2,
     [](Args& a, Values v) { a.cookies.emplace_back(v[0], v[1]); }},
    {{"", "auth", "USER PASS", "credentials, sent as --auth-type says"},
     "",
     2,
     [](Args& a, Values v) { a.auth = Args::Pair(v[0], v[1]); }},
    {{"", "auth-type", "basic|digest", "the scheme of --auth (default: basic)"},
     "",
     1,
     [](Args& a, Values v) { a.auth_type = parse_auth_type(v[0]); }},
    {{"", "proxy", "URL",
      "send every request through this HTTP proxy (http://[user:pass@]host:port)"},
     "",
     1,
     [](Args& a, Values v) { a.proxy = v[0]; }},
    {{"", "timeout", "SECONDS", "limit for each phase: connect, read, write (default: 5)"},
     "",
     1,
     [](Args& a, Values v) { a.timeout = parse_seconds(v[0]); }},
    {{"", "follow-redirects", "", "follow 3xx responses"},
     "",
     0,
     [](Args& a, Values) { a.follow_redirects = true; }},
    {{"", "verify", "", "verify the server's TLS certificate (the default)"},
     "",
     0,
     [](Args& a, Values) { a.verify = true; }},
    {{"", "no-verify", "", "accept any TLS certificate (for testing only)"},
     "",
     0,
     [](Args& a, Values) { a.verify = false; }},
    {{"", "http1", "", "speak HTTP/1.1 only (never offer HTTP/2)"},
     "",
     0,
     [](Args& a, Values) { a.http = HttpVersions::http1; }},
    {{"", "http2", "", "speak HTTP/2 only (https: ALPN h2; http://: h2c with prior knowledge)"},
     "",
     0,
     [](Args& a, Values) { a.http = HttpVersions::http2; }},
    {{"", "cacert", "FILE", "trust the CA certificates of this PEM file instead of the system's"},
     "",
     1,
     [](Args& a, Values v) { a.cacert = v[0]; }},
    {{"-v", "verbose", "", "print the whole exchange: the same as --print HBhb"},
     "v",
     0,
     [](Args& a, Values) { a.verbose = true; }},
    {{"", "print", "WHAT",
      "what to print: H request heads, B request bodies, h response heads, b response body "
      "(default: hb on a terminal, else b)"},
     "",
     1,
     [](Args& a, Values v) { a.print = PrintParts::parse(v[0]); }},
    {{"", "pretty", "auto|always|never",
      "format bodies (indented JSON, binary data as a placeholder), or print them as received "
      "(default: auto, on a terminal)"},
     "",
     1,
     [](Args& a, Values v) { a.pretty = parse_when("--pretty", v[0]); }},
    {{"", "color", "auto|always|never", "colours (default: auto, on a terminal without NO_COLOR)"},
     "",
     1,
     [](Args& a, Values v) { a.color = parse_when("--color", v[0]); }},
    {{"", "download", "FILE", "write the body to FILE, with a progress bar on a terminal"},
     "",
     1,
     [](Args& a, Values v) { a.download = v[0]; }},
    {{"", "parallel", "", "fetch every URL at once and print one summary line per URL"},
     "",
     0,
     [](Args& a, Values) { a.parallel = true; }},
    {{"", "version", "", "print the version and exit"},
     "",
     0,
     [](Args& a, Values) { a.version = true; }},
    {{"-h", "help", "", "show this help and exit"},
     "",  // '-h' is resolved by `parse_args` (see `is_header_name`)
     0,
     [](Args& a, Values) { a.help = true; }},
};

const Option* find_long(std::string_view name) {
  for (const auto& o : kOptions) {
    if (o.doc.long_name == name) return &o;
  }
  return nullptr;
}

const Option* find_short(char name) {
  for (const auto& o : kOptions) {
    if (o.short_chars.find(name) != std::string_view::npos) return &o;
  }
  return nullptr;
}

// An RFC 9110 token that does not look like an option.
bool is_header_name(std::string_view word) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  if (word.empty() || word.front() == '-') return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || kSymbols.find(c) != kSymbols.npos;
  });
}

void check(const Args& a) {
  if (a.urls.empty()) throw UsageError("missing URL");
  if (a.urls.size() > 1 && !a.parallel) {
    throw UsageError("several URLs given: add --parallel to fetch them at once");
  }
  const int bodies = int(a.json.has_value()) + int(!a.data.empty() || !a.files.empty()) +
                     int(a.content.has_value());
  if (bodies > 1) {
    throw UsageError("give at most one of --json, --data/--files and --content");
  }
  const int stdin_readers = int(a.json == "@-") + int(a.content == "@-") +
                            int(std::count_if(a.files.begin(), a.files.end(),
                                              [](const Args::Pair& f) { return f.second == "-"; }));
  if (stdin_readers > 1) throw UsageError("only one body can be read from stdin");
  if (a.auth_type != AuthType::basic && !a.auth) throw UsageError("--auth-type needs --auth");
  if (a.parallel) {
    if (a.download) throw UsageError("--download cannot be combined with --parallel");
    if (a.verbose) throw UsageError("--verbose cannot be combined with --parallel");
    if (a.print) throw UsageError("--print cannot be combined with --parallel");
  }
}

}  // namespace

PrintParts PrintParts::parse(std::string_view letters) {
  PrintParts parts;
  if (letters.empty()) throw UsageError("--print needs some of the letters H, B, h, b");
  for (char c : letters) {
    bool* part = c == 'H'   ? &parts.request_head
                 : c == 'B' ? &parts.request_body
                 : c == 'h' ? &parts.response_head
                 : c == 'b' ? &parts.response_body
                            : nullptr;
    if (!part) {
      throw UsageError("--print takes the letters H, B, h, b, not '" + std::string(1, c) + "'");
    }
    *part = true;
  }
  return parts;
}

std::string Args::effective_method() const {
  if (method.empty()) return json || !data.empty() || !files.empty() || content ? "POST" : "GET";
  std::string upper = method;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper;
}

PrintParts Args::effective_print(bool stdout_is_terminal) const {
  if (print) return *print;
  if (verbose) return {true, true, true, true};
  return {.response_head = stdout_is_terminal, .response_body = true};
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
    } else if (token == "-h") {
      const bool header = argc - i - 1 >= 2 && is_header_name(argv[i + 1]);
      option = find_long(header ? "headers" : "help");
    } else if (token.size() == 2) {
      option = find_short(token[1]);
    }
    if (!option) throw UsageError("no such option: " + std::string(token));

    std::vector<std::string> values;
    if (attached) {
      if (option->arity != 1) {
        throw UsageError("--" + std::string(option->doc.long_name) + " does not take '=VALUE'");
      }
      values.push_back(*attached);
    } else {
      if (argc - i - 1 < option->arity) {
        throw UsageError(std::string(token) + " needs " + std::string(option->doc.metavar));
      }
      for (int k = 0; k < option->arity; ++k) values.emplace_back(argv[++i]);
    }
    option->apply(args, values);
    if (args.help || args.version) return args;
  }
  check(args);
  return args;
}

std::span<const OptionDoc> option_docs() {
  static const std::vector<OptionDoc> docs = [] {
    std::vector<OptionDoc> all;
    for (const auto& o : kOptions) all.push_back(o.doc);
    return all;
  }();
  return docs;
}

}  // namespace httpxx::cli
