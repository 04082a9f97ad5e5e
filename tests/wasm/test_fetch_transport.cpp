// The Fetch transport against the real test server, from WebAssembly under
// Node.js. Blocking `httpxx::run()` works here because this program is linked
// with -sASYNCIFY (see tests/wasm/CMakeLists.txt).
#include <doctest/doctest.h>

#include <httpxx/httpxx.hpp>
#include <vector>

#include "wasm_support.hpp"

using namespace std::chrono_literals;
using httpxx_wasm_test::env;
using httpxx_wasm_test::http_server;
using httpxx_wasm_test::seconds_since;

namespace {

httpxx::AsyncClient client(httpxx::ClientOptions options = {}) {
  options.base_url = http_server();
  return httpxx::AsyncClient(std::move(options));
}

}  // namespace

TEST_CASE("a GET from wasm reaches the test server and returns its echo") {
  auto c = client();
  httpxx::Response r = httpxx::run(c.get("/get", {.params = {{"q", "wasm"}}}));
  CHECK(r.status_code() == 200);
  CHECK(r.reason_phrase() == "OK");
  auto json = r.json();
  CHECK(json.at("args").at("q") == "wasm");
  CHECK(json.at("method") == "GET");
  CHECK(json.at("headers").at("user-agent").as_string().starts_with("httpxx/"));
  CHECK(r.headers().get("Content-Type") == "application/json");
  httpxx::run(c.close());
}

TEST_CASE("a POST sends its body and headers through fetch") {
  auto c = client();
  httpxx::Response r = httpxx::run(
      c.post("/post", {.headers = {{"X-Test", "yes"}}, .json = httpxx::Json{{"n", 1}}}));
  CHECK(r.status_code() == 200);
  auto json = r.json();
  CHECK(json.at("headers").at("x-test") == "yes");
  CHECK(json.at("headers").at("content-type") == "application/json");
  CHECK(json.at("json").at("n") == 1);
  httpxx::run(c.close());
}

TEST_CASE("a HEAD response has no body") {
  auto c = client();
  httpxx::Response r = httpxx::run(c.head("/get"));
  CHECK(r.status_code() == 200);
  CHECK(r.content().empty());
}

TEST_CASE("the body streams incrementally: the first /drip chunk arrives long before the last") {
  // Four chunks, one every 0.3 s. Were the body buffered, every chunk would
  // reach C++ after the server sent the last one.
  auto c = client();
  auto task = [&]() -> httpxx::Task<std::vector<double>> {
    auto start = std::chrono::steady_clock::now();
    httpxx::Response r = co_await c.get(
        "/drip",
        {.params = {{"numbytes", "4"}, {"duration", "1.2"}, {"chunks", "4"}}, .stream = true});
    std::vector<double> arrivals;
    auto chunks = r.stream();
    while (auto chunk = co_await chunks.next()) {
      CHECK(*chunk == std::string(chunk->size(), '*'));
      arrivals.push_back(seconds_since(start));
    }
    arrivals.push_back(seconds_since(start));  // the end of the body
    co_await r.close();
    co_return arrivals;
  };
  std::vector<double> arrivals = httpxx::run(task());
  REQUIRE(arrivals.size() >= 3);  // at least two chunks, then the end
  CHECK(arrivals.back() >= 1.0);
  CHECK(arrivals.back() - arrivals.front() >= 0.5);
  httpxx::run(c.close());
}

TEST_CASE("fetch decodes gzip: the body arrives decoded, the headers are the wire's") {
  auto c = client();
  httpxx::Response r = httpxx::run(c.get("/gzip"));
  CHECK(r.json().at("gzipped") == true);
  CHECK(r.headers().get("Content-Encoding") == "gzip");
  // Content-Length counts the encoded bytes, as it does natively.
  REQUIRE(r.headers().contains("Content-Length"));
  CHECK(std::stoul(*r.headers().get("Content-Length")) < r.content().size());
}

TEST_CASE("repeated response headers arrive joined by fetch; Set-Cookie stays apart") {
  auto c = client();
  httpxx::Response r = httpxx::run(
      c.get("/response-headers",
            {.params = {
                 {"X-Many", "a"}, {"X-Many", "b"}, {"Set-Cookie", "a=1"}, {"Set-Cookie", "b=2"}}}));
  CHECK(r.headers().get_list("X-Many") == std::vector<std::string>{"a, b"});
  CHECK(r.headers().get_list("Set-Cookie") == std::vector<std::string>{"a=1", "b=2"});
}

TEST_CASE("under Node.js fetch returns the 3xx and httpxx follows it itself") {
  auto c = client({.follow_redirects = true});
  httpxx::Response r = httpxx::run(c.get("/redirect/2"));
  CHECK(r.status_code() == 200);
  CHECK(r.history().size() == 2);
  CHECK(r.url().str() == http_server() + "/get");
  auto not_followed = client();
  httpxx::Response three = httpxx::run(not_followed.get("/redirect/1"));
  CHECK(three.status_code() == 302);
  CHECK(three.next_request().has_value());
}

TEST_CASE("a refused connection raises ConnectError with the JS message") {
  auto c = client();
  try {
    (void)httpxx::run(c.get(env("HTTPXX_TEST_CLOSED_URL")));
    FAIL("no exception");
  } catch (const httpxx::ConnectError& e) {
    CHECK(std::string(e.what()).find("ECONNREFUSED") != std::string::npos);
    CHECK(e.has_request());
  }
}

TEST_CASE("fetch's own refusal of a request is a LocalProtocolError") {
  auto c = client();
  // A GET with a body: the native transport sends it, fetch refuses it.
  CHECK_THROWS_AS((void)httpxx::run(c.get("/get", {.content = "body"})),
                  httpxx::LocalProtocolError);
}

TEST_CASE("a server slower than the read timeout raises ReadTimeout before the head") {
  auto c = client({.timeout = httpxx::Timeout(200ms)});
  auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS((void)httpxx::run(c.get("/delay/3000")), httpxx::ReadTimeout);
  CHECK(seconds_since(start) < 2.0);
}

TEST_CASE("without a read timeout, the connect timeout bounds the wait for the head") {
  auto c = client({.timeout = httpxx::Timeout::none().with_connect(200ms)});
  CHECK_THROWS_AS((void)httpxx::run(c.get("/delay/3000")), httpxx::ConnectTimeout);
}

TEST_CASE("a pause between body chunks longer than the read timeout raises ReadTimeout") {
  auto c = client({.timeout = httpxx::Timeout(300ms)});
  auto task = [&]() -> httpxx::Task<void> {
    httpxx::Response r = co_await c.get(
        "/drip",
        {.params = {{"numbytes", "2"}, {"duration", "3"}, {"chunks", "2"}}, .stream = true});
    auto chunks = r.stream();
    (void)co_await chunks.next();
  };
  CHECK_THROWS_AS(httpxx::run(task()), httpxx::ReadTimeout);
}

TEST_CASE("destroying a request while it waits aborts its fetch; nothing resumes it later") {
  auto c = client();
  {
    httpxx::Task<httpxx::Response> pending = c.get("/delay/300");
    pending.handle().resume();  // runs until it waits for the response head
    CHECK_FALSE(pending.done());
  }  // the frame is destroyed here
  // Past the moment the server answers: a stray callback would crash here.
  httpxx::run(httpxx::sleep(600ms));
  httpxx::Response r = httpxx::run(c.get("/get"));
  CHECK(r.status_code() == 200);
}

TEST_CASE("closing a streamed response early aborts the rest of its body") {
  auto c = client();
  auto task = [&]() -> httpxx::Task<void> {
    auto start = std::chrono::steady_clock::now();
    httpxx::Response r = co_await c.get(
        "/drip",
        {.params = {{"numbytes", "3"}, {"duration", "3"}, {"chunks", "3"}}, .stream = true});
    auto chunks = r.stream();
    CHECK((co_await chunks.next()).has_value());
    co_await r.close();
    CHECK(r.is_closed());
    CHECK(seconds_since(start) < 2.5);
  };
  httpxx::run(task());
  httpxx::run(httpxx::sleep(100ms));
}

TEST_CASE("closing the client makes a streamed response refuse further reads") {
  auto c = client();
  auto task = [&]() -> httpxx::Task<void> {
    httpxx::Response r =
        co_await c.get("/drip", {.params = {{"numbytes", "2"}, {"duration", "1"}}, .stream = true});
    co_await c.close();
    bool closed = false;
    try {
      auto chunks = r.stream();
      (void)co_await chunks.next();
    } catch (const httpxx::StreamClosed&) {
      closed = true;
    }
    CHECK(closed);
  };
  httpxx::run(task());
}

TEST_CASE("closing the client aborts its requests in flight") {
  auto c = client();
  std::string outcome = "pending";
  auto request = [&]() -> httpxx::Task<void> {
    try {
      (void)co_await c.get("/delay/3000");
      outcome = "a response";
    } catch (const httpxx::ConnectError& e) {
      outcome = e.what();
    }
  };
  auto test = [&]() -> httpxx::Task<void> {
    auto start = std::chrono::steady_clock::now();
    httpxx::spawn(request());
    co_await httpxx::sleep(100ms);
    co_await c.close();
    co_await httpxx::sleep(50ms);
    CHECK(outcome == "the transport was closed");
    CHECK(seconds_since(start) < 1.0);
  };
  httpxx::run(test());
}

TEST_CASE("a large body arrives complete") {
  auto c = client();
  httpxx::Response r = httpxx::run(c.get("/bytes/1000000"));
  CHECK(r.content().size() == 1000000);
  CHECK(r.headers().get("Content-Length") == "1000000");
}
