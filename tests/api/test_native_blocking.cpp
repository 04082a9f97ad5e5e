// Native only (the browser cannot block): the blocking Client over the real
// wire. Its text and line streams, cookie jar, history and auth are the
// AsyncClient's, driven on the client's private loop.
#include <string>
#include <vector>

#include "native_support.hpp"

using namespace api;

TEST_CASE("blocking lines() give a dripped body's lines as they arrive") {
  httpxx::Client client;
  auto start = std::chrono::steady_clock::now();
  auto r = client.get(http("/drip-lines?lines=3&interval_ms=100"), {.stream = true});
  std::vector<std::string> lines;
  std::vector<long long> at;
  for (const std::string& line : r.lines()) {
    lines.push_back(line);
    at.push_back(ms_since(start));
  }
  CHECK(lines == std::vector<std::string>{"line 0", "line 1", "line 2"});
  REQUIRE(at.size() == 3);
  CHECK(at[0] < at[2] - 100);  // the first line came before the last was sent
  CHECK(r.is_closed());
}

TEST_CASE("blocking lines() of /stream/N are its JSON documents, one a line") {
  httpxx::Client client;
  auto r = client.get(http("/stream/4"), {.stream = true});
  int expected = 0;
  for (const std::string& line : r.lines()) {
    // JSON.stringify's output: the id comes first, with no spaces.
    CHECK(line.starts_with("{\"id\":" + std::to_string(expected) + ","));
    ++expected;
  }
  CHECK(expected == 4);
}

TEST_CASE("blocking text_stream() converts a latin-1 body to UTF-8") {
  httpxx::Client client;
  auto r = client.get(http("/latin1"), {.stream = true});
  std::string text;
  for (const std::string& piece : r.text_stream()) text += piece;
  CHECK(text == "caf\xc3\xa9 na\xc3\xafve r\xc3\xa9sum\xc3\xa9\n");
  CHECK_THROWS_AS((void)r.lines(), httpxx::StreamConsumed);
}

TEST_CASE("the blocking client's cookie jar stores Set-Cookie and sends what it holds") {
  httpxx::Client client({.follow_redirects = true});
  auto r = client.get(http("/cookies/set?session=abc"));
  CHECK(client.cookies().get("session") == "abc");
  REQUIRE(r.history().size() == 1);
  CHECK(r.history()[0].status_code() == 302);
  CHECK(r.history()[0].cookies().get("session") == "abc");
  client.cookies().set("lang", "en", "127.0.0.1");
  auto echo = as_object(client.get(http("/cookies")).json()).at("cookies").as_object();
  CHECK(echo.at("session").as_string() == "abc");
  CHECK(echo.at("lang").as_string() == "en");
  client.cookies().clear();
  CHECK(as_object(client.get(http("/cookies")).json()).at("cookies").as_object().empty());
}

TEST_CASE("blocking parallel responses stream their lines on the client's loop") {
  httpxx::Client client;
  auto p = client.parallel();
  auto slow = p.get(http("/drip-lines?lines=2&interval_ms=50"), {.stream = true});
  auto fast = p.get(http("/get"));
  CHECK(fast.get_response().status_code() == 200);
  auto r = slow.get_response();
  std::vector<std::string> lines;
  for (const std::string& line : r.lines()) lines.push_back(line);
  CHECK(lines == std::vector<std::string>{"line 0", "line 1"});
  p.close();
}

TEST_CASE("the blocking client answers Digest challenges with SHA-512-sess") {
  httpxx::Client client({.auth = std::make_shared<httpxx::DigestAuth>("carol", "p4ss")});
  auto r = client.get(http("/digest-auth/auth/carol/p4ss/SHA-512-sess"));
  CHECK(r.status_code() == 200);
  REQUIRE(r.history().size() == 1);
  CHECK(r.history()[0].status_code() == 401);
  CHECK(as_object(r.json()).at("algorithm").as_string() == "SHA-512-sess");
}
