// The base64 encoder behind `--auth`.
#include <doctest/doctest.h>

#include "auth.hpp"

using httpxx::cli::base64_encode;
using httpxx::cli::basic_auth_header;

TEST_CASE("base64 encodes the RFC 4648 test vectors, with their padding") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_encode("fooba") == "Zm9vYmE=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
}

TEST_CASE("base64 encodes every byte value, high bits included") {
  CHECK(base64_encode(std::string("\x00\xff\xfe", 3)) == "AP/+");
  CHECK(base64_encode("\xfb\xff") == "+/8=");
}

TEST_CASE("the Basic header joins user and password with a colon") {
  CHECK(basic_auth_header("Aladdin", "open sesame") == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(basic_auth_header("user", "") == "Basic dXNlcjo=");
}
