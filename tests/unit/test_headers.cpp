#include <doctest/doctest.h>

#include "support.hpp"

using httpxx::Headers;
using httpxx::LocalProtocolError;

TEST_CASE("header names compare without regard to case and keep their order") {
  Headers h{{"Content-Type", "text/plain"}, {"X-A", "1"}};
  h.add("x-a", "2");
  CHECK(h.get("content-type") == "text/plain");
  CHECK(h.get("X-A") == "1, 2");
  CHECK(h.get_list("X-a") == std::vector<std::string>{"1", "2"});
  CHECK(h.size() == 3);
  CHECK(h.begin()->first == "Content-Type");
}

TEST_CASE("set replaces every field of a name, in the place of the first") {
  Headers h{{"A", "1"}, {"B", "2"}, {"a", "3"}};
  h.set("A", "9");
  REQUIRE(h.size() == 2);
  CHECK(h.begin()->first == "A");
  CHECK(h.begin()->second == "9");
  CHECK(h.get("b") == "2");
}

TEST_CASE("remove, set_default, contains and update") {
  Headers h{{"A", "1"}, {"a", "2"}};
  CHECK(h.remove("A") == 2);
  CHECK_FALSE(h.contains("a"));
  h.set_default("X", "1");
  h.set_default("x", "2");
  CHECK(h.get("X") == "1");
  Headers other{{"x", "3"}, {"Y", "4"}};
  h.update(other);
  CHECK(h.get("X") == "3");
  CHECK(h.get("y") == "4");
}

TEST_CASE("values are trimmed of surrounding spaces and tabs") {
  Headers h{{"A", " \t v \t"}};
  CHECK(h.get("A") == "v");
}

TEST_CASE("CR, LF and NUL in a header value are refused before anything is sent") {
  Headers h;
  CHECK_THROWS_AS(h.add("X", "a\r\nInjected: 1"), LocalProtocolError);
  CHECK_THROWS_AS(h.add("X", "a\nb"), LocalProtocolError);
  CHECK_THROWS_AS(h.set("X", std::string("a\0b", 3)), LocalProtocolError);
  CHECK(h.empty());
}

TEST_CASE("a header name that is not a token is refused") {
  Headers h;
  CHECK_THROWS_AS(h.add("Bad Name", "v"), LocalProtocolError);
  CHECK_THROWS_AS(h.add("X\r\nY", "v"), LocalProtocolError);
  CHECK_THROWS_AS(h.add("", "v"), LocalProtocolError);
  CHECK_THROWS_AS(h.add("X:", "v"), LocalProtocolError);
  CHECK_THROWS_AS((Headers{{"ok", "1"}, {"b\x01", "2"}}), LocalProtocolError);
}

TEST_CASE("headers compare equal by fields, names without case") {
  CHECK(Headers{{"A", "1"}} == Headers{{"a", "1"}});
  CHECK_FALSE(Headers{{"A", "1"}} == Headers{{"A", "2"}});
}

TEST_CASE("names and values taken from the same headers stay valid while they grow") {
  // Views into a Headers' own buffer, passed back to it: growing the buffer
  // must not leave them dangling (ASan would report a use after free).
  Headers h;
  for (int i = 0; i < 40; ++i) h.add("X-Field-" + std::to_string(i), std::string(40, 'v'));
  h.add("X-Dup", "one");
  h.add("x-dup", "two");
  const auto [name, value] = *(h.begin() + 40);  // "X-Dup", "one": views into h
  h.set(name, std::string(100000, 'w'));         // appends (the buffer moves), then drops x-dup
  CHECK(h.get_list("X-DUP") == std::vector<std::string>{std::string(100000, 'w')});
  const auto [n0, v0] = *h.begin();
  h.add(n0, v0);  // both views into h
  CHECK(h.get_list("X-Field-0").size() == 2);
  CHECK(h.get_list("X-Field-0")[1] == std::string(40, 'v'));
  auto copy = *(h.begin() + 1);
  h.set_default(copy.first, "ignored");
  CHECK(h.remove(copy.first) == 1);
  CHECK(h.size() == 41);  // 40 + X-Dup + a second X-Field-0 - X-Field-1
}
