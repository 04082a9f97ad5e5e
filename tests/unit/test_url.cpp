#include <doctest/doctest.h>

#include "support.hpp"

using httpxx::InvalidURL;
using httpxx::QueryParams;
using httpxx::URL;

TEST_CASE("a URL is parsed into its parts") {
  URL u("HTTPS://User:p%40ss@Example.COM:8443/a/b?x=1&y=2#frag");
  CHECK(u.scheme() == "https");
  CHECK(u.host() == "example.com");
  CHECK(u.port() == 8443);
  CHECK(u.username() == "User");
  CHECK(u.password() == "p@ss");
  CHECK(u.path() == "/a/b");
  CHECK(u.query() == "x=1&y=2");
  CHECK(u.fragment() == "frag");
  CHECK(u.target() == "/a/b?x=1&y=2");
  CHECK(u.str() == "https://User:p%40ss@example.com:8443/a/b?x=1&y=2#frag");
}

TEST_CASE("default ports are known and omitted from the Host header") {
  CHECK(URL("http://a.test/").effective_port() == 80);
  CHECK(URL("https://a.test/").effective_port() == 443);
  CHECK_FALSE(URL("http://a.test/").port().has_value());
  CHECK(URL("http://a.test:80/").host_header() == "a.test");
  CHECK(URL("http://a.test:8080/").host_header() == "a.test:8080");
  CHECK(URL("http://a.test:8080/x").origin() == "http://a.test:8080");
}

TEST_CASE("IPv6 hosts are kept without brackets and bracketed in Host") {
  URL u("http://[::1]:8000/");
  CHECK(u.host() == "::1");
  CHECK(u.host_header() == "[::1]:8000");
  CHECK(u.str() == "http://[::1]:8000/");
}

TEST_CASE("an empty path is sent as /") { CHECK(URL("http://a.test").target() == "/"); }

TEST_CASE("spaces and non-ASCII bytes are percent-encoded, valid escapes kept") {
  URL u("http://a.test/a b/\xC3\xA9?q=x y&z=%41");
  CHECK(u.path() == "/a%20b/%C3%A9");
  CHECK(u.query() == "q=x%20y&z=%41");
  CHECK(URL("http://a.test/100%").path() == "/100%25");
}

TEST_CASE("control characters in a URL are refused with InvalidURL") {
  CHECK_THROWS_AS(URL("http://a.test/\r\nX-Injected: 1"), InvalidURL);
  CHECK_THROWS_AS(URL("http://a.test/a\nb"), InvalidURL);
  CHECK_THROWS_AS(URL(std::string("http://a.test/a\0b", 17)), InvalidURL);
  CHECK_THROWS_AS(URL("http://a.test/\x7f"), InvalidURL);
}

TEST_CASE("malformed authorities and ports are refused with InvalidURL") {
  CHECK_THROWS_AS(URL("http://a.test:99999/"), InvalidURL);
  CHECK_THROWS_AS(URL("http://[::1/"), InvalidURL);
  CHECK_THROWS_AS(URL("http://exa\xC3\xA9mple.test/"), InvalidURL);
  CHECK_THROWS_AS(URL("http://a.test:12ab/"), InvalidURL);
}

TEST_CASE("a scheme followed by a lone '?' or '#' is read as the scheme; '[' or ']' is refused") {
  // Boost.URL 1.81 asserted on these (an abort in debug builds).
  CHECK(URL("http:?").str() == "http:");
  CHECK(URL("ftp:#").str() == "ftp:");
  CHECK(URL("p:?#").without_fragment().str() == "p:");
  CHECK(URL("a:").join("?").str() == "a:");
  CHECK_THROWS_AS(URL("a:["), InvalidURL);
  CHECK_THROWS_AS(URL("a:]"), InvalidURL);
  CHECK(URL("a:?x").query() == "x");
  CHECK(URL("http://h/").join("#").str() == "http://h/#");
}

TEST_CASE("a network-path reference takes only the scheme of the base") {
  // Boost.URL 1.81 asserted on the first two (an abort in debug builds).
  CHECK(URL("s:%41%41").join("//h/p").str() == "s://h/p");
  CHECK(URL("http:%").join("//h?q#f").str() == "http://h?q#f");
  CHECK(URL("https://a.test/x/y?z").join("//b.test/a/../c").str() == "https://b.test/c");
}

TEST_CASE("relative references resolve against a base (RFC 3986)") {
  URL base("http://a.test/b/c/d;p?q");
  CHECK(base.join("g").str() == "http://a.test/b/c/g");
  CHECK(base.join("./g").str() == "http://a.test/b/c/g");
  CHECK(base.join("/g").str() == "http://a.test/g");
  CHECK(base.join("//other.test/x").str() == "http://other.test/x");
  CHECK(base.join("?y").str() == "http://a.test/b/c/d;p?y");
  CHECK(base.join("../../g").str() == "http://a.test/g");
  CHECK(base.join("https://z.test/").str() == "https://z.test/");
}

TEST_CASE("joining onto a relative URL is refused") {
  CHECK_THROWS_AS((void)URL("/relative").join("x"), InvalidURL);
}

TEST_CASE("query parameters are form-encoded and appended") {
  QueryParams p{{"q", "a b&c"}, {"n", "1"}, {"n", "2"}};
  CHECK(p.encode() == "q=a+b%26c&n=1&n=2");
  CHECK(URL("http://a.test/p").with_params(p).str() == "http://a.test/p?q=a+b%26c&n=1&n=2");
  CHECK(URL("http://a.test/p?x=0#f").with_params({{"y", "1"}}).str() ==
        "http://a.test/p?x=0&y=1#f");
}

TEST_CASE("a query string decodes into ordered, multi-valued parameters") {
  QueryParams p = QueryParams::parse("a=1&b=x+y&a=%32&flag");
  CHECK(p.get_list("a") == std::vector<std::string>{"1", "2"});
  CHECK(p.get("b") == "x y");
  CHECK(p.get("flag") == "");
  CHECK_FALSE(p.get("missing").has_value());
  CHECK(URL("http://a.test/?k=v").params().get("k") == "v");
}

TEST_CASE("userinfo and fragments can be removed") {
  CHECK(URL("http://u:p@a.test/x#y").without_userinfo().str() == "http://a.test/x#y");
  CHECK(URL("http://a.test/x#y").without_fragment().str() == "http://a.test/x");
}
