// Security behaviours over the real wire (issue #9, part 5): CR/LF/NUL
// injection refused before anything is sent; credentials and cookies across
// redirect chains that leave an origin and come back (HTTPX's rules); no
// redirect to a scheme other than http(s); decompression bombs stopped at
// the configured limit; header size and count limits; the cap on interim
// responses. Native only (it counts connections and sets reader limits).
#include "native_support.hpp"
#include "raw_checks.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

const char* const kCanned = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

// `client.request(method, url, headers)` with the URL and the headers built
// inside the task, so that what they throw is thrown by the task.
Task<httpxx::Response> request_with(AsyncClient& client, std::string method, std::string url,
                                    std::vector<std::pair<std::string, std::string>> headers) {
  httpxx::RequestOptions options;
  for (auto& [name, value] : headers) options.headers.add(name, value);
  co_return co_await client.request(std::move(method), httpxx::URL(url), std::move(options));
}

std::string field(const httpxx::Json& doc, const char* name) {
  const auto* value = as_object(doc).if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

// The request headers a hop received, from its echo document (lower-case
// names); "" if absent.
std::string received(const httpxx::Response& r, const char* name) {
  const httpxx::Json doc = r.json();
  const auto* headers = as_object(doc).if_contains("headers");
  if (headers == nullptr || !headers->is_object()) return "";
  const auto* value = headers->as_object().if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

// The test server under its other name: localhost instead of 127.0.0.1.
std::string other_origin(std::string_view path) {
  std::string base = http("");
  base.replace(base.find("127.0.0.1"), 9, "localhost");
  return base + std::string(path);
}

// A redirect from `from` (a base URL) to `to`; its body echoes the request.
std::string hop(const std::string& from, const std::string& to) {
  return from + "/redirect-to?" + httpxx::QueryParams{{"echo", "1"}, {"url", to}}.encode();
}

// 127.0.0.1 -> localhost -> 127.0.0.1/anything: leaves the origin and comes back.
std::string there_and_back() { return hop(http(""), hop(other_origin(""), http("/anything"))); }

httpxx::ClientOptions following() {
  httpxx::ClientOptions options;
  options.follow_redirects = true;
  return options;
}

}  // namespace

// ---- injection -------------------------------------------------------------------------------

TEST_CASE("CR, LF and NUL in a method, URL, header name or value are refused before sending") {
  CannedServer server("127.0.0.1", kCanned);
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port());
  with_client([&base](AsyncClient& client) -> Task<void> {
    using Headers = std::vector<std::pair<std::string, std::string>>;
    const std::string nul(1, '\0');
    for (const std::string& method : {std::string("GET / HTTP/1.1\r\nX-Injected: 1\r\n\r\nGET"),
                                      std::string("GET\n"), "GE" + nul + "T", std::string("G T")}) {
      CAPTURE(method);
      (void)co_await expect_error<httpxx::LocalProtocolError>(
          request_with(client, method, base + "/", {}));
    }
    for (const std::string& url :
         {base + "/a\r\nX-Injected: 1", base + "/a\nb", base + "/a" + nul + "b",
          base + "/?q=1\r\nX-Injected: 1", std::string("http://127.0.0.1\r\nX-Injected: 1/")}) {
      CAPTURE(url);
      (void)co_await expect_error<httpxx::InvalidURL>(request_with(client, "GET", url, {}));
    }
    for (const Headers& headers :
         {Headers{{"X-Value", "a\r\nX-Injected: 1"}}, Headers{{"X-Value", "a\nb"}},
          Headers{{"X-Value", "a\rb"}}, Headers{{"X-Value", "a" + nul + "b"}},
          Headers{{"X-Name\r\nX-Injected", "1"}}, Headers{{"X-Name\n", "1"}},
          Headers{{"X" + nul + "Name", "1"}}, Headers{{"X Name", "1"}}, Headers{{"X:Name", "1"}}}) {
      CAPTURE(headers.front().first);
      (void)co_await expect_error<httpxx::LocalProtocolError>(
          request_with(client, "GET", base + "/", headers));
    }
  });
  CHECK(server.accepted() == 0);
  // The same server answers a clean request: the count above means something.
  with_client([&base](AsyncClient& client) -> Task<void> {
    CHECK((co_await client.get(base + "/")).text() == "ok");
  });
  CHECK(server.accepted() == 1);
}

TEST_CASE("header values injected by hooks, auth functions and cookies are refused") {
  CannedServer server("127.0.0.1", kCanned);
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/";
  httpxx::ClientOptions hooked;
  hooked.event_hooks.request.emplace_back(
      [](httpxx::Request& r) { r.headers().set("X-Hook", "a\r\nX-Injected: 1"); });
  with_client(
      [&url](AsyncClient& client) -> Task<void> {
        const std::string message =
            co_await expect_error<httpxx::LocalProtocolError>(client.get(url));
        CHECK(message.find("CR, LF or NUL") != std::string::npos);
      },
      hooked);
  httpxx::ClientOptions authed;
  authed.auth = std::make_shared<httpxx::FunctionAuth>(
      [](httpxx::Request& r) { r.headers().set("Authorization", "Bearer t\nX-Injected: 1"); });
  with_client(
      [&url](AsyncClient& client) -> Task<void> {
        (void)co_await expect_error<httpxx::LocalProtocolError>(client.get(url));
      },
      authed);
  with_client([&url](AsyncClient& client) -> Task<void> {
    httpxx::RequestOptions cookies{.cookies = {{"session", "1\r\nX-Injected: 1"}}};
    (void)co_await expect_error<httpxx::LocalProtocolError>(client.get(url, std::move(cookies)));
  });
  CHECK(server.accepted() == 0);
}

TEST_CASE("CR and LF reach the server percent-encoded in paths, queries and redirects") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto encoded = co_await client.get(http("/anything/a%0D%0AX-Injected:%201?q=%0d%0a"));
        CHECK(field(encoded.json(), "url") == "/anything/a%0D%0AX-Injected:%201?q=%0d%0a");
        CHECK(received(encoded, "x-injected").empty());

        httpxx::RequestOptions params{.params = {{"q", "a\r\nX-Injected: 1"}}};
        auto query = co_await client.get(http("/anything"), std::move(params));
        CHECK(field(query.json(), "url") == "/anything?q=a%0D%0AX-Injected%3A+1");
        CHECK(received(query, "x-injected").empty());

        httpxx::RequestOptions to{.params = {{"url", "/anything/b%0d%0aX-Injected:%201"}}};
        auto redirected = co_await client.get(http("/redirect-to"), std::move(to));
        CHECK(redirected.history().size() == 1);
        // The Location is joined onto the request's URL, which normalises
        // its escapes (upper-case hex); they stay escapes.
        CHECK(field(redirected.json(), "url") == "/anything/b%0D%0AX-Injected:%201");
        CHECK(received(redirected, "x-injected").empty());
      },
      following());
}

// ---- credentials and cookies across origins ------------------------------------------------

TEST_CASE("Authorization and Proxy-Authorization dropped leaving an origin stay dropped back") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions secrets{.headers = {{"Authorization", "Bearer secret"},
                                                   {"Proxy-Authorization", "Basic cHJveHk="}}};
        auto r = co_await client.get(there_and_back(), std::move(secrets));
        REQUIRE(r.history().size() == 2);
        CHECK(received(r.history()[0], "authorization") == "Bearer secret");
        CHECK(received(r.history()[0], "proxy-authorization") == "Basic cHJveHk=");
        CHECK(r.history()[1].url().host() == "localhost");
        CHECK(received(r.history()[1], "authorization").empty());
        CHECK(received(r.history()[1], "proxy-authorization").empty());
        CHECK(r.url().host() == "127.0.0.1");
        CHECK(received(r, "authorization").empty());
        CHECK(received(r, "proxy-authorization").empty());
      },
      following());
}

TEST_CASE("a client's auth and URL credentials are not sent again after a cross-origin hop") {
  // HTTPX applies auth to the request it is given; redirects then follow
  // the header rules, so credentials do not come back with the origin.
  httpxx::ClientOptions with_auth = following();
  with_auth.auth = std::make_shared<httpxx::BasicAuth>("user", "pass");
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(there_and_back());
        REQUIRE(r.history().size() == 2);
        CHECK(received(r.history()[0], "authorization") == "Basic dXNlcjpwYXNz");
        CHECK(received(r.history()[1], "authorization").empty());
        CHECK(received(r, "authorization").empty());
      },
      with_auth);
  with_client(
      [](AsyncClient& client) -> Task<void> {
        std::string url = there_and_back();
        url.insert(url.find("127.0.0.1"), "user:pass@");
        auto r = co_await client.get(url);
        REQUIRE(r.history().size() == 2);
        CHECK(received(r.history()[0], "authorization") == "Basic dXNlcjpwYXNz");
        CHECK(received(r.history()[1], "authorization").empty());
        CHECK(received(r, "authorization").empty());
      },
      following());
}

TEST_CASE("cookies across a chain: the jar's go where they match, given ones only once") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        // A host-only cookie of 127.0.0.1 in the jar.
        (void)co_await client.get(http("/cookies/set?session=s1"));
        httpxx::RequestOptions given{.headers = {{"Cookie", "manual=m1"}},
                                     .cookies = {{"once", "o1"}}};
        auto r = co_await client.get(there_and_back(), std::move(given));
        REQUIRE(r.history().size() == 2);
        const std::string first = received(r.history()[0], "cookie");
        CHECK(first.find("session=s1") != std::string::npos);
        CHECK(first.find("manual=m1") != std::string::npos);
        CHECK(first.find("once=o1") != std::string::npos);
        CHECK(received(r.history()[1], "cookie").empty());  // localhost has none
        // Back at 127.0.0.1: the jar's cookie again, nothing of what was given.
        CHECK(received(r, "cookie") == "session=s1");
      },
      following());
}

TEST_CASE("redirects to schemes other than http and https are refused, even mid-chain") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        for (const char* target :
             {"ftp://127.0.0.1/file", "file:///etc/passwd", "javascript:alert(1)",
              "data:text/html,hi", "gopher://127.0.0.1/", "ws://127.0.0.1/socket",
              "mailto:someone@example.com"}) {
          CAPTURE(target);
          const std::string scheme = std::string(target).substr(0, std::string(target).find(':'));
          const std::string message = co_await expect_error<httpxx::UnsupportedProtocol>(
              client.get(hop(http(""), hop(other_origin(""), target))));
          CHECK(message.find("'" + scheme + "://'") != std::string::npos);
        }
      },
      following());
}

// ---- decompression bombs -------------------------------------------------------------------

TEST_CASE("a gzip bomb stops at max_decoded_size, read whole or streamed") {
  httpxx::ClientOptions options;
  options.max_decoded_size = 16 * 1024 * 1024;
  options.timeout = httpxx::Timeout(30s);  // the server builds the bomb on first use
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        const std::string message =
            co_await expect_error<httpxx::DecodingError>(client.get(http("/gzip-bomb?mb=128")));
        CHECK(message.find("exceeds the limit of 16777216 bytes") != std::string::npos);
        CHECK(transport.pool_stats().open == 0);

        httpxx::RequestOptions streamed{.stream = true};
        auto r = co_await client.get(http("/gzip-bomb?mb=128"), std::move(streamed));
        const Drained drained = co_await drain_until_decoding_error(r);
        CHECK(drained.stopped);
        CHECK(drained.decoded <= 16 * 1024 * 1024);
        co_await r.close();
        CHECK(transport.pool_stats().open == 0);

        // Under the limit, the same kind of body is decoded in full.
        auto small = co_await client.get(http("/gzip-bomb?mb=4"));
        CHECK(small.content() == std::string(4 * 1024 * 1024, '\0'));
      },
      {}, options);
}

TEST_CASE("brotli, zstd and stacked codings stop at max_decoded_size too") {
  httpxx::ClientOptions options;
  options.max_decoded_size = 1024 * 1024;
  with_client(
      [](AsyncClient& client) -> Task<void> {
        for (const char* encodings : {"br", "zstd", "deflate", "gzip,br", "gzip,gzip,gzip"}) {
          CAPTURE(encodings);
          httpxx::RequestOptions bomb{
              .params = {{"enc", encodings}, {"body", "0"}, {"repeat", "8388608"}}};
          (void)co_await expect_error<httpxx::DecodingError>(
              client.get(http("/encoded"), std::move(bomb)));
        }
      },
      options);
}

// ---- head limits and the interim-response cap ------------------------------------------------

TEST_CASE("response heads over the line, size or field-count limit are refused") {
  with_transport([](AsyncClient& client, NativeTransport& transport) -> Task<void> {
    std::string message = co_await expect_error<httpxx::RemoteProtocolError>(
        client.get(http("/large-headers?n=1&size=20000")));
    CHECK(message.find("longer than 16384 bytes") != std::string::npos);
    message = co_await expect_error<httpxx::RemoteProtocolError>(
        client.get(http("/large-headers?n=10&size=8000")));
    CHECK(message.find("larger than 65536 bytes") != std::string::npos);
    message = co_await expect_error<httpxx::RemoteProtocolError>(
        client.get(http("/large-headers?n=250&size=1")));
    CHECK(message.find("more than 200 header fields") != std::string::npos);
    CHECK(transport.pool_stats().open == 0);
    CHECK(transport.pool_stats().idle == 0);
    // Just under every limit.
    auto fits = co_await client.get(http("/large-headers?n=150&size=300"));
    CHECK(fits.headers().get("X-Large-149") == std::string(300, 'a'));
  });
}

TEST_CASE("the head limits are the transport's settings") {
  NativeOptions strict;
  strict.http.max_header_count = 20;
  strict.http.max_line_bytes = 1024;
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        (void)co_await expect_error<httpxx::RemoteProtocolError>(
            client.get(http("/large-headers?n=30&size=1")));
        (void)co_await expect_error<httpxx::RemoteProtocolError>(
            client.get(http("/large-headers?n=1&size=2000")));
        CHECK((co_await client.get(http("/large-headers?n=5&size=500"))).status_code() == 200);
      },
      strict);
  NativeOptions lenient;
  lenient.http.max_line_bytes = 64 * 1024;
  lenient.http.max_header_bytes = 256 * 1024;
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto r = co_await client.get(http("/large-headers?n=4&size=40000"));
        CHECK(r.headers().get("X-Large-3") == std::string(40000, 'a'));
      },
      lenient);
}

// The default cap (50) against 200 and endless interim responses is checked
// in test_malformed.cpp (many_1xx, endless_1xx).
TEST_CASE("the cap on interim responses is a setting") {
  NativeOptions more;
  more.http.max_interim_responses = 250;
  with_transport(
      [](AsyncClient& client, NativeTransport&) -> Task<void> {
        auto r = co_await client.get(raw_case("many_1xx"));
        CHECK(r.status_code() == 200);
        CHECK(r.text() == "Hello, world!");
      },
      more, short_timeouts());
}
