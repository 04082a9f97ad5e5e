// AsyncClient's request building and lifetime rules, on MockTransport.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace httpxx;
using namespace std::chrono_literals;
using httpxx_test::drive;
using httpxx_test::mock_client;

namespace {

// Echoes what it received as JSON-free text lines, for assertions.
MockResponse echo(const Request& r) {
  std::string out = r.method() + " " + r.url().str() + "\n";
  for (const auto& [name, value] : r.headers())
    out += std::string(name) + ": " + std::string(value) + "\n";
  out += "\n" + r.content();
  return MockResponse{.content = out};
}

}  // namespace

TEST_CASE("every method helper sends its method") {
  auto client = mock_client(echo);
  CHECK(drive(client.get("http://a.test/")).text().starts_with("GET "));
  CHECK(drive(client.post("http://a.test/")).text().starts_with("POST "));
  CHECK(drive(client.put("http://a.test/")).text().starts_with("PUT "));
  CHECK(drive(client.patch("http://a.test/")).text().starts_with("PATCH "));
  CHECK(drive(client.delete_("http://a.test/")).text().starts_with("DELETE "));
  CHECK(drive(client.options("http://a.test/")).text().starts_with("OPTIONS "));
  CHECK(drive(client.request("PROPFIND", "http://a.test/")).text().starts_with("PROPFIND "));
  Response head = drive(client.head("http://a.test/"));
  CHECK(head.request().method() == "HEAD");
}

TEST_CASE("default headers are sent and request headers override client headers") {
  AsyncClient client({.headers = {{"X-Client", "c"}, {"X-Both", "client"}},
                      .transport = std::make_shared<MockTransport>(MockTransport::Handler(echo))});
  Request r = client.build_request("GET", "http://a.test/", {.headers = {{"x-both", "request"}}});
  CHECK(r.headers().get("User-Agent")->starts_with("httpxx/"));
  CHECK(r.headers().get("Accept") == "*/*");
  CHECK(r.headers().get("Connection") == "keep-alive");
  CHECK(r.headers().get("X-Client") == "c");
  CHECK(r.headers().get("X-Both") == "request");
  CHECK(r.headers().get_list("x-both").size() == 1);
  CHECK(r.headers().get("Host") == "a.test");
}

TEST_CASE("build_request refuses the options that say how to send, which belong to send()") {
  auto client = mock_client(echo);
  auto refused = [&](const RequestOptions& options, const std::string& name) {
    try {
      (void)client.build_request("GET", "http://a.test/", options);
      FAIL("no error for " << name);
    } catch (const LocalProtocolError& e) {
      CHECK(std::string(e.what()).find("'" + name + "'") != std::string::npos);
    }
  };
  refused({.stream = true}, "stream");
  refused({.follow_redirects = false}, "follow_redirects");
  refused({.timeout = Timeout(std::chrono::seconds(1))}, "timeout");
  refused({.auth = std::make_shared<BasicAuth>("u", "p")}, "auth");
}

TEST_CASE("Accept-Encoding lists what this build decodes, and nothing when the transport decodes") {
  auto plain = std::make_shared<MockTransport>(MockTransport::Handler(echo));
  AsyncClient a({.transport = plain});
  Request ra = a.build_request("GET", "http://a.test/");
  auto decoding = std::make_shared<MockTransport>(MockTransport::Handler(echo),
                                                  TransportCapabilities{.decodes_content = true});
  AsyncClient b({.transport = decoding});
  CHECK_FALSE(b.build_request("GET", "http://a.test/").headers().contains("Accept-Encoding"));
  if (auto ae = ra.headers().get("Accept-Encoding")) CHECK(ae->find("gzip") != std::string::npos);
}

TEST_CASE("client and request params merge into the query") {
  AsyncClient client({.params = {{"key", "k"}, {"page", "1"}},
                      .transport = std::make_shared<MockTransport>(MockTransport::Handler(echo))});
  Request r = client.build_request("GET", "http://a.test/p?x=0",
                                   {.params = {{"page", "2"}, {"tag", "a"}, {"tag", "b b"}}});
  CHECK(r.url().str() == "http://a.test/p?x=0&key=k&page=2&tag=a&tag=b+b");
}

TEST_CASE("base_url: a relative URL is appended to the base path") {
  AsyncClient client({.base_url = "http://a.test/api/v1",
                      .transport = std::make_shared<MockTransport>(MockTransport::Handler(echo))});
  CHECK(client.build_request("GET", "/users").url().str() == "http://a.test/api/v1/users");
  CHECK(client.build_request("GET", "users?x=1").url().str() == "http://a.test/api/v1/users?x=1");
  CHECK(client.build_request("GET", "http://b.test/x").url().str() == "http://b.test/x");
  Response r = drive(client.get("/ping"));
  CHECK(r.url().str() == "http://a.test/api/v1/ping");
}

TEST_CASE("content, form data and JSON bodies are encoded with their content type") {
  auto client = mock_client(echo);
  Request raw = client.build_request("POST", "http://a.test/", {.content = "bytes\x01"});
  CHECK(raw.content() == "bytes\x01");
  CHECK(raw.headers().get("Content-Length") == "6");
  CHECK_FALSE(raw.headers().contains("Content-Type"));

  Request form = client.build_request("POST", "http://a.test/",
                                      {.data = QueryParams{{"a", "1 2"}, {"b", "&"}}});
  CHECK(form.content() == "a=1+2&b=%26");
  CHECK(form.headers().get("Content-Type") == "application/x-www-form-urlencoded");

  Request json = client.build_request("POST", "http://a.test/", {.json = Json{{"n", 1}}});
  CHECK(json.content() == R"({"n":1})");
  CHECK(json.headers().get("Content-Type") == "application/json");
  CHECK(json.headers().get("Content-Length") == "7");

  Response echoed = drive(client.post("http://a.test/", {.json = Json{{"n", 1}}}));
  CHECK(echoed.text().ends_with("\n\n{\"n\":1}"));
}

TEST_CASE("a request with two bodies is refused") {
  auto client = mock_client(echo);
  CHECK_THROWS_AS(
      (void)client.build_request("POST", "http://a.test/", {.content = "x", .json = Json(1)}),
      LocalProtocolError);
}

TEST_CASE("header injection through request options is refused before sending") {
  auto transport = std::make_shared<MockTransport>(MockTransport::Handler(echo));
  AsyncClient client({.transport = transport});
  CHECK_THROWS_AS(drive(client.get("http://a.test/", {.headers = {{"X", "a\r\nEvil: 1"}}})),
                  LocalProtocolError);
  CHECK_THROWS_AS(drive(client.get("http://a.test/\r\nEvil: 1")), InvalidURL);
  CHECK_THROWS_AS(drive(client.request("GET / HTTP/1.1\r\n", "http://a.test/")),
                  LocalProtocolError);
  CHECK(transport->requests() == 0);
}

TEST_CASE("URLs without an http(s) scheme or host raise before reaching the transport") {
  auto transport = std::make_shared<MockTransport>(MockTransport::Handler(echo));
  AsyncClient client({.transport = transport});
  CHECK_THROWS_AS(drive(client.get("ftp://a.test/")), UnsupportedProtocol);
  CHECK_THROWS_AS(drive(client.get("/relative/without/base")), UnsupportedProtocol);
  CHECK_THROWS_AS(drive(client.get("http:///nohost")), InvalidURL);
  try {
    (void)drive(client.get("ftp://a.test/file"));
  } catch (const UnsupportedProtocol& e) {
    CHECK(e.has_request());
    CHECK(e.request().url().str() == "ftp://a.test/file");
  }
  CHECK(transport->requests() == 0);
}

TEST_CASE("a transport error carries the request that failed") {
  auto client =
      mock_client([](const Request&) -> MockResponse { throw ConnectError("connection refused"); });
  try {
    (void)drive(client.get("http://a.test/down"));
    FAIL("no exception");
  } catch (const ConnectError& e) {
    CHECK(std::string(e.what()) == "connection refused");
    REQUIRE(e.has_request());
    CHECK(e.request().url().path() == "/down");
  }
}

TEST_CASE("a buffered response stays readable after the client is closed") {
  auto client = mock_client([](const Request&) { return MockResponse{.content = "kept"}; });
  auto body = [&]() -> Task<Response> {
    Response r = co_await client.get("http://a.test/");
    co_await client.close();
    co_return r;
  };
  Response r = drive(body());
  CHECK(client.is_closed());
  CHECK(r.text() == "kept");
}

TEST_CASE("a streamed response fails with StreamClosed once its client is closed") {
  auto transport = std::make_shared<MockTransport>(MockTransport::Handler([](const Request&) {
    return MockResponse{.chunks = {"a", "b"}};
  }));
  AsyncClient client({.transport = transport});
  auto body = [&]() -> Task<void> {
    Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
    ByteStream s = r.stream();
    CHECK(*co_await s.next() == "a");
    co_await client.close();
    bool raised = false;
    try {
      (void)co_await s.next();
    } catch (const StreamClosed&) {
      raised = true;
    }
    CHECK(raised);
    CHECK(transport->open_streams() == 0);
  };
  drive(body());
}

TEST_CASE("a request on a closed client raises ClientClosed; close is idempotent") {
  auto transport = std::make_shared<MockTransport>(MockTransport::Handler(echo));
  AsyncClient client({.transport = transport});
  drive(client.close());
  drive(client.close());
  CHECK(transport->is_closed());
  CHECK_THROWS_AS(drive(client.get("http://a.test/")), ClientClosed);
}

TEST_CASE("a request fails where it is awaited, not where its task is made") {
  auto transport = std::make_shared<MockTransport>(MockTransport::Handler(echo));
  AsyncClient client({.transport = transport});
  // Two bodies: the request cannot be built.
  Task<Response> unbuildable = client.post(
      "http://a.test/", {.content = std::string("a"), .data = httpxx::QueryParams{{"b", "c"}}});
  CHECK_THROWS_AS(drive(std::move(unbuildable)), LocalProtocolError);
  // Closed between making the task and awaiting it.
  Task<Response> late = client.get("http://a.test/");
  drive(client.close());
  CHECK_THROWS_AS(drive(std::move(late)), ClientClosed);
  CHECK(transport->requests() == 0);
}

TEST_CASE("a destroyed client makes its streamed responses fail with StreamClosed") {
  auto transport = std::make_shared<MockTransport>(
      MockTransport::Handler([](const Request&) { return MockResponse{.chunks = {"a"}}; }));
  auto body = [&]() -> Task<void> {
    Response r;
    {
      AsyncClient client({.transport = transport});
      r = co_await client.get("http://a.test/", httpxx_test::streamed());
    }
    bool raised = false;
    try {
      (void)co_await r.read();
    } catch (const StreamClosed&) {
      raised = true;
    }
    CHECK(raised);
  };
  drive(body());
}

TEST_CASE("an async handler controls when each response completes") {
  auto transport = std::make_shared<MockTransport>(
      MockTransport::AsyncHandler([](const Request& r) -> Task<MockResponse> {
        auto delay = std::chrono::milliseconds(std::stoi(std::string(r.url().path().substr(1))));
        co_await sleep(delay);
        co_return MockResponse{.content = r.url().path()};
      }));
  AsyncClient client({.transport = transport});
  auto body = [&]() -> Task<std::string> {
    Response slow = co_await client.get("http://a.test/20");
    Response fast = co_await client.get("http://a.test/1");
    co_return slow.text() + fast.text();
  };
  CHECK(drive(body()) == "/20/1");
}

TEST_CASE("a streaming body with delays between chunks arrives incrementally") {
  auto client = mock_client([](const Request&) {
    return MockResponse{.chunks = {"1", "2", "3"}, .chunk_delay = 2ms};
  });
  auto body = [&]() -> Task<int> {
    Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
    ByteStream s = r.raw();
    int n = 0;
    while (co_await s.next()) ++n;
    co_return n;
  };
  CHECK(drive(body()) == 3);
}

TEST_CASE("a request built by build_request is sent by send") {
  auto client = mock_client(echo);
  Request req = client.build_request("PUT", "http://a.test/x", {.content = "body"});
  req.headers().set("X-Signed", "yes");
  Response r = drive(client.send(req));
  CHECK(r.text().starts_with("PUT http://a.test/x\n"));
  CHECK(r.text().find("X-Signed: yes") != std::string::npos);
  CHECK(r.text().ends_with("\n\nbody"));
}

TEST_CASE("timeouts default to five seconds per phase and can be set per request") {
  Timeout t;
  CHECK(t.connect == std::chrono::seconds(5));
  CHECK(t.pool == std::chrono::seconds(5));
  Timeout custom = Timeout(10s).with_connect(2s);
  CHECK(custom.connect == std::chrono::seconds(2));
  CHECK(custom.read == std::chrono::seconds(10));
  CHECK_FALSE(Timeout::none().read.has_value());

  struct Recording final : Transport {
    PhaseTimeouts seen;
    Task<TransportResponse> send(std::shared_ptr<const Request>, TransportOptions o) override {
      seen = o.timeout;
      TransportResponse r;
      r.status = 200;
      co_return r;
    }
    Task<void> close() override { co_return; }
  };
  auto transport = std::make_shared<Recording>();
  AsyncClient client({.timeout = Timeout(3s), .transport = transport});
  (void)drive(client.get("http://a.test/"));
  CHECK(transport->seen.read == std::chrono::seconds(3));
  (void)drive(client.get("http://a.test/", {.timeout = Timeout(1s)}));
  CHECK(transport->seen.read == std::chrono::seconds(1));
  // The total is the client's business: the transport gets the phases only.
  (void)drive(client.get("http://a.test/", {.timeout = Timeout(2s).with_total(9s)}));
  CHECK(transport->seen.read == std::chrono::seconds(2));
}

TEST_CASE("a transport owns the request it reads, even after suspending; the response shares it") {
  struct Late final : Transport {
    const Request* seen = nullptr;
    std::string target;
    Task<TransportResponse> send(std::shared_ptr<const Request> request,
                                 TransportOptions /*options*/) override {
      co_await sleep(1ms);  // the caller's frame has moved on; the request is still ours
      seen = request.get();
      target = request->url().target();
      TransportResponse r;
      r.status = 200;
      co_return r;
    }
    Task<void> close() override { co_return; }
  };
  auto transport = std::make_shared<Late>();
  AsyncClient client({.transport = transport});
  Response r = drive(client.get("http://a.test/p", {.params = {{"q", "1"}}}));
  CHECK(transport->target == "/p?q=1");
  CHECK(&r.request() == transport->seen);  // the very object, not a copy
}
