// The body and streaming rules of Response, on MockTransport.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace httpxx;
using httpxx_test::drive;
using httpxx_test::mock_client;

namespace {

MockResponse chunked(std::vector<std::string> chunks) {
  MockResponse r;
  r.chunks = std::move(chunks);
  return r;
}

}  // namespace

TEST_CASE("a buffered response has its content and text at once") {
  auto client = mock_client([](const Request&) {
    return MockResponse{
        .status = 200, .headers = {{"Content-Type", "text/plain"}}, .content = "hello"};
  });
  Response r = drive(client.get("http://a.test/"));
  CHECK(r.status_code() == 200);
  CHECK(r.reason_phrase() == "OK");
  CHECK(r.http_version() == "HTTP/1.1");
  CHECK(r.content() == "hello");
  CHECK(r.text() == "hello");
  CHECK(r.is_closed());
  CHECK(r.is_stream_consumed());
  CHECK(r.url().str() == "http://a.test/");
  CHECK(r.request().method() == "GET");
  CHECK(r.elapsed() >= std::chrono::nanoseconds(0));
}

TEST_CASE("a streamed response is read chunk by chunk with stream()") {
  auto client = mock_client([](const Request&) { return chunked({"ab", "cd", "ef"}); });
  auto body = [&]() -> Task<std::vector<std::string>> {
    Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
    CHECK_FALSE(r.is_closed());
    CHECK_THROWS_AS((void)r.content(), ResponseNotRead);
    std::vector<std::string> chunks;
    ByteStream s = r.stream();
    while (auto c = co_await s.next()) chunks.push_back(*c);
    CHECK(r.is_closed());  // reaching the end releases the connection
    co_return chunks;
  };
  CHECK(drive(body()) == std::vector<std::string>{"ab", "cd", "ef"});
}

TEST_CASE("read() caches the content; stream() afterwards yields the cache") {
  auto client = mock_client([](const Request&) { return chunked({"ab", "cd"}); });
  auto body = [&]() -> Task<void> {
    Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
    std::string_view first = co_await r.read();
    CHECK(first == "abcd");
    std::string_view again = co_await r.read();
    CHECK(again == "abcd");
    ByteStream s = r.stream();
    auto c = co_await s.next();
    REQUIRE(c);
    CHECK(*c == "abcd");
    CHECK_FALSE(co_await s.next());
    CHECK(r.content() == "abcd");
  };
  drive(body());
}

TEST_CASE("streaming twice raises StreamConsumed") {
  auto client = mock_client([](const Request&) { return chunked({"x"}); });
  auto body = [&]() -> Task<void> {
    Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
    ByteStream s = r.stream();
    while (co_await s.next()) {
    }
    CHECK_THROWS_AS((void)r.stream(), StreamConsumed);
    CHECK_THROWS_AS((void)r.raw(), StreamConsumed);
  };
  drive(body());
}

TEST_CASE("read() after a partial stream raises StreamConsumed") {
  auto client = mock_client([](const Request&) { return chunked({"a", "b"}); });
  auto body = [&]() -> Task<void> {
    Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
    ByteStream s = r.stream();
    (void)co_await s.next();
    bool raised = false;
    try {
      (void)co_await r.read();
    } catch (const StreamConsumed&) {
      raised = true;
    }
    CHECK(raised);
    co_await r.close();
  };
  drive(body());
}

TEST_CASE("raw() after read() raises StreamConsumed") {
  auto client = mock_client([](const Request&) { return MockResponse{.content = "x"}; });
  Response r = drive(client.get("http://a.test/"));
  CHECK_THROWS_AS((void)r.raw(), StreamConsumed);
}

TEST_CASE("a closed response refuses to be read with StreamClosed") {
  auto transport = std::make_shared<MockTransport>(MockTransport::Handler([](const Request&) {
    return chunked({"a", "b"});
  }));
  AsyncClient client({.transport = transport});
  auto body = [&]() -> Task<void> {
    Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
    CHECK(transport->open_streams() == 1);
    co_await r.close();
    co_await r.close();  // twice is harmless
    CHECK(transport->open_streams() == 0);
    CHECK_THROWS_AS((void)r.stream(), StreamClosed);
    bool raised = false;
    try {
      (void)co_await r.read();
    } catch (const StreamClosed& e) {
      raised = e.has_request();
    }
    CHECK(raised);
  };
  drive(body());
}

TEST_CASE("a streamed response destroyed unread releases its body stream") {
  auto transport = std::make_shared<MockTransport>(MockTransport::Handler([](const Request&) {
    return chunked({"a", "b"});
  }));
  AsyncClient client({.transport = transport});
  auto body = [&]() -> Task<void> {
    {
      Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
      CHECK(transport->open_streams() == 1);
    }
    CHECK(transport->open_streams() == 0);
  };
  drive(body());
}

TEST_CASE("a ByteStream keeps its response alive") {
  auto client = mock_client([](const Request&) { return chunked({"a", "b"}); });
  auto body = [&]() -> Task<std::string> {
    ByteStream s = (co_await client.get("http://a.test/", httpxx_test::streamed())).stream();
    std::string all;
    while (auto c = co_await s.next()) all += *c;
    co_return all;
  };
  CHECK(drive(body()) == "ab");
}

TEST_CASE("text() uses the declared charset, and set_encoding overrides it") {
  auto client = mock_client([](const Request&) {
    return MockResponse{.headers = {{"Content-Type", "text/plain; charset=iso-8859-1"}},
                        .content = "caf\xE9"};
  });
  Response r = drive(client.get("http://a.test/"));
  CHECK(r.charset_encoding() == "iso-8859-1");
  CHECK(r.encoding() == "iso-8859-1");
  CHECK(r.text() == "caf\xC3\xA9");
  r.set_encoding("utf-8");
  CHECK(r.text() == "caf\xEF\xBF\xBD");
}

TEST_CASE("the default encoding is the client's when no charset is declared") {
  auto client = mock_client([](const Request&) { return MockResponse{.content = "\xE9"}; },
                            {.default_encoding = "latin-1"});
  Response r = drive(client.get("http://a.test/"));
  CHECK_FALSE(r.charset_encoding().has_value());
  CHECK(r.text() == "\xC3\xA9");
}

TEST_CASE("json() parses the body and reports bad JSON as DecodingError") {
  auto client = mock_client([](const Request& req) {
    if (req.url().path() == "/bad") return MockResponse{.content = "{nope"};
    return MockResponse{.json = Json{{"a", 1}, {"b", "x"}}};
  });
  Response r = drive(client.get("http://a.test/"));
  CHECK(r.headers().get("Content-Type") == "application/json");
  CHECK(r.json().at("a").as_int64() == 1);
  CHECK(r.json().at("b").as_string() == "x");
  Response bad = drive(client.get("http://a.test/bad"));
  CHECK_THROWS_AS((void)bad.json(), DecodingError);
}

TEST_CASE("status predicates and raise_for_status") {
  auto client = mock_client([](const Request& req) {
    int status = std::stoi(std::string(req.url().path().substr(1)));
    MockResponse m{.status = status};
    if (status == 302) m.headers.add("Location", "/elsewhere");
    return m;
  });
  Response ok = drive(client.get("http://a.test/204"));
  CHECK(ok.is_success());
  CHECK(&ok.raise_for_status() == &ok);
  Response missing = drive(client.get("http://a.test/404"));
  CHECK(missing.is_client_error());
  CHECK(missing.is_error());
  try {
    missing.raise_for_status();
    FAIL("raise_for_status did not throw");
  } catch (const HTTPStatusError& e) {
    CHECK(e.response().status_code() == 404);
    CHECK(e.request().url().str() == "http://a.test/404");
    CHECK(std::string(e.what()).find("404 Not Found") != std::string::npos);
  }
  Response server = drive(client.get("http://a.test/503"));
  CHECK(server.is_server_error());
  CHECK_THROWS_AS(server.raise_for_status(), HTTPStatusError);
  Response moved = drive(client.get("http://a.test/302"));
  CHECK(moved.is_redirect());
  CHECK(moved.has_redirect_location());
  CHECK_THROWS_WITH_AS(moved.raise_for_status(), doctest::Contains("/elsewhere"), HTTPStatusError);
}

TEST_CASE("an error while reading the body carries the request and closes the response") {
  struct FailingBody final : BodyStream {
    Task<std::optional<std::string>> next() override {
      throw ReadError("connection reset");
      co_return std::nullopt;
    }
    Task<void> close() override { co_return; }
  };
  struct FailingTransport final : Transport {
    Task<TransportResponse> send(std::shared_ptr<const Request>, TransportOptions) override {
      TransportResponse r;
      r.status = 200;
      r.body = std::make_unique<FailingBody>();
      co_return r;
    }
    Task<void> close() override { co_return; }
  };
  AsyncClient client({.transport = std::make_shared<FailingTransport>()});
  auto body = [&]() -> Task<void> {
    Response r = co_await client.get("http://a.test/x", httpxx_test::streamed());
    bool raised = false;
    try {
      (void)co_await r.read();
    } catch (const ReadError& e) {
      raised = e.has_request() && e.request().url().path() == "/x";
    }
    CHECK(raised);
    CHECK(r.is_closed());
  };
  drive(body());
  CHECK_THROWS_AS(drive(client.get("http://a.test/y")), ReadError);
}
