// The texts of `httpxx` (help, man page, version) and its exit statuses.
#include <doctest/doctest.h>

#include <httpxx/errors.hpp>
#include <set>
#include <string>

#include "args.hpp"
#include "exit_codes.hpp"
#include "manual.hpp"

using namespace httpxx::cli;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// How the man page writes a text (roff: every '-' escaped).
std::string in_roff(std::string_view text) {
  std::string out;
  for (char c : text) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

}  // namespace

TEST_CASE("the help and the man page list every option of the table, with its values") {
  const std::string help = help_text();
  const std::string man = man_page();
  for (const OptionDoc& o : option_docs()) {
    const std::string name = "--" + std::string(o.long_name);
    CHECK_MESSAGE(contains(help, name + (o.metavar.empty() ? "" : " " + std::string(o.metavar))),
                  name);
    CHECK_MESSAGE(contains(man, "\\fB" + in_roff(name) + "\\fR"), name);
    if (!o.metavar.empty()) CHECK_MESSAGE(contains(man, "\\fI" + in_roff(o.metavar)), name);
  }
  for (const char* option :
       {"--method",  "--params",           "--headers",   "--content",   "--data",  "--files",
        "--json",    "--cookies",          "--auth",      "--auth-type", "--proxy", "--cacert",
        "--timeout", "--follow-redirects", "--no-verify", "--verbose",   "--print", "--pretty",
        "--color",   "--download",         "--parallel",  "--version",   "--help"}) {
    CHECK_MESSAGE(contains(help, option), option);
  }
}

TEST_CASE("no help line is wider than 80 columns") {
  const std::string help = help_text();
  std::size_t start = 0;
  while (start < help.size()) {
    const std::size_t end = help.find('\n', start);
    const std::string line = help.substr(start, end - start);
    CHECK_MESSAGE(line.size() <= 80, line);
    start = end + 1;
  }
}

TEST_CASE("the man page is roff with the sections of a man page") {
  const std::string man = man_page();
  CHECK(man.starts_with(".\\\""));
  CHECK(contains(man, "\n.TH HTTPXX 1 "));
  for (const char* section :
       {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "EXAMPLES"}) {
    CHECK_MESSAGE(contains(man, "\n.SH " + std::string(section) + "\n"), section);
  }
  CHECK(contains(man, "httpxx " + std::string(version())));
  // No text line may start with a control character of roff.
  std::size_t start = 0;
  while ((start = man.find('\n', start)) != std::string::npos) {
    ++start;
    if (start < man.size() && man[start] == '\'') FAIL("a line starts with '");
  }
}

TEST_CASE("--version prints the project's version") {
  CHECK(version_text() == "httpxx " + std::string(version()) + "\n");
  CHECK(std::string(version()).find('.') != std::string::npos);
}

TEST_CASE("every exit status is documented once, in the help and the man page") {
  std::set<int> codes;
  for (const ExitDoc& e : exit_docs()) CHECK(codes.insert(static_cast<int>(e.code)).second);
  CHECK(codes == std::set<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  CHECK(contains(help_text(), "  11  the server broke HTTP"));
  CHECK(contains(man_page(), ".TP\n.B 11\n"));
}

TEST_CASE("status codes map to exit statuses by class") {
  CHECK(exit_for_status(200) == Exit::ok);
  CHECK(exit_for_status(204) == Exit::ok);
  CHECK(exit_for_status(302) == Exit::status_3xx);
  CHECK(exit_for_status(404) == Exit::status_4xx);
  CHECK(exit_for_status(503) == Exit::status_5xx);
  CHECK(exit_for_status(101) == Exit::other);
}

TEST_CASE("exceptions map to exit statuses by class") {
  using namespace httpxx;
  CHECK(exit_for_error(UsageError("x")) == Exit::usage);
  CHECK(exit_for_error(InvalidURL("x")) == Exit::usage);
  CHECK(exit_for_error(UnsupportedProtocol("x")) == Exit::usage);
  CHECK(exit_for_error(ConnectTimeout("x")) == Exit::timeout);
  CHECK(exit_for_error(ReadTimeout("x")) == Exit::timeout);
  CHECK(exit_for_error(PoolTimeout("x")) == Exit::timeout);
  CHECK(exit_for_error(ConnectError("cannot connect to h:1: refused")) == Exit::connect);
  CHECK(exit_for_error(ProxyError("x")) == Exit::connect);
  CHECK(exit_for_error(ConnectError("TLS connection to h:1 failed: certificate verify failed")) ==
        Exit::tls);
  CHECK(exit_for_error(ReadError("x")) == Exit::network);
  CHECK(exit_for_error(WriteError("x")) == Exit::network);
  CHECK(exit_for_error(RemoteProtocolError("x")) == Exit::protocol);
  CHECK(exit_for_error(DecodingError("x")) == Exit::protocol);
  CHECK(exit_for_error(TooManyRedirects("x")) == Exit::too_many_redirects);
  CHECK(exit_for_error(std::runtime_error("x")) == Exit::other);
}
