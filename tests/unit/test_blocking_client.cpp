// The blocking Client façade (native only: the browser cannot block).
#include <doctest/doctest.h>

#include <concepts>
#include <iterator>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "support.hpp"

using namespace httpxx;
using namespace std::chrono_literals;

namespace {

ClientOptions with_mock(MockTransport::Handler handler, ClientOptions options = {}) {
  options.transport = std::make_shared<MockTransport>(std::move(handler));
  return options;
}

}  // namespace

TEST_CASE("the blocking client returns buffered responses") {
  Client client(with_mock(
      [](const Request& r) { return MockResponse{.content = r.method() + " " + r.url().path()}; }));
  CHECK(client.get("http://a.test/x").text() == "GET /x");
  CHECK(client.post("http://a.test/y", {.content = "b"}).text() == "POST /y");
  CHECK(client.delete_("http://a.test/z").text() == "DELETE /z");
}

TEST_CASE("a blocking streamed response iterates its chunks in a range-for") {
  Client client(with_mock([](const Request&) {
    return MockResponse{.chunks = {"a", "b", "c"}, .chunk_delay = 1ms};
  }));
  BlockingResponse r = client.get("http://a.test/", {.stream = true});
  std::string all;
  for (const std::string& chunk : r.stream()) all += chunk + ",";
  CHECK(all == "a,b,c,");
  CHECK(r.is_closed());
}

TEST_CASE("blocking read() returns the content and close() releases the stream") {
  auto transport = std::make_shared<MockTransport>(MockTransport::Handler([](const Request&) {
    return MockResponse{.chunks = {"x", "y"}};
  }));
  Client client({.transport = transport});
  BlockingResponse r = client.get("http://a.test/", {.stream = true});
  CHECK(r.read() == "xy");
  BlockingResponse s = client.get("http://a.test/", {.stream = true});
  CHECK(transport->open_streams() == 1);
  s.close();
  CHECK(transport->open_streams() == 0);
  CHECK_THROWS_AS(s.read(), StreamClosed);
}

TEST_CASE("errors propagate from the blocking client with their request") {
  Client client(with_mock([](const Request&) -> MockResponse { throw ReadTimeout("slow"); }));
  try {
    (void)client.get("http://a.test/slow");
    FAIL("no exception");
  } catch (const TimeoutException& e) {
    CHECK(e.request().url().path() == "/slow");
  }
}

TEST_CASE("a closed blocking client refuses new requests") {
  Client client(with_mock([](const Request&) { return MockResponse{}; }));
  client.close();
  CHECK(client.is_closed());
  CHECK_THROWS_AS((void)client.get("http://a.test/"), ClientClosed);
}

TEST_CASE("a blocking response outlives its client for buffered content") {
  BlockingResponse r;
  {
    Client client(with_mock([](const Request&) { return MockResponse{.content = "still here"}; }));
    r = client.get("http://a.test/");
  }
  CHECK(r.text() == "still here");
}

TEST_CASE("the blocking client runs parallel requests and returns them in completion order") {
  Client client(with_mock(MockTransport::Handler([](const Request& r) {
    // /N answers after N milliseconds on the loop.
    return MockResponse{
        .chunks = {r.url().path()},
        .chunk_delay = std::chrono::milliseconds(std::stoi(r.url().path().substr(1)))};
  })));
  auto p = client.parallel();
  auto slow = p.get("http://a.test/40");
  auto fast = p.get("http://a.test/1");
  CHECK(fast.get_response().text() == "/1");
  CHECK(p.next_response().text() == "/40");
  CHECK_FALSE(p.has_pending());
  CHECK(slow.get_response().text() == "/40");
  auto q = client.parallel();
  (void)q.get("http://a.test/3");
  (void)q.get("http://a.test/1");
  auto all = q.gather();
  REQUIRE(all.size() == 2);
  CHECK(all[0].text() == "/3");
  CHECK(all[1].text() == "/1");
  q.close();
}

TEST_CASE("the blocking client's cookie jar is its AsyncClient's: sent, stored, editable") {
  Client client(with_mock([](const Request& r) {
    return MockResponse{.headers = {{"Set-Cookie", "session=abc; Path=/"}},
                        .content = r.headers().get("Cookie").value_or("-")};
  }));
  client.cookies().set("theme", "dark");
  CHECK(client.get("http://a.test/").text() == "theme=dark");
  CHECK(client.cookies().get("session") == "abc");
  CHECK(client.get("http://a.test/").text() == "theme=dark; session=abc");
  client.cookies().clear();
  CHECK(client.get("http://a.test/").text() == "-");
}

TEST_CASE("the blocking client exposes its options and headers") {
  Client client(with_mock([](const Request&) { return MockResponse{}; },
                          {.base_url = "http://a.test/api", .max_redirects = 3}));
  CHECK(client.client_options().max_redirects == 3);
  client.headers().set("X-Client", "1");
  CHECK(client.build_request("GET", "/x").headers().get("X-Client") == "1");
  // As on the async client, how to send belongs to send().
  CHECK_THROWS_AS((void)client.build_request("GET", "/x", {.stream = true}), LocalProtocolError);
}

TEST_CASE("blocking lines() iterate a streamed body's lines in a range-for") {
  Client client(with_mock([](const Request&) {
    // Line endings split across chunks: "\r" + "\n" is one ending.
    return MockResponse{.chunks = {"one\r", "\ntw", "o\n\nthree"}, .chunk_delay = 1ms};
  }));
  BlockingResponse r = client.get("http://a.test/", {.stream = true});
  std::vector<std::string> lines;
  for (const std::string& line : r.lines()) lines.push_back(line);
  CHECK(lines == std::vector<std::string>{"one", "two", "", "three"});
  CHECK(r.is_closed());
  CHECK_THROWS_AS((void)r.lines(), StreamConsumed);
}

TEST_CASE("blocking text_stream() converts the charset and keeps split characters whole") {
  Client client(with_mock([](const Request& r) {
    if (r.url().path() == "/latin1") {
      return MockResponse{.headers = {{"Content-Type", "text/plain; charset=iso-8859-1"}},
                          .chunks = {"caf", "\xe9"}};
    }
    // "é" (C3 A9) split between two chunks.
    return MockResponse{.chunks = {"caf\xc3", "\xa9!"}, .chunk_delay = 1ms};
  }));
  for (const char* path : {"/latin1", "/utf8"}) {
    CAPTURE(path);
    BlockingResponse r = client.get(std::string("http://a.test") + path, {.stream = true});
    std::string text;
    BlockingTextStream pieces = r.text_stream();
    while (std::optional<std::string> piece = pieces.next()) {
      CHECK_FALSE(piece->empty());
      text += *piece;
    }
    CHECK(text.starts_with("caf\xc3\xa9"));
  }
}

TEST_CASE("blocking lines() after read() go over the cache; after close() they throw") {
  Client client(with_mock([](const Request&) { return MockResponse{.content = "a\nb\n"}; }));
  BlockingResponse buffered = client.get("http://a.test/");
  std::vector<std::string> lines;
  for (const std::string& line : buffered.lines()) lines.push_back(line);
  CHECK(lines == std::vector<std::string>{"a", "b"});
  BlockingResponse streamed = client.get("http://a.test/", {.stream = true});
  streamed.close();
  CHECK_THROWS_AS((void)streamed.lines(), StreamClosed);
  CHECK_THROWS_AS((void)streamed.text_stream(), StreamClosed);
  BlockingResponse empty;
  CHECK_THROWS_AS((void)empty.lines(), std::logic_error);
}

TEST_CASE("a blocking response's history holds blocking responses") {
  Client client(with_mock([](const Request& r) {
    if (r.url().path() == "/from") {
      return MockResponse{
          .status = 302, .headers = {{"Location", "/to"}}, .content = "moved\nhere"};
    }
    return MockResponse{.content = "arrived"};
  }));
  BlockingResponse r = client.get("http://a.test/from", {.follow_redirects = true});
  CHECK(r.text() == "arrived");
  std::vector<BlockingResponse> history = r.history();
  REQUIRE(history.size() == 1);
  CHECK(history[0].status_code() == 302);
  std::vector<std::string> lines;
  for (const std::string& line : history[0].lines()) lines.push_back(line);
  CHECK(lines == std::vector<std::string>{"moved", "here"});
  CHECK(&r.raise_for_status() == &r);
  CHECK_THROWS_AS((void)history[0].raise_for_status(), HTTPStatusError);
}

TEST_CASE("blocking parallel requests take every method, and count those not finished") {
  Client client(with_mock([](const Request& r) { return MockResponse{.content = r.method()}; }));
  auto p = client.parallel({.max_concurrency = 1});
  auto options = p.options("http://a.test/");
  auto get = p.get("http://a.test/");
  CHECK(p.running() == 2);  // one running, one queued behind max_concurrency
  CHECK(options.get_response().text() == "OPTIONS");
  CHECK(get.get_response().text() == "GET");
  CHECK(p.running() == 0);
  p.close();
}

// Compile-time checks: no member of the blocking types hands back a task or
// an async stream. Such a result could never be driven (the client's loop
// is private), so each must be a compile error, not a hang at run time.
namespace {

template <class T>
inline constexpr bool kIsTask = false;
template <class T>
inline constexpr bool kIsTask<Task<T>> = true;

// A task, or a stream whose `next()` is a task.
template <class T>
concept Async =
    !std::is_void_v<T> && (kIsTask<std::remove_cvref_t<T>> || requires(std::remove_cvref_t<T> & s) {
      requires kIsTask<decltype(s.next())>;
    });

// The checks below would pass vacuously if `Async` matched nothing.
static_assert(requires(Response & r) {
  { r.read() } -> Async;
  { r.stream() } -> Async;
  { r.raw() } -> Async;
  { r.text_stream() } -> Async;
  { r.lines() } -> Async;
  { r.close() } -> Async;
});

static_assert(!requires(BlockingResponse & r) {
  { r.read() } -> Async;
});
static_assert(!requires(BlockingResponse & r) {
  { r.stream() } -> Async;
});
static_assert(!requires(BlockingResponse & r) {
  { r.raw() } -> Async;
});
static_assert(!requires(BlockingResponse & r) {
  { r.text_stream() } -> Async;
});
static_assert(!requires(BlockingResponse & r) {
  { r.lines() } -> Async;
});
static_assert(!requires(BlockingResponse & r) {
  { r.close() } -> Async;
});
static_assert(!requires(BlockingResponse & r) {
  { r.history()[0].lines() } -> Async;
});
static_assert(std::same_as<decltype(std::declval<BlockingResponse&>().history()),
                           std::vector<BlockingResponse>>);
static_assert(std::same_as<decltype(std::declval<const BlockingResponse&>().raise_for_status()),
                           const BlockingResponse&>);
static_assert(
    std::same_as<decltype(std::declval<BlockingLineStream&>().next()), std::optional<std::string>>);
static_assert(
    std::same_as<decltype(std::declval<BlockingTextStream&>().next()), std::optional<std::string>>);
static_assert(std::input_iterator<BlockingLineStream::iterator>);

static_assert(!requires(BlockingPendingResponse & p) {
  { p.get_response() } -> Async;
});
static_assert(!requires(BlockingParallel & p) {
  { p.next_response() } -> Async;
});
static_assert(!requires(BlockingParallel & p) {
  { p.gather() } -> Async;
});
static_assert(!requires(BlockingParallel & p) {
  { p.close() } -> Async;
});
static_assert(!requires(BlockingParallel & p) {
  { p.get(URL("http://a.test/")) } -> Async;
});
static_assert(!requires(Client & c) {
  { c.get(URL("http://a.test/")) } -> Async;
});
static_assert(!requires(Client & c) {
  { c.close() } -> Async;
});

}  // namespace
