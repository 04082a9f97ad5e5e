// Methods, request parts (params, headers, bodies) and status codes, checked
// against the test server's echo endpoints. Portable: public API only.
#include "support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

namespace {

// The echo document's `field` as a string ("" if absent or not a string).
std::string str(const httpxx::Json& doc, const char* field) {
  const auto& object = as_object(doc);
  const auto* value = object.if_contains(field);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

std::string header(const httpxx::Json& doc, const char* name) {
  const auto& headers = as_object(doc).at("headers").as_object();
  const auto* value = headers.if_contains(name);
  return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

}  // namespace

TEST_CASE("each method reaches the server under its own name") {
  with_client([](AsyncClient& client) -> Task<void> {
    const std::string url = http("/anything/method");
    auto get = co_await client.get(url);
    CHECK(str(get.json(), "method") == "GET");
    httpxx::RequestOptions p{.content = "p"}, u{.content = "u"}, a{.content = "a"};
    auto post = co_await client.post(url, std::move(p));
    CHECK(str(post.json(), "method") == "POST");
    CHECK(str(post.json(), "body") == "p");
    auto put = co_await client.put(url, std::move(u));
    CHECK(str(put.json(), "method") == "PUT");
    CHECK(str(put.json(), "body") == "u");
    auto patch = co_await client.patch(url, std::move(a));
    CHECK(str(patch.json(), "method") == "PATCH");
    auto del = co_await client.delete_(url);
    CHECK(str(del.json(), "method") == "DELETE");
    auto options = co_await client.options(url);
    CHECK(str(options.json(), "method") == "OPTIONS");
    auto custom = co_await client.request("PROPFIND", url);
    CHECK(str(custom.json(), "method") == "PROPFIND");
    CHECK(str(custom.json(), "url") == "/anything/method");
  });
}

TEST_CASE("a HEAD request gets the headers of a GET and no body") {
  with_client([](AsyncClient& client) -> Task<void> {
    auto get = co_await client.get(http("/bytes/1234"));
    auto head = co_await client.head(http("/bytes/1234"));
    CHECK(head.status_code() == 200);
    CHECK(head.headers().get("Content-Length") == "1234");
    CHECK(head.content().empty());
    CHECK(get.content().size() == 1234);
    // The connection carries on after the bodyless response.
    auto again = co_await client.get(http("/bytes/10"));
    CHECK(again.content().size() == 10);
  });
}

TEST_CASE("query parameters are encoded and arrive decoded") {
  with_client([](AsyncClient& client) -> Task<void> {
    // Request options are built before the co_await, never as a temporary
    // inside it: g++ 12 destroys such a temporary twice, or refuses to
    // compile one that holds an initializer list of string literals.
    httpxx::RequestOptions options{
        .params = {{"q", "a b&c=d"}, {"multi", "1"}, {"multi", "2"}, {"utf8", "caf\xC3\xA9"}}};
    auto r = co_await client.get(http("/get?fixed=1"), std::move(options));
    const httpxx::Json doc = r.json();
    const auto& args = as_object(doc).at("args").as_object();
    CHECK(args.at("fixed").as_string() == "1");
    CHECK(args.at("q").as_string() == "a b&c=d");
    CHECK(args.at("utf8").as_string() == "caf\xC3\xA9");
    const auto& multi = args.at("multi").as_array();
    REQUIRE(multi.size() == 2);
    CHECK(multi[0].as_string() == "1");
    CHECK(multi[1].as_string() == "2");
  });
}

TEST_CASE("request headers arrive as given, with the defaults the client adds") {
  with_client([](AsyncClient& client) -> Task<void> {
    httpxx::RequestOptions options{.headers = {{"X-Test", "value 1"}, {"Accept", "text/plain"}}};
    auto r = co_await client.get(http("/headers"), std::move(options));
    const httpxx::Json doc = r.json();
    const auto& headers = as_object(doc).at("headers").as_object();
    CHECK(headers.at("x-test").as_string() == "value 1");
    CHECK(headers.at("accept").as_string() == "text/plain");
#if !defined(__EMSCRIPTEN__)
    // Browsers may replace User-Agent with their own.
    CHECK(std::string(headers.at("user-agent").as_string()).rfind("httpxx/", 0) == 0);
#endif
    // HTTP/2 carries Host as the :authority pseudo-header.
    if (api::over_http2()) {
      CHECK(headers.at(":authority").as_string() == env("HTTPXX_TEST_H2C").substr(7));
    } else {
      CHECK(headers.at("host").as_string() == env("HTTPXX_TEST_HTTP").substr(7));
    }
  });
}

TEST_CASE("a JSON body is sent as application/json") {
  with_client([](AsyncClient& client) -> Task<void> {
    httpxx::RequestOptions options{.json = httpxx::Json{{"name", "x"}, {"n", 3}}};
    auto r = co_await client.post(http("/post"), std::move(options));
    CHECK(header(r.json(), "content-type") == "application/json");
    const httpxx::Json doc = r.json();
    const auto& sent = as_object(doc).at("json").as_object();
    CHECK(sent.at("name").as_string() == "x");
    CHECK(sent.at("n").as_int64() == 3);
  });
}

TEST_CASE("a form body is sent url-encoded") {
  with_client([](AsyncClient& client) -> Task<void> {
    httpxx::RequestOptions options{.data = httpxx::QueryParams{{"a", "1 2"}, {"b", "x&y"}}};
    auto r = co_await client.post(http("/post"), std::move(options));
    CHECK(header(r.json(), "content-type") == "application/x-www-form-urlencoded");
    const httpxx::Json doc = r.json();
    const auto& form = as_object(doc).at("form").as_object();
    CHECK(form.at("a").as_string() == "1 2");
    CHECK(form.at("b").as_string() == "x&y");
  });
}

TEST_CASE("binary content goes out byte for byte") {
  with_client([](AsyncClient& client) -> Task<void> {
    std::string body;
    for (int i = 0; i < 3 * 256; ++i) body += static_cast<char>(i & 255);
    httpxx::RequestOptions options{.content = body};
    auto r = co_await client.post(http("/echo-body"), std::move(options));
    CHECK(r.status_code() == 200);
    CHECK(r.content() == body);
  });
}

TEST_CASE("a large request body arrives whole") {
  with_client([](AsyncClient& client) -> Task<void> {
    std::string body(3 * 1024 * 1024 + 17, '\0');
    for (std::size_t i = 0; i < body.size(); ++i) body[i] = static_cast<char>((i * 7) & 255);
    httpxx::RequestOptions options{.content = body};
    auto r = co_await client.post(http("/echo-body"), std::move(options));
    CHECK(r.content().size() == body.size());
    CHECK(r.content() == body);
  });
}

TEST_CASE("POST, PUT and PATCH without a body send Content-Length: 0") {
  with_client([](AsyncClient& client) -> Task<void> {
    auto r = co_await client.post(http("/post"));
    CHECK(header(r.json(), "content-length") == "0");
    CHECK(as_object(r.json()).at("body_length").as_int64() == 0);
  });
}

TEST_CASE("status codes come back as responses, and raise_for_status raises") {
  with_client([](AsyncClient& client) -> Task<void> {
    for (int code : {200, 201, 202, 301, 400, 404, 418, 500, 503}) {
      auto r = co_await client.get(http("/status/" + std::to_string(code)));
      CHECK(r.status_code() == code);
      if (code != 301) CHECK(r.text() == "status " + std::to_string(code));
      if (code >= 400) CHECK_THROWS_AS(r.raise_for_status(), httpxx::HTTPStatusError);
    }
  });
}

TEST_CASE("204, 205 and 304 responses have no body and keep the connection usable") {
  with_client([](AsyncClient& client) -> Task<void> {
    for (int code : {204, 205, 304}) {
      auto r = co_await client.get(http("/status/" + std::to_string(code)));
      CHECK(r.status_code() == code);
      CHECK(r.content().empty());
    }
    auto after = co_await client.get(http("/status/200"));
    CHECK(after.text() == "status 200");
  });
}

TEST_CASE("the reason phrase and HTTP version of the response are reported") {
  with_client([](AsyncClient& client) -> Task<void> {
    auto r = co_await client.get(http("/status/404"));
    CHECK(r.reason_phrase() == "Not Found");
    // In a browser unknown: the test server, cross-origin, sends no
    // Timing-Allow-Origin (tests/js/browser_http_version.test.mjs has one that does).
    CHECK(r.http_version() == std::string(api::is_browser()   ? ""
                                          : api::over_http2() ? "HTTP/2"
                                                              : "HTTP/1.1"));
  });
}

TEST_CASE("many and repeated response headers are all received") {
  with_client([](AsyncClient& client) -> Task<void> {
    httpxx::RequestOptions options{.params = {{"X-One", "1"}, {"X-Many", "a"}, {"X-Many", "b"}}};
    auto r = co_await client.get(http("/response-headers"), std::move(options));
    CHECK(r.headers().get("X-One") == "1");
    CHECK(r.headers().get("X-Many") == "a, b");
#if !defined(__EMSCRIPTEN__)
    // fetch() joins repeated fields into one; natively each line is kept.
    CHECK(r.headers().get_list("X-Many") == std::vector<std::string>{"a", "b"});
#endif
    auto large = co_await client.get(http("/large-headers?n=4&size=8000"));
    CHECK(large.status_code() == 200);
    CHECK(large.headers().get("X-Large-3")->size() == 8000);
  });
}

TEST_CASE("a request to a relative path is sent to the base URL") {
  httpxx::ClientOptions options;
  options.base_url = http("/anything/base");
  with_client(
      [](AsyncClient& client) -> Task<void> {
        httpxx::RequestOptions request{.params = {{"k", "v"}}};
        auto r = co_await client.get("item", std::move(request));
        CHECK(str(r.json(), "url") == "/anything/base/item?k=v");
      },
      options);
}

TEST_CASE("the server sees a URL with percent-encoded characters as sent") {
  with_client([](AsyncClient& client) -> Task<void> {
    auto r = co_await client.get(http("/anything/a%20b/%C3%A9?x=%2F"));
    CHECK(str(r.json(), "url") == "/anything/a%20b/%C3%A9?x=%2F");
  });
}
