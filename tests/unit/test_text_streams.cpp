// Incremental text and line decoding: TextDecoder/LineDecoder fed
// adversarial chunkings, and Response::text_stream()/lines() on
// MockTransport.
#include <doctest/doctest.h>

#include <vector>

#include "support.hpp"
#include "text/charset.hpp"
#include "text/text_decoder.hpp"

using namespace httpxx;
using httpxx::detail::LineDecoder;
using httpxx::detail::TextDecoder;
using httpxx_test::drive;
using httpxx_test::mock_client;

namespace {

// `bytes` cut every `step` bytes.
std::vector<std::string> split_every(std::string_view bytes, std::size_t step) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < bytes.size(); i += step) out.emplace_back(bytes.substr(i, step));
  return out;
}

std::string decode_all(const std::vector<std::string>& chunks, std::string_view encoding) {
  TextDecoder decoder(encoding);
  std::string out;
  for (const auto& chunk : chunks) out += decoder.decode(chunk);
  return out + decoder.flush();
}

std::vector<std::string> lines_of(const std::vector<std::string>& chunks) {
  LineDecoder decoder;
  std::vector<std::string> lines;
  for (const auto& chunk : chunks) decoder.decode(chunk, lines);
  decoder.flush(lines);
  return lines;
}

Task<std::vector<std::string>> collect(LineStream lines) {
  std::vector<std::string> out;
  while (std::optional<std::string> line = co_await lines.next()) out.push_back(*line);
  co_return out;
}

Task<std::vector<std::string>> collect_text(TextStream text) {
  std::vector<std::string> out;
  while (std::optional<std::string> piece = co_await text.next()) out.push_back(*piece);
  co_return out;
}

}  // namespace

TEST_CASE("every chunking of UTF-8, latin-1 and UTF-16 decodes to the whole text") {
  const std::string utf8 = "a\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 z\xFF!";  // é € 😀, one bad byte
  const std::string latin1 = "caf\xE9 \xFF";
  const std::string utf16be = std::string("\xFE\xFF\0h\xD8\x3D\xDE\x00\0!", 10);
  const std::string utf16le = std::string("h\0\x3D\xD8\x00\xDE!\0", 8);
  for (std::size_t step = 1; step <= 5; ++step) {
    CAPTURE(step);
    CHECK(decode_all(split_every(utf8, step), "utf-8") == detail::to_utf8(utf8, "utf-8"));
    CHECK(decode_all(split_every(latin1, step), "iso-8859-1") == "caf\xC3\xA9 \xC3\xBF");
    CHECK(decode_all(split_every(utf16be, step), "utf-16") == "h\xF0\x9F\x98\x80!");
    CHECK(decode_all(split_every(utf16le, step), "utf-16le") == "h\xF0\x9F\x98\x80!");
  }
}

TEST_CASE("a multi-byte character split across chunks comes out whole, not replaced") {
  TextDecoder decoder("utf-8");
  CHECK(decoder.decode("x\xE2") == "x");
  CHECK(decoder.decode("\x82") == "");
  CHECK(decoder.decode("\xAC"
                       "y") ==
        "\xE2\x82\xAC"
        "y");
  // A truncated sequence at the very end becomes one U+FFFD.
  CHECK(decoder.decode("\xF0\x9F") == "");
  CHECK(decoder.flush() == "\xEF\xBF\xBD");
  // An odd UTF-16 byte at the end likewise.
  TextDecoder utf16("utf-16le");
  CHECK(utf16.decode(std::string("a\0b", 3)) == "a");
  CHECK(utf16.flush() == "\xEF\xBF\xBD");
}

TEST_CASE("lines split on LF, CRLF and CR wherever the chunks cut them") {
  const std::string text = "one\ntwo\r\nthree\rfour\r\n\r\nlast";
  const std::vector<std::string> expected{"one", "two", "three", "four", "", "last"};
  for (std::size_t step = 1; step <= text.size(); ++step) {
    CAPTURE(step);
    CHECK(lines_of(split_every(text, step)) == expected);
  }
  CHECK(lines_of({"a\r", "\nb"}) == std::vector<std::string>{"a", "b"});
  CHECK(lines_of({"a\r", "\r", "\n"}) == std::vector<std::string>{"a", ""});
  CHECK(lines_of({"end\n"}) == std::vector<std::string>{"end"});
  CHECK(lines_of({"\n"}) == std::vector<std::string>{""});
  CHECK(lines_of({}).empty());
}

TEST_CASE("lines() of a streamed response in one-byte chunks with a split UTF-8 character") {
  const std::string body = "h\xC3\xA9llo\r\nw\xE2\x82\xACrld\rend";
  auto client = mock_client([&](const Request&) {
    return MockResponse{.headers = {{"Content-Type", "text/plain; charset=utf-8"}},
                        .chunks = split_every(body, 1)};
  });
  auto run = [&]() -> Task<std::vector<std::string>> {
    Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
    co_return co_await collect(r.lines());
  };
  CHECK(drive(run()) == std::vector<std::string>{"h\xC3\xA9llo", "w\xE2\x82\xACrld", "end"});
}

TEST_CASE("text_stream() converts the declared charset and never yields empty pieces") {
  auto client = mock_client([](const Request&) {
    return MockResponse{.headers = {{"Content-Type", "text/plain; charset=utf-16"}},
                        .chunks = {"\xFF",
                                   "\xFE"
                                   "a",
                                   std::string("\0b", 2), std::string("\0", 1)}};
  });
  auto run = [&]() -> Task<std::vector<std::string>> {
    Response r = co_await client.get("http://a.test/", httpxx_test::streamed());
    co_return co_await collect_text(r.text_stream());
  };
  const std::vector<std::string> pieces = drive(run());
  std::string joined;
  for (const auto& piece : pieces) {
    CHECK_FALSE(piece.empty());
    joined += piece;
  }
  CHECK(joined == "ab");
}

TEST_CASE("text_stream() after read() yields the cached content, and after stream() throws") {
  auto client = mock_client([](const Request&) {
    return MockResponse{.headers = {{"Content-Type", "text/plain; charset=latin-1"}},
                        .content = "caf\xE9\nok"};
  });
  auto run = [&]() -> Task<void> {
    Response r = co_await client.get("http://a.test/");
    std::vector<std::string> lines = co_await collect(r.lines());
    CHECK(lines == std::vector<std::string>{"caf\xC3\xA9", "ok"});
    Response s = co_await client.get("http://a.test/", httpxx_test::streamed());
    ByteStream bytes = s.stream();
    CHECK_THROWS_AS((void)s.lines(), StreamConsumed);
    co_await s.close();
  };
  drive(run());
}
