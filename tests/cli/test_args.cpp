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
  CHECK_THROWS_AS(parse({"http://h/", "--json", "{nope"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--timeout", "0"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--timeout", "1s"}), UsageError);
  CHECK_THROWS_AS(parse({"http://h/", "--timeout", "inf"}), UsageError);
  CHECK_THROWS_AS(parse({"--parallel", "-v", "http://h/"}), UsageError);
  CHECK_THROWS_AS(parse({"--parallel", "--download", "f", "http://h/"}), UsageError);
}

TEST_CASE("the help lists every option") {
  const std::string help = httpxx::cli::help_text();
  for (const char* option : {"--method", "--params", "--headers", "--json", "--data", "--content",
                             "--auth", "--follow-redirects", "--timeout", "--verify", "--no-verify",
                             "--verbose", "--download", "--parallel", "--help"}) {
    CHECK_MESSAGE(help.find(option) != std::string::npos, option);
  }
}
