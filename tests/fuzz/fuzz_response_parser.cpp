// Fuzzes the native HTTP/1.x response reader (platform/native/
// response_parser.cpp, on llhttp) the way `Exchange` drives it: the bytes
// arrive in reads of fuzzer-chosen sizes; each read is fed to the parser;
// the head is taken once complete; the body grows until the response is
// complete or the peer closes; and when the response may keep its
// connection, what follows is parsed as the next response on it.
//
// Input: byte 0 = options (bit 0: the request was HEAD; bit 1: tight head
// limits), byte 1 = how reads are cut (see chunker.hpp), then the bytes the
// server sends.
//
// Checked: the only error is `RemoteProtocolError`; `feed` never claims
// more than it was given and stops early only at the end of a response;
// the head is a final response (not 1xx) with a sane status; responses that
// have no body by definition (HEAD, 204, 304) get none; a response framed by
// one plain Content-Length gets exactly that many bytes.
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "chunker.hpp"
#include "fuzz_check.hpp"
#include "httpxx/errors.hpp"
#include "response_parser.hpp"

namespace {

using httpxx::Headers;
using httpxx::native::HttpLimits;
using httpxx::native::ResponseParser;
using httpxx_fuzz::Chunker;

HttpLimits limits_for(std::uint8_t options) {
  HttpLimits limits;
  if ((options & 2) != 0) {
    limits.max_header_bytes = 300;
    limits.max_header_count = 6;
    limits.max_line_bytes = 80;
    limits.max_interim_responses = 2;
  }
  return limits;
}

// The value of the one Content-Length field, when the head frames its body
// with nothing else; nullopt otherwise.
std::optional<std::uint64_t> plain_content_length(const Headers& headers) {
  if (headers.contains("Transfer-Encoding")) return std::nullopt;
  const auto values = headers.get_list("Content-Length");
  if (values.size() != 1) return std::nullopt;
  const std::string_view value = values[0];
  if (value.empty() || value.size() > 18) return std::nullopt;
  std::uint64_t n = 0;
  const char* end = value.data() + value.size();
  auto [stop, ec] = std::from_chars(value.data(), end, n);
  if (ec != std::errc() || stop != end) return std::nullopt;
  return n;
}

// Reads one response from `wire`. Returns whether its connection could carry
// another request; throws `RemoteProtocolError` as the transport would.
bool read_response(Chunker& wire, const HttpLimits& limits, bool head_request) {
  ResponseParser parser(limits, head_request);
  std::string body;
  Headers headers;
  bool took_head = false;
  while (!parser.complete()) {
    if (wire.done()) {
      parser.finish(body);  // the peer closed the connection
      FUZZ_CHECK(parser.complete());
      break;
    }
    const std::string_view piece = wire.next();
    const std::size_t body_before = body.size();
    const std::size_t used = parser.feed(piece, body);
    FUZZ_CHECK(used <= piece.size());
    FUZZ_CHECK(used == piece.size() || parser.complete());
    FUZZ_CHECK(body.size() >= body_before);
    FUZZ_CHECK(parser.started());
    if (used < piece.size()) wire.unread(piece.size() - used);
    if (parser.head_complete() && !took_head) {
      took_head = true;
      const int status = parser.status();
      FUZZ_CHECK(status >= 200 && status <= 999);
      const std::string version = parser.http_version();
      FUZZ_CHECK(version == "HTTP/1.1" || version == "HTTP/1.0");
      (void)parser.reason();
      headers = parser.take_headers();
    }
  }
  FUZZ_CHECK(took_head && parser.head_complete());
  const int status = parser.status();
  if (head_request || status == 204 || status == 304)
    FUZZ_CHECK(body.empty());
  else if (auto length = plain_content_length(headers))
    FUZZ_CHECK(body.size() == *length);
  return parser.keep_alive();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::uint8_t options = data[0];
  const std::string_view stream(reinterpret_cast<const char*>(data + 2), size - 2);
  const HttpLimits limits = limits_for(options);
  const bool head_request = (options & 1) != 0;
  Chunker wire(stream, data[1]);
  try {
    // Up to 4 responses on one connection, as long as it may be reused.
    for (int i = 0; i < 4; ++i) {
      if (!read_response(wire, limits, head_request) || wire.done()) break;
    }
  } catch (const httpxx::RemoteProtocolError&) {
    // A malformed response: the expected outcome for most inputs.
  }
  return 0;
}
