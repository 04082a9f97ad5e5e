#include "manual.hpp"

#include <algorithm>
#include <vector>

#include "args.hpp"
#include "exit_codes.hpp"

#ifndef HTTPXX_CLI_VERSION
#error "HTTPXX_CLI_VERSION must be defined (cli/CMakeLists.txt sets it)"
#endif

namespace httpxx::cli {

namespace {

constexpr std::size_t kWidth = 80;

constexpr std::string_view kSummary =
    "an HTTP client for the command line, modelled on HTTPX's httpx";

// Paragraphs shared by the help and the man page.
constexpr std::string_view kDescription[] = {
    "Sends one request (or, with --parallel, one per URL at once) and prints the answer. On a "
    "terminal it prints the response's status line and headers, then its body: JSON indented, "
    "text as it is, binary data as a placeholder, in colour. When stdout is not a terminal (a "
    "pipe, a file) it prints the body only, exactly as received, so that 'httpxx URL | jq .' and "
    "'httpxx URL > file' work. --print chooses the parts, --pretty the formatting, --color the "
    "colours.",
    "Options and URLs may come in any order. Options of one value also take --name=VALUE; options "
    "of two values always take the next two words; -- ends the options. -h is --headers when a "
    "header name (a token such as Accept or X-Trace) and a value follow it, as in HTTPX; "
    "otherwise it is --help.",
};

std::string wrap(std::string_view text, std::size_t indent, std::size_t first_column) {
  std::string out;
  std::size_t column = first_column;
  bool first = true;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    if (!first && column + 1 + word.size() > kWidth) {
      out += '\n' + std::string(indent, ' ');
      column = indent;
    } else if (!first) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    first = false;
  }
  return out;
}

std::string option_names(const OptionDoc& o) {
  std::string names = o.short_names.empty() ? "    " : std::string(o.short_names) + ", ";
  names += "--";
  names += o.long_name;
  if (!o.metavar.empty()) {
    names += ' ';
    names += o.metavar;
  }
  return names;
}

// Roff: backslashes and hyphens escaped, no line starting with a control
// character.
std::string roff(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c == '\'' && (out.empty() || out.back() == '\n')) {
      out += "\\&'";
    } else {
      out += c;
    }
  }
  if (out.starts_with('.')) out.insert(0, "\\&");
  return out;
}

}  // namespace

std::string_view version() { return HTTPXX_CLI_VERSION; }

std::string version_text() { return "httpxx " + std::string(version()) + "\n"; }

std::string usage_text() {
  return "usage: httpxx [OPTIONS] URL\n"
         "       httpxx --parallel [OPTIONS] URL URL...\n"
         "Try 'httpxx --help' for the options.\n";
}

std::string help_text() {
  std::string text =
      wrap("httpxx " + std::string(version()) + ": " + std::string(kSummary) + ".", 0, 0) +
      "\n\n"
      "usage: httpxx [OPTIONS] URL\n"
      "       httpxx --parallel [OPTIONS] URL URL...\n\n";
  for (std::string_view paragraph : kDescription) text += wrap(paragraph, 0, 0) + "\n\n";

  text += "options:\n";
  // Names longer than the column get their description on the next line.
  constexpr std::size_t kColumn = 30;
  for (const OptionDoc& o : option_docs()) {
    std::string names = "  " + option_names(o);
    if (names.size() + 2 > kColumn) {
      text += names + "\n" + std::string(kColumn, ' ');
    } else {
      text += names + std::string(kColumn - names.size(), ' ');
    }
    text += wrap(o.help, kColumn, kColumn) + "\n";
  }

  text += "\nexit status:\n";
  for (const ExitDoc& e : exit_docs()) {
    std::string code = std::to_string(static_cast<int>(e.code));
    text += "  " + code + std::string(4 - code.size(), ' ') + wrap(e.meaning, 6, 6) + "\n";
  }
  text += "Errors are printed on stderr as 'error: <ExceptionName>: <message>'.\n";
  return text;
}

std::string man_page() {
  std::string page;
  page += ".\\\" httpxx(1), generated from the option table of cli/args.cpp by cli/manual.cpp.\n";
  page += ".TH HTTPXX 1 \"\" \"httpxx " + std::string(version()) + "\" \"User Commands\"\n";
  page += ".nh\n";  // no hyphenation: option and class names stay whole
  page += ".SH NAME\nhttpxx \\- " + roff(kSummary) + "\n";
  page +=
      ".SH SYNOPSIS\n"
      ".B httpxx\n[\\fIOPTIONS\\fR] \\fIURL\\fR\n.br\n"
      ".B httpxx \\-\\-parallel\n[\\fIOPTIONS\\fR] \\fIURL\\fR \\fIURL\\fR...\n";
  page += ".SH DESCRIPTION\n";
  for (std::string_view paragraph : kDescription) page += roff(paragraph) + "\n.PP\n";

  page += ".SH OPTIONS\n";
  for (const OptionDoc& o : option_docs()) {
    page += ".TP\n";
    if (!o.short_names.empty()) page += "\\fB" + roff(o.short_names) + "\\fR, ";
    page += "\\fB\\-\\-" + roff(o.long_name) + "\\fR";
    if (!o.metavar.empty()) page += " \\fI" + roff(o.metavar) + "\\fR";
    page += "\n" + roff(o.help) + "\n";
  }

  page += ".SH EXIT STATUS\n";
  for (const ExitDoc& e : exit_docs()) {
    page += ".TP\n.B " + std::to_string(static_cast<int>(e.code)) + "\n" + roff(e.meaning) + "\n";
  }
  page +=
      ".PP\n" + roff("Errors are printed on stderr as 'error: <ExceptionName>: <message>'.") + "\n";

  page += ".SH ENVIRONMENT\n";
  page += ".TP\n.B NO_COLOR\n" +
          roff("When set and not empty, no colours unless --color always is given.") + "\n";
  page += ".TP\n.B TERM\n" + roff("When dumb, no colours unless --color always is given.") + "\n";
  page += ".TP\n.B HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY\n" +
          roff("Proxies to use when --proxy is not given (and their lower-case forms).") + "\n";

  page += ".SH EXAMPLES\n";
  constexpr std::string_view kExamples[][2] = {
      {"httpxx https://example.org/ \\-p q c++ \\-h Accept application/json",
       "A GET with a query parameter and a header."},
      {"httpxx \\-j @doc.json https://example.org/post", "POST the JSON document of a file."},
      {"httpxx \\-f upload report.pdf \\-d title Report https://example.org/post",
       "Upload a file with a form field (multipart/form-data)."},
      {"httpxx https://example.org/data.json | jq .", "The body only, as received, into jq."},
      {"httpxx \\-\\-print Hh https://example.org/", "The request and response heads, no body."},
      {"httpxx \\-\\-download big.iso https://example.org/big.iso",
       "Save a body to a file, with a progress bar."},
  };
  for (const auto& [command, what] : kExamples) {
    page += ".PP\n" + roff(what) + "\n.RS\n.nf\n" + std::string(command) + "\n.fi\n.RE\n";
  }
  return page;
}

}  // namespace httpxx::cli
