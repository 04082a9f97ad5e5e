// The limits on what a response may make the client hold: `max_read_size`
// (what read() buffers) and the defaults of both limits. Decoding limits
// with real codecs are in test_decoded_pieces.cpp (native).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "support.hpp"

using httpxx::ResponseTooLarge;

namespace {

httpxx::MockResponse body_of(std::size_t size) {
  httpxx::MockResponse r;
  r.content = std::string(size, 'x');
  return r;
}

httpxx::MockResponse chunked_body(std::size_t chunks, std::size_t size) {
  httpxx::MockResponse r;
  r.chunks.assign(chunks, std::string(size, 'y'));
  return r;
}

}  // namespace

TEST_CASE("the defaults bound memory: 32 MiB decoded, 64 MiB buffered by read()") {
  const httpxx::ClientOptions options;
  CHECK(options.max_decoded_size == 32ull * 1024 * 1024);
  CHECK(options.max_read_size == 64ull * 1024 * 1024);
  CHECK(httpxx::kDefaultMaxDecodedSize == options.max_decoded_size);
  CHECK(httpxx::kDefaultMaxReadSize == options.max_read_size);
}

TEST_CASE("read() refuses a body above max_read_size with ResponseTooLarge naming the option") {
  auto client = httpxx_test::mock_client([](const httpxx::Request&) { return body_of(1001); },
                                         {.max_read_size = 1000});
  try {
    (void)httpxx_test::drive(client.get("http://a.test/big"));
    FAIL("no ResponseTooLarge");
  } catch (const ResponseTooLarge& e) {
    const std::string message = e.what();
    CHECK(message.find("max_read_size") != std::string::npos);
    CHECK(message.find("1000 bytes") != std::string::npos);
    CHECK(e.has_request());
    CHECK(e.request().url().str() == "http://a.test/big");
  }
}

TEST_CASE("ResponseTooLarge is a RequestError") {
  auto client = httpxx_test::mock_client(
      [](const httpxx::Request&) { return chunked_body(3, 400); }, {.max_read_size = 1000});
  CHECK_THROWS_AS(httpxx_test::drive(client.get("http://a.test/")), httpxx::RequestError);
}

TEST_CASE("a body of exactly max_read_size bytes is read, over several chunks too") {
  auto client = httpxx_test::mock_client(
      [](const httpxx::Request& r) {
        return r.url().path() == "/one" ? body_of(1000) : chunked_body(4, 250);
      },
      {.max_read_size = 1000});
  CHECK(httpxx_test::drive(client.get("http://a.test/one")).content().size() == 1000);
  CHECK(httpxx_test::drive(client.get("http://a.test/four")).content().size() == 1000);
}

TEST_CASE("max_read_size counts the chunks as they come and drops the body stream") {
  auto mock = std::make_shared<httpxx::MockTransport>(
      httpxx::MockTransport::Handler([](const httpxx::Request&) { return chunked_body(10, 400); }));
  httpxx::AsyncClient client({.max_read_size = 1000, .transport = mock});
  httpxx::Response r = httpxx_test::drive(client.get("http://a.test/", httpxx_test::streamed()));
  CHECK_THROWS_AS(httpxx_test::drive(r.read()), ResponseTooLarge);
  CHECK(r.is_closed());
  CHECK(mock->open_streams() == 0);
}

TEST_CASE("max_read_size = 0 lifts the limit") {
  auto client = httpxx_test::mock_client([](const httpxx::Request&) { return body_of(5000); },
                                         {.max_read_size = 0});
  CHECK(httpxx_test::drive(client.get("http://a.test/")).content().size() == 5000);
}

TEST_CASE("max_read_size never limits a streamed body") {
  auto client = httpxx_test::mock_client(
      [](const httpxx::Request&) { return chunked_body(10, 400); }, {.max_read_size = 1000});
  auto total = httpxx_test::drive([](httpxx::AsyncClient& c) -> httpxx::Task<std::size_t> {
    httpxx::Response r = co_await c.get("http://a.test/", httpxx_test::streamed());
    std::size_t n = 0;
    auto chunks = r.stream();
    while (auto chunk = co_await chunks.next()) n += chunk->size();
    co_return n;
  }(client));
  CHECK(total == 4000);
}
