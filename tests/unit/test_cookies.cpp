// The cookie jar (RFC 6265) and the client's use of it, on MockTransport.
#include <doctest/doctest.h>

#include "support.hpp"

using namespace httpxx;
using httpxx_test::drive;
using httpxx_test::mock_client;
using namespace std::chrono_literals;

namespace {

const Cookies::Clock::time_point kNow = Cookies::Clock::time_point(1'700'000'000s);

std::string header(Cookies& jar, const char* url, Cookies::Clock::time_point now = kNow) {
  return jar.header_for(URL(url), now).value_or("-");
}

// Answers with the request's Cookie header; /set?h=... sends Set-Cookie h.
MockResponse cookie_server(const Request& r) {
  MockResponse response;
  for (const auto& value : r.url().params().get_list("h"))
    response.headers.add("Set-Cookie", value);
  if (auto to = r.url().params().get("to")) {
    response.status = 302;
    response.headers.add("Location", *to);
  }
  response.content = r.headers().get("Cookie").value_or("-");
  return response;
}

}  // namespace

TEST_CASE("cookie dates are parsed in the RFC 1123, RFC 850 and asctime forms") {
  auto expected = Cookies::Clock::time_point(784111777s);  // 1994-11-06 08:49:37 UTC
  CHECK(parse_cookie_date("Sun, 06 Nov 1994 08:49:37 GMT") == expected);
  CHECK(parse_cookie_date("Sunday, 06-Nov-94 08:49:37 GMT") == expected);
  CHECK(parse_cookie_date("Sun Nov  6 08:49:37 1994") == expected);
  CHECK(parse_cookie_date("Thu, 01 Jan 1970 00:00:00 GMT") == Cookies::Clock::time_point(0s));
  CHECK_FALSE(parse_cookie_date("tomorrow").has_value());
  CHECK_FALSE(parse_cookie_date("Sun, 31 Feb 1994 08:49:37 GMT").has_value());
  CHECK_FALSE(parse_cookie_date("Sun, 06 Nov 1994 25:49:37 GMT").has_value());
}

TEST_CASE("cookie dates beyond the clock's range become its first or last time point") {
  // A 64-bit nanosecond clock spans 1678 to 2261; converting 9999 overflowed.
  const auto far = parse_cookie_date("Fri, 31 Dec 9999 23:59:59 GMT");
  REQUIRE(far.has_value());
  CHECK(*far > *parse_cookie_date("Fri, 01 Jan 2100 00:00:00 GMT"));
  const auto early = parse_cookie_date("Mon, 01 Jan 1601 00:00:00 GMT");
  REQUIRE(early.has_value());
  CHECK(*early < Cookies::Clock::time_point(0s));
  Cookies jar;
  const URL origin("http://example.com/");
  CHECK(jar.set_cookie("far=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT", origin, kNow));
  CHECK(jar.set_cookie("old=1; Expires=Mon, 01 Jan 1601 00:00:00 GMT", origin, kNow));
  CHECK(header(jar, "http://example.com/") == "far=1");
}

TEST_CASE("a Set-Cookie value with a control character is ignored whole") {
  Cookies jar;
  CHECK_FALSE(jar.set_cookie(std::string("a=1\0", 4), URL("http://example.com/"), kNow));
  CHECK_FALSE(jar.set_cookie("b=1; Path=/\r", URL("http://example.com/"), kNow));
  CHECK_FALSE(jar.set_cookie("c=\x7f", URL("http://example.com/"), kNow));
  CHECK(jar.set_cookie("d=1;\tPath=/", URL("http://example.com/"), kNow));
  CHECK(jar.size() == 1);
  // What was refused could not have made the request's Cookie header throw.
  Request request("GET", URL("http://example.com/"));
  jar.set_cookie_header(request, kNow);
  CHECK(request.headers().get("Cookie") == "d=1");
}

TEST_CASE("a cookie without Domain is host-only: sent to its host, not to subdomains") {
  Cookies jar;
  CHECK(jar.set_cookie("a=1", URL("http://example.com/"), kNow));
  REQUIRE(jar.size() == 1);
  CHECK(jar.begin()->host_only);
  CHECK(jar.begin()->domain == "example.com");
  CHECK(header(jar, "http://example.com/x") == "a=1");
  CHECK(header(jar, "http://www.example.com/") == "-");
  CHECK(header(jar, "http://other.com/") == "-");
}

TEST_CASE("a Domain cookie, leading dot or not, is sent to the domain and its subdomains") {
  Cookies jar;
  CHECK(jar.set_cookie("a=1; Domain=.example.com", URL("http://www.example.com/"), kNow));
  CHECK(jar.set_cookie("b=2; domain=EXAMPLE.com", URL("http://example.com/"), kNow));
  CHECK(header(jar, "http://example.com/") == "a=1; b=2");
  CHECK(header(jar, "http://a.b.example.com/") == "a=1; b=2");
  CHECK(header(jar, "http://badexample.com/") == "-");
}

TEST_CASE("a Domain that the host does not domain-match is refused") {
  Cookies jar;
  CHECK_FALSE(jar.set_cookie("a=1; Domain=other.com", URL("http://example.com/"), kNow));
  CHECK_FALSE(jar.set_cookie("a=1; Domain=www.example.com", URL("http://example.com/"), kNow));
  CHECK(jar.empty());
}

TEST_CASE("a Domain without an inner dot is a public suffix: host-only when it is the host") {
  Cookies jar;
  CHECK_FALSE(jar.set_cookie("a=1; Domain=com", URL("http://example.com/"), kNow));
  CHECK(jar.empty());
  CHECK(jar.set_cookie("b=2; Domain=localhost", URL("http://localhost/"), kNow));
  REQUIRE(jar.size() == 1);
  CHECK(jar.begin()->host_only);
  CHECK(header(jar, "http://localhost/") == "b=2");
}

TEST_CASE("IP-literal hosts only get host-only cookies") {
  Cookies jar;
  CHECK_FALSE(jar.set_cookie("a=1; Domain=0.0.1", URL("http://127.0.0.1/"), kNow));
  CHECK(jar.set_cookie("b=2; Domain=127.0.0.1", URL("http://127.0.0.1/"), kNow));
  CHECK(jar.set_cookie("c=3", URL("http://[::1]:8080/"), kNow));
  CHECK(header(jar, "http://127.0.0.1/") == "b=2");
  CHECK(header(jar, "http://[::1]/") == "c=3");
  CHECK(header(jar, "http://127.0.0.2/") == "-");
}

TEST_CASE("Path defaults to the request path's directory and matches on segments") {
  Cookies jar;
  CHECK(jar.set_cookie("dir=1", URL("http://a.test/docs/page.html"), kNow));
  CHECK(jar.set_cookie("root=1", URL("http://a.test/page"), kNow));
  CHECK(jar.set_cookie("given=1; Path=/docs/", URL("http://a.test/"), kNow));
  CHECK(jar.set_cookie("bad=1; Path=relative", URL("http://a.test/x/y"), kNow));
  CHECK(jar.get("dir", "", "/docs").has_value());
  CHECK(jar.get("root", "", "/").has_value());
  CHECK(jar.get("bad", "", "/x").has_value());
  CHECK(header(jar, "http://a.test/docs/") == "given=1; dir=1; root=1");
  CHECK(header(jar, "http://a.test/docs") == "dir=1; root=1");
  CHECK(header(jar, "http://a.test/docsx") == "root=1");
}

TEST_CASE("the Cookie header lists longer paths first, then older cookies first") {
  Cookies jar;
  CHECK(jar.set_cookie("late=1; Path=/", URL("http://a.test/"), kNow));
  CHECK(jar.set_cookie("deep=1; Path=/a/b", URL("http://a.test/"), kNow));
  CHECK(jar.set_cookie("later=1; Path=/", URL("http://a.test/"), kNow));
  CHECK(jar.set_cookie("mid=1; Path=/a", URL("http://a.test/"), kNow));
  CHECK(jar.set_cookie("late=2; Path=/", URL("http://a.test/"), kNow));  // keeps its place
  CHECK(header(jar, "http://a.test/a/b/c") == "deep=1; mid=1; late=2; later=1");
}

TEST_CASE("Secure cookies go over https only; HttpOnly is stored") {
  Cookies jar;
  CHECK(jar.set_cookie("s=1; Secure; HttpOnly", URL("https://a.test/"), kNow));
  REQUIRE(jar.size() == 1);
  CHECK(jar.begin()->secure);
  CHECK(jar.begin()->http_only);
  CHECK(header(jar, "http://a.test/") == "-");
  CHECK(header(jar, "https://a.test/") == "s=1");
}

TEST_CASE("Expires and Max-Age end a cookie; Max-Age wins; expired ones are evicted") {
  Cookies jar;
  CHECK(jar.set_cookie("e=1; Expires=Wed, 15 Nov 2023 00:00:00 GMT", URL("http://a.test/"), kNow));
  CHECK(jar.set_cookie("m=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                       URL("http://a.test/"), kNow));
  CHECK(header(jar, "http://a.test/") == "e=1; m=1");
  CHECK(header(jar, "http://a.test/", kNow + 61s) == "e=1");
  CHECK(jar.size() == 1);
  CHECK(header(jar, "http://a.test/", Cookies::Clock::time_point(1'700'006'400s)) == "-");
  CHECK(jar.empty());
}

TEST_CASE("an expired Set-Cookie deletes its namesake") {
  Cookies jar;
  CHECK(jar.set_cookie("a=1; Path=/", URL("http://a.test/"), kNow));
  CHECK(jar.set_cookie("a=; Max-Age=0; Path=/", URL("http://a.test/"), kNow));
  CHECK(jar.empty());
  CHECK(jar.set_cookie("b=1", URL("http://a.test/"), kNow));
  CHECK(jar.set_cookie("b=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT", URL("http://a.test/"), kNow));
  CHECK(jar.empty());
}

TEST_CASE("malformed Set-Cookie values are ignored") {
  Cookies jar;
  CHECK_FALSE(jar.set_cookie("novalue", URL("http://a.test/"), kNow));
  CHECK_FALSE(jar.set_cookie("=1", URL("http://a.test/"), kNow));
  CHECK(jar.empty());
}

TEST_CASE("the client stores Set-Cookie and sends the cookies with later requests") {
  auto client = mock_client(cookie_server);
  Response first = drive(client.get("http://a.test/set?h=a%3D1&h=b%3D2"));
  CHECK(first.text() == "-");
  CHECK(first.cookies().get("a") == "1");
  CHECK(client.cookies().size() == 2);
  CHECK(drive(client.get("http://a.test/")).text() == "a=1; b=2");
  CHECK(drive(client.get("http://b.test/")).text() == "-");
}

TEST_CASE("initial, per-request and hand-set cookies are sent; per-request ones are not stored") {
  ClientOptions options;
  options.cookies = Cookies{{"init", "1"}};
  auto client = mock_client(cookie_server, std::move(options));
  client.cookies().set("hand", "2", "a.test");
  RequestOptions request;
  request.cookies = Cookies{{"once", "3"}, {"init", "override"}};
  CHECK(drive(client.get("http://a.test/", std::move(request))).text() ==
        "once=3; init=override; hand=2");
  CHECK(drive(client.get("http://a.test/")).text() == "init=1; hand=2");
  CHECK(drive(client.get("http://b.test/")).text() == "init=1");
  CHECK_FALSE(client.cookies().get("once").has_value());
}

TEST_CASE("cookies set by a redirect are sent on the next hop, and only where they match") {
  auto client = mock_client(cookie_server, {.follow_redirects = true});
  Response r = drive(client.get(
      "http://a.test/set?h=hop%3D1&to=http%3A%2F%2Fa.test%2Fset%3Fto%3Dhttp%3A%2F%2Fb.test%2F"));
  REQUIRE(r.history().size() == 2);
  CHECK(r.history()[0].cookies().get("hop") == "1");
  CHECK(r.history()[1].request().headers().get("Cookie") == "hop=1");
  CHECK(r.request().headers().get("Cookie") == std::nullopt);
  CHECK(r.text() == "-");
}

TEST_CASE("a transport that manages cookies bypasses the jar") {
  auto mock = std::make_shared<MockTransport>(MockTransport::Handler(cookie_server),
                                              TransportCapabilities{.manages_cookies = true});
  AsyncClient client({.transport = mock});
  client.cookies().set("x", "1");
  Response r = drive(client.get("http://a.test/set?h=a%3D1"));
  CHECK(r.text() == "-");
  CHECK(r.cookies().get("a") == "1");
  CHECK(client.cookies().size() == 1);
}
