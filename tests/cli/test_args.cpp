// The command-line parser of `httpxx`.
#include <doctest/doctest.h>

#include <vector>

#include "args.hpp"

using httpxx::cli::Args;
using httpxx::cli::UsageError;

namespace {

Args parse(std::vector<const char*> words) {
  words.insert(words.begin(), "httpxx");
  return httpxx::cli::parse_args(static_cast<int>(words.size()), words.data());
}

}  // namespace

TEST_CASE("options of two values take the next two words, in any order with the URL") {
  Args a = parse({"-p", "q", "1", "http://h/", "-H", "X-A", "b c", "--params", "q", "2"});
  CHECK(a.urls == std::vector<std::string>{"http://h/"});
  CHECK(a.params == std::vector<Args::Pair>{{"q", "1"}, {"q", "2"}});
  CHECK(a.headers == std::vector<Args::Pair>{{"X-A", "b c"}});
}

TEST_CASE("the method defaults to GET, or POST with a body, and is upper-cased") {
  CHECK(parse({"http://h/"}).effective_method() == "GET");
  CHECK(parse({"http://h/", "--json", "{}"}).effective_method() == "POST");
  CHECK(parse({"http://h/", "--data", "a", "1"}).effective_method() == "POST");
  CHECK(parse({"http://h/", "--content", ""}).effective_method() == "POST");
  CHECK(parse({"-m", "patch", "http://h/", "--json", "{}"}).effective_method() == "PATCH");
}

TEST_CASE("--name=value sets an option of one value; flags refuse a value") {
  Args a = parse({"--timeout=2.5", "--method=PUT", "http://h/"});
  CHECK(a.timeout == 2.5);
  CHECK(a.method == "PUT");
  CHECK_THROWS_AS(parse({"--verbose=yes", "http://h/"}), UsageError);
  CHECK_THROWS_AS(parse({"--params=q", "http://h/"}), UsageError);
}

TEST_CASE("flags set their settings") {
  Args a = parse({"--follow-redirects", "--no-verify", "--parallel", "http://a/", "http://b/"});
  CHECK(a.follow_redirects);
  CHECK_FALSE(a.verify);
  CHECK(a.parallel);
  CHECK(a.urls.size() == 2);
  CHECK(parse({"-v", "http://h/"}).verbose);
  CHECK(parse({"--no-verify", "--verify", "http://h/"}).verify);
}

TEST_CASE("'--' ends the options, so a URL may start with a dash") {
  Args a = parse({"--", "-odd"});
  CHECK(a.urls == std::vector<std::string>{"-odd"});
}

TEST_CASE("--help wins over everything after it") {
  CHECK(parse({"--help"}).help);
  CHECK(parse({"-h", "--bogus"}).help);
}

TEST_CASE("inconsistent command lines are usage errors") {
  CHECK_THROWS_WITH_AS(parse({}), "missing URL", UsageError);
  CHECK_THROWS_AS(parse({"--bogus", "http://h/"}), UsageError);
  CHECK_THROWS_AS(parse({"-x", "http://h/"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "-H", "X-Only-Name"}), UsageError);
  CHECK_THROWS_AS(parse({"http://a/", "http://b/"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--json", "{}", "--data", "a", "1"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--json", "{}", "--files", "f", "p"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "-c", "@-", "-f", "f", "-"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--auth-type", "digest"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--auth", "u", "p", "--auth-type", "ntlm"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--print", "hx"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--print="}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--color", "sometimes"}), UsageError);
  CHECK_THROWS_AS(parse({"--parallel", "--print", "b", "http://h/"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--json", "{nope"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--timeout", "0"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--timeout", "1s"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--timeout", "inf"}), UsageError);
  CHECK_THROWS_AS(parse({"--parallel", "-v", "http://h/"}), UsageError);
  CHECK_THROWS_AS(parse({"--parallel", "--download", "f", "http://h/"}), UsageError);
}

TEST_CASE("HTTPX's short names: -c, -d, -f, -j") {
  Args a = parse({"-c", "text", "http://h/"});
  CHECK(a.content == "text");
  a = parse({"-d", "a", "1", "-f", "up", "x.txt", "http://h/"});
  CHECK(a.data == std::vector<Args::Pair>{{"a", "1"}});
  CHECK(a.files == std::vector<Args::Pair>{{"up", "x.txt"}});
  CHECK(a.effective_method() == "POST");
  CHECK(parse({"-j", "[1]", "http://h/"}).json == "[1]");
}

TEST_CASE("--json @FILE and @- are kept to be read later; inline JSON is checked now") {
  CHECK(parse({"-j", "@doc.json", "http://h/"}).json == "@doc.json");
  CHECK(parse({"-j", "@-", "http://h/"}).json == "@-");
  CHECK_THROWS_AS(parse({"-j", "nope", "http://h/"}), UsageError);
}

TEST_CASE("-h is a header when a header name and a value follow it, else the help") {
  Args a = parse({"-h", "Accept", "application/json", "http://h/"});
  CHECK_FALSE(a.help);
  CHECK(a.headers == std::vector<Args::Pair>{{"Accept", "application/json"}});
  a = parse({"http://h/", "-h", "X-Trace", "42"});
  CHECK(a.headers == std::vector<Args::Pair>{{"X-Trace", "42"}});
  CHECK(parse({"-h"}).help);
  CHECK(parse({"http://h/", "-h"}).help);
  CHECK(parse({"-h", "http://h/"}).help);               // one word only
  CHECK(parse({"-h", "http://h/", "x"}).help);          // not a header name
  CHECK(parse({"-h", "--verbose", "http://h/"}).help);  // an option
  CHECK(parse({"-h", "-v", "http://h/"}).help);
  CHECK(parse({"-H", "X-A", "1", "http://h/"}).headers.size() == 1);
}

TEST_CASE("--print parses its letters; the default depends on the terminal and -v") {
  using httpxx::cli::PrintParts;
  CHECK(PrintParts::parse("Hb") == PrintParts{true, false, false, true});
  CHECK(PrintParts::parse("bhBH") == PrintParts{true, true, true, true});
  Args a = parse({"http://h/"});
  CHECK(a.effective_print(true) == PrintParts{false, false, true, true});
  CHECK(a.effective_print(false) == PrintParts{false, false, false, true});
  CHECK(parse({"-v", "http://h/"}).effective_print(false) == PrintParts{true, true, true, true});
  CHECK(parse({"-v", "--print", "h", "http://h/"}).effective_print(true) ==
        PrintParts{false, false, true, false});
}

TEST_CASE("--color, --pretty, --auth-type and the other options of one value") {
  using httpxx::cli::AuthType;
  using httpxx::cli::When;
  Args a =
      parse({"--color=always", "--pretty", "never", "--auth", "u", "p", "--auth-type", "digest",
             "--proxy", "http://p:3128", "--cacert", "ca.pem", "--cookies", "a", "1", "http://h/"});
  CHECK(a.color == When::always);
  CHECK(a.pretty == When::never);
  CHECK(a.auth_type == AuthType::digest);
  CHECK(a.proxy == "http://p:3128");
  CHECK(a.cacert == "ca.pem");
  CHECK(a.cookies == std::vector<Args::Pair>{{"a", "1"}});
  CHECK(parse({"http://h/"}).color == When::automatic);
}

TEST_CASE("--version wins over everything after it") {
  CHECK(parse({"--version"}).version);
  CHECK(parse({"--version", "--bogus"}).version);
}
