// Request bodies on MockTransport: multipart/form-data with files, and
// bodies streamed from a ByteSource (framing headers, the pieces a
// transport sees, replay rules).
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "multipart.hpp"
#include "support.hpp"

using namespace httpxx;
using httpxx_test::drive;
using httpxx_test::mock_client;

namespace {

MockResponse echo_body(const Request& r) {
  std::string type(r.headers().first("Content-Type").value_or(""));
  return MockResponse{.headers = {{"X-Type", type}}, .content = r.content()};
}

// A source yielding `pieces` one by one; `pulled` counts the calls.
ByteSource pieces_source(std::vector<std::string> pieces, std::shared_ptr<int> pulled,
                         std::optional<std::uint64_t> length = std::nullopt) {
  auto state = std::make_shared<std::vector<std::string>>(std::move(pieces));
  auto at = std::make_shared<std::size_t>(0);
  return ByteSource(
      [state, at, pulled]() -> Task<std::optional<std::string>> {
        ++*pulled;
        if (*at == state->size()) co_return std::nullopt;
        co_return (*state)[(*at)++];
      },
      length);
}

// A transport handler that reads the streamed body piece by piece.
struct Recorder {
  std::shared_ptr<std::vector<std::string>> seen = std::make_shared<std::vector<std::string>>();
  std::shared_ptr<Headers> headers = std::make_shared<Headers>();

  MockTransport::AsyncHandler handler() const {
    auto seen_ = seen;
    auto headers_ = headers;
    return [seen_, headers_](const Request& r) -> Task<MockResponse> {
      *headers_ = r.headers();
      if (r.stream()) {
        while (std::optional<std::string> piece = co_await r.stream()->next()) {
          seen_->push_back(*piece);
        }
      }
      co_return MockResponse{.content = "ok"};
    };
  }
};

}  // namespace

TEST_CASE("files and data fields encode as multipart/form-data with the chosen boundary") {
  auto client = mock_client(echo_body);
  RequestOptions opts{
      .headers = {{"Content-Type", "multipart/form-data; boundary=XyZ"}},
      .data = QueryParams{{"name", "ada"}, {"lang", "c++"}},
      .files = {{"upload", {.filename = "notes.txt", .content = "hello\r\nworld"}},
                {"blob",
                 {.filename = "x.bin",
                  .content = std::string("\0\1", 2),
                  .content_type = "application/x-thing"}}},
  };
  Response r = drive(client.post("http://a.test/", std::move(opts)));
  const std::string expected =
      std::string(
          "--XyZ\r\n"
          "Content-Disposition: form-data; name=\"name\"\r\n\r\n"
          "ada\r\n"
          "--XyZ\r\n"
          "Content-Disposition: form-data; name=\"lang\"\r\n\r\n"
          "c++\r\n"
          "--XyZ\r\n"
          "Content-Disposition: form-data; name=\"upload\"; filename=\"notes.txt\"\r\n"
          "Content-Type: text/plain\r\n\r\n"
          "hello\r\nworld\r\n"
          "--XyZ\r\n"
          "Content-Disposition: form-data; name=\"blob\"; filename=\"x.bin\"\r\n"
          "Content-Type: application/x-thing\r\n\r\n") +
      std::string("\0\1", 2) + "\r\n--XyZ--\r\n";
  CHECK(r.content() == expected);
  CHECK(*r.headers().first("X-Type") == "multipart/form-data; boundary=XyZ");
  CHECK(*r.request().headers().first("Content-Length") == std::to_string(expected.size()));
}

TEST_CASE("a multipart body without a chosen boundary gets a random one in its Content-Type") {
  auto client = mock_client(echo_body);
  RequestOptions opts{.files = {{"f", {.filename = "a.png", .content = "PNG"}}}};
  Response r = drive(client.post("http://a.test/", std::move(opts)));
  const std::string type(*r.headers().first("X-Type"));
  REQUIRE(type.starts_with("multipart/form-data; boundary="));
  const std::string boundary = type.substr(type.find('=') + 1);
  CHECK(boundary.size() == 32);
  CHECK(r.content().starts_with("--" + boundary + "\r\n"));
  CHECK(r.content().ends_with("\r\n--" + boundary + "--\r\n"));
  CHECK(r.content().find("Content-Type: image/png\r\n") != std::string::npos);
  RequestOptions again{.files = {{"f", {.filename = "a.png", .content = "PNG"}}}};
  CHECK(*drive(client.post("http://a.test/", std::move(again))).headers().first("X-Type") != type);
}

TEST_CASE("field names and filenames are escaped inside their quotes") {
  CHECK(detail::encode_multipart({{"a\"b", "v"}}, {}, "B") ==
        "--B\r\nContent-Disposition: form-data; name=\"a%22b\"\r\n\r\nv\r\n--B--\r\n");
  Files files{{"f", {.filename = "c:\\x\n.txt", .content = ""}}};
  CHECK(detail::encode_multipart({}, files, "B").find("filename=\"c:\\\\x%0A.txt\"") !=
        std::string::npos);
  CHECK(detail::guess_content_type("A.JSON") == "application/json");
  CHECK(detail::guess_content_type("noext") == "application/octet-stream");
}

TEST_CASE("a body and files together are refused") {
  auto client = mock_client(echo_body);
  RequestOptions opts{.json = Json(1), .files = {{"f", {.content = "x"}}}};
  CHECK_THROWS_AS(drive(client.post("http://a.test/", std::move(opts))), LocalProtocolError);
  auto pulled = std::make_shared<int>(0);
  RequestOptions both{.content = "x", .content_stream = pieces_source({"y"}, pulled)};
  CHECK_THROWS_AS(drive(client.post("http://a.test/", std::move(both))), LocalProtocolError);
}

TEST_CASE("a stream of unknown length is sent chunked and its pieces reach the transport") {
  Recorder recorder;
  AsyncClient client({.transport = std::make_shared<MockTransport>(recorder.handler())});
  auto pulled = std::make_shared<int>(0);
  RequestOptions opts{.content_stream = pieces_source({"one", "", "two", "three"}, pulled)};
  Response r = drive(client.post("http://a.test/up", std::move(opts)));
  CHECK(r.text() == "ok");
  CHECK(*recorder.seen == std::vector<std::string>{"one", "", "two", "three"});
  CHECK(*pulled == 5);
  CHECK(*recorder.headers->first("Transfer-Encoding") == "chunked");
  CHECK_FALSE(recorder.headers->contains("Content-Length"));
  CHECK(r.request().content().empty());
  CHECK(r.request().stream()->is_consumed());
}

TEST_CASE("a stream with a length is sent with that Content-Length") {
  Recorder recorder;
  AsyncClient client({.transport = std::make_shared<MockTransport>(recorder.handler())});
  auto pulled = std::make_shared<int>(0);
  RequestOptions opts{.content_stream = pieces_source({"ab", "cd"}, pulled, 4)};
  (void)drive(client.put("http://a.test/up", std::move(opts)));
  CHECK(*recorder.headers->first("Content-Length") == "4");
  CHECK_FALSE(recorder.headers->contains("Transfer-Encoding"));
  CHECK(recorder.seen->size() == 2);
}

TEST_CASE("a Request built with a ByteSource frames itself") {
  auto pulled = std::make_shared<int>(0);
  Request chunked("POST", URL("http://a.test/"), {}, pieces_source({}, pulled));
  CHECK(*chunked.headers().first("Transfer-Encoding") == "chunked");
  CHECK_FALSE(chunked.headers().contains("Content-Length"));
  Request sized("POST", URL("http://a.test/"), {}, pieces_source({}, pulled, 7));
  CHECK(*sized.headers().first("Content-Length") == "7");
  CHECK_THROWS_AS(ByteSource(ByteSource::Next{}), std::invalid_argument);
}

TEST_CASE("a 307 redirect of a streamed body raises StreamConsumed") {
  auto handler = [](const Request& r) -> Task<MockResponse> {
    if (r.stream()) {
      while (co_await r.stream()->next()) {
      }
    }
    if (r.url().path() == "/old") {
      co_return MockResponse{.status = 307, .headers = {{"Location", "/new"}}};
    }
    co_return MockResponse{.content = "moved"};
  };
  AsyncClient client(
      {.follow_redirects = true,
       .transport = std::make_shared<MockTransport>(MockTransport::AsyncHandler(handler))});
  auto pulled = std::make_shared<int>(0);
  RequestOptions opts{.content_stream = pieces_source({"data"}, pulled)};
  CHECK_THROWS_AS(drive(client.post("http://a.test/old", std::move(opts))), StreamConsumed);

  // A 303 drops the body (GET): nothing to replay, the redirect is followed.
  auto see_other = [](const Request& r) -> Task<MockResponse> {
    if (r.stream()) {
      while (co_await r.stream()->next()) {
      }
    }
    if (r.url().path() == "/old") {
      co_return MockResponse{.status = 303, .headers = {{"Location", "/new"}}};
    }
    co_return MockResponse{.content = r.method()};
  };
  AsyncClient other(
      {.follow_redirects = true,
       .transport = std::make_shared<MockTransport>(MockTransport::AsyncHandler(see_other))});
  RequestOptions again{.content_stream = pieces_source({"data"}, pulled)};
  CHECK(drive(other.post("http://a.test/old", std::move(again))).text() == "GET");
}

TEST_CASE("a redirect of a streamed body that is not followed keeps it as next_request") {
  auto client = mock_client([](const Request&) {
    return MockResponse{.status = 308, .headers = {{"Location", "/new"}}};
  });
  auto pulled = std::make_shared<int>(0);
  RequestOptions opts{.content_stream = pieces_source({"data"}, pulled)};
  Response r = drive(client.post("http://a.test/old", std::move(opts)));
  REQUIRE(r.next_request());
  REQUIRE(r.next_request()->stream());
  CHECK(r.next_request()->stream()->is_consumed());
  CHECK_THROWS_AS(r.next_request()->stream()->open(), StreamConsumed);
}
