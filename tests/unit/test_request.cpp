#include <doctest/doctest.h>

#include "support.hpp"

using httpxx::Headers;
using httpxx::LocalProtocolError;
using httpxx::Request;

TEST_CASE("a request upper-cases its method and adds Host") {
  Request r("get", "http://a.test:8080/x");
  CHECK(r.method() == "GET");
  CHECK(r.headers().get("Host") == "a.test:8080");
  CHECK_FALSE(r.headers().contains("Content-Length"));
}

TEST_CASE("a request with a body gets its Content-Length, POST without one gets 0") {
  CHECK(Request("PUT", "http://a.test/", {}, "hello").headers().get("Content-Length") == "5");
  CHECK(Request("POST", "http://a.test/").headers().get("Content-Length") == "0");
  Headers chunked{{"Transfer-Encoding", "chunked"}};
  CHECK_FALSE(Request("POST", "http://a.test/", chunked).headers().contains("Content-Length"));
}

TEST_CASE("a Host header given by the caller is kept") {
  Request r("GET", "http://a.test/", Headers{{"Host", "other.test"}});
  CHECK(r.headers().get("host") == "other.test");
}

TEST_CASE("a method that is not a token is refused") {
  CHECK_THROWS_AS(Request("GET /x HTTP/1.1\r\nHost: y\r\n\r\nGET", "http://a.test/"),
                  LocalProtocolError);
  CHECK_THROWS_AS(Request("GE T", "http://a.test/"), LocalProtocolError);
  CHECK_THROWS_AS(Request("", "http://a.test/"), LocalProtocolError);
}
