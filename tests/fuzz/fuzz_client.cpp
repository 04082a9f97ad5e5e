// Fuzzes the whole client (AsyncClient and lib/: redirects, cookies, auth,
// content decoding, text and lines, buffered and streamed bodies) fed with
// server bytes through the native response parser (see replay_transport.hpp).
//
// Input: byte 0 and byte 2 are options (below), byte 1 says how reads are
// cut (see chunker.hpp), then the bytes the server sends for all requests.
//
// Checked: nothing but an httpxx `Error` escapes; every body stream the
// transport handed out is released once the responses are gone; history
// never holds more responses than were received; `text()`, text streams
// and lines are valid UTF-8 and lines hold no line ending; a HEAD response
// has no content; content that was decoded respects `max_decoded_size`.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "decoding/content_decoder.hpp"
#include "fuzz_check.hpp"
#include "httpxx/httpxx.hpp"
#include "replay_transport.hpp"

namespace {

using namespace httpxx;
using namespace std::chrono_literals;
using httpxx_fuzz::ReplayTransport;
using httpxx_fuzz::ReplayWire;

// Byte 0.
constexpr std::uint8_t kFollowRedirects = 1;
constexpr std::uint8_t kTightLimits = 2;
constexpr std::uint8_t kYield = 4;
constexpr std::uint8_t kDigestAuth = 8;
constexpr int kReadModeShift = 4;  // bits 4-6: how the body is read (ReadMode)
constexpr std::uint8_t kTotalTimeout = 128;
// Byte 2: bits 0-1 the method, 2-3 max_decoded_size, 4-5 default_encoding,
// bit 6 user info in the URL (Basic auth), bit 7 a second request.
constexpr std::string_view kMethods[] = {"GET", "HEAD", "POST", "DELETE"};
constexpr std::uint64_t kMaxDecoded[] = {0, 16, 4096, 1 << 20};
constexpr std::string_view kEncodings[] = {"utf-8", "iso-8859-1", "utf-16", "windows-1252"};

enum class ReadMode { buffered, read, stream, raw, text_stream, lines, first_chunk, unread };

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    // Continuation bytes that follow this lead byte.
    const std::size_t n = (c & 0xe0) == 0xc0   ? 1
                          : (c & 0xf0) == 0xe0 ? 2
                          : (c & 0xf8) == 0xf0 ? 3
                                               : 0;
    if (n == 0 || i + n >= s.size()) return false;
    std::uint32_t cp = c & (0x3f >> n);
    for (std::size_t k = 1; k <= n; ++k) {
      const auto t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (t & 0x3f);
    }
    static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n + 1;
  }
  return true;
}

struct Settings {
  ReadMode mode = ReadMode::buffered;
  std::string method;
  std::string url;
  std::uint64_t max_decoded = 0;
  bool second_request = false;
};

// The body goes through a content decoder (which max_decoded_size limits):
// the response names a coding this build decodes.
bool decoded(const Response& r, const Settings& settings) {
  const std::optional<std::string> encoding = r.headers().get("Content-Encoding");
  if (!encoding || settings.method == "HEAD") return false;
  try {
    return httpxx::detail::make_content_decoder(*encoding, 0) != nullptr;
  } catch (const DecodingError&) {
    return true;  // too many codings: reading fails
  }
}

Task<void> consume(Response& r, const Settings& settings) {
  const bool limited = settings.max_decoded != 0 && decoded(r, settings);
  switch (settings.mode) {
    case ReadMode::buffered:
    case ReadMode::read: {
      if (settings.mode == ReadMode::read) (void)co_await r.read();
      const std::string& content = r.content();
      if (settings.method == "HEAD") FUZZ_CHECK(content.empty());
      if (limited) FUZZ_CHECK(content.size() <= settings.max_decoded);
      FUZZ_CHECK(valid_utf8(r.text()));
      try {
        (void)r.json();
      } catch (const DecodingError&) {
      }
      break;
    }
    case ReadMode::stream:
    case ReadMode::raw: {
      ByteStream bytes = settings.mode == ReadMode::stream ? r.stream() : r.raw();
      std::uint64_t total = 0;
      while (auto chunk = co_await bytes.next()) total += chunk->size();
      if (settings.mode == ReadMode::stream && limited) FUZZ_CHECK(total <= settings.max_decoded);
      break;
    }
    case ReadMode::text_stream: {
      TextStream text = r.text_stream();
      while (auto piece = co_await text.next()) {
        FUZZ_CHECK(!piece->empty() && valid_utf8(*piece));
      }
      break;
    }
    case ReadMode::lines: {
      LineStream lines = r.lines();
      while (auto line = co_await lines.next()) {
        FUZZ_CHECK(valid_utf8(*line));
        FUZZ_CHECK(line->find_first_of("\r\n") == std::string::npos);
      }
      break;
    }
    case ReadMode::first_chunk: {
      ByteStream bytes = r.stream();
      (void)co_await bytes.next();
      break;
    }
    case ReadMode::unread:
      break;
  }
  co_await r.close();
  FUZZ_CHECK(r.is_closed());
}

Task<void> session(AsyncClient& client, const Settings& settings,
                   const ReplayTransport& transport) {
  for (int i = 0; i < (settings.second_request ? 2 : 1); ++i) {
    try {
      RequestOptions options;
      options.stream = settings.mode != ReadMode::buffered;
      if (settings.method == "POST") options.content = "a=1";
      Response r = co_await client.request(settings.method, settings.url, std::move(options));
      FUZZ_CHECK(r.history().size() < static_cast<std::size_t>(transport.requests()));
      (void)r.status_code();
      (void)r.is_redirect();
      (void)r.next_request();
      (void)r.charset_encoding();
      (void)r.encoding();
      (void)r.cookies();
      co_await consume(r, settings);
    } catch (const Error&) {
      // Malformed or hostile replies end in an httpxx error: expected.
    }
  }
  co_await client.close();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::uint8_t flags = data[0];
  const std::uint8_t more = data[2];
  const std::string_view server(reinterpret_cast<const char*>(data + 3), size - 3);
  auto wire =
      std::make_shared<ReplayWire>(ReplayWire{.reads = httpxx_fuzz::Chunker(server, data[1])});
  wire->yield = (flags & kYield) != 0;
  if ((flags & kTightLimits) != 0) {
    wire->limits.max_header_bytes = 400;
    wire->limits.max_header_count = 8;
    wire->limits.max_line_bytes = 120;
    wire->limits.max_interim_responses = 2;
  }

  Settings settings;
  settings.mode = static_cast<ReadMode>((flags >> kReadModeShift) & 7);
  settings.method = std::string(kMethods[more & 3]);
  settings.max_decoded = kMaxDecoded[(more >> 2) & 3];
  settings.url =
      (more & 64) != 0 ? "http://user:pass@fuzz.test/a/b?q=1" : "http://fuzz.test/a/b?q=1";
  settings.second_request = (more & 128) != 0;

  auto transport = std::make_shared<ReplayTransport>(wire);
  {
    ClientOptions options;
    options.follow_redirects = (flags & kFollowRedirects) != 0;
    options.max_redirects = 3;
    options.max_decoded_size = settings.max_decoded;
    options.default_encoding = std::string(kEncodings[(more >> 4) & 3]);
    options.transport = transport;
    if ((flags & kDigestAuth) != 0) options.auth = std::make_shared<DigestAuth>("user", "pass");
    if ((flags & kTotalTimeout) != 0) options.timeout = Timeout(30s).with_total(60s);
    AsyncClient client(std::move(options));
    RunLoop loop;
    loop.run(session(client, settings, *transport));
  }
  FUZZ_CHECK(wire->open_bodies == 0);
  return 0;
}
