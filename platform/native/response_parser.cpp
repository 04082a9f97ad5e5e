#include "response_parser.hpp"

#include <llhttp.h>

#include <algorithm>

#include "httpxx/errors.hpp"
#include "httpxx/task.hpp"

namespace httpxx::native {

namespace {

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A header name or value as llhttp hands it over: usually in one piece,
// viewed where it lies in the bytes being parsed; copied only when it is
// split across reads (`hold` before those bytes go away).
class Piece {
 public:
  void append(const char* at, std::size_t n) {
    if (!owned_ && view_.empty()) {
      view_ = std::string_view(at, n);
      return;
    }
    hold();
    text_.append(at, n);
  }
  void hold() {
    if (owned_ || view_.empty()) return;
    text_.assign(view_);
    view_ = {};
    owned_ = true;
  }
  [[nodiscard]] std::string_view get() const noexcept { return owned_ ? text_ : view_; }
  void clear() noexcept {
    view_ = {};
    text_.clear();
    owned_ = false;
  }

 private:
  std::string_view view_;
  std::string text_;
  bool owned_ = false;
};

}  // namespace

struct ResponseParser::Impl {
  static void* operator new(std::size_t size) { return httpxx::detail::allocate_frame(size); }
  static void operator delete(void* p, std::size_t size) noexcept {
    httpxx::detail::deallocate_frame(p, size);
  }

  llhttp_t parser{};
  HttpLimits limits;
  ReplyTo reply_to;

  std::string* body = nullptr;  // the sink while feed() or finish() runs
  std::string error;            // set by a callback that refused the input

  bool started = false;
  bool head_done = false;
  bool done = false;
  bool keep_alive = false;
  int interim = 0;

  // The message being parsed (a 1xx or the final response).
  int status = 0;
  std::string reason;
  Headers headers;
  Piece field, value;
  std::uint64_t head_bytes = 0;
  std::uint64_t line_bytes = 0;
  std::size_t field_count = 0;
  int transfer_encodings = 0;
  std::string transfer_encoding;
  std::optional<std::uint64_t> content_length;
  bool chunked = false;
  std::uint64_t body_received = 0;

  Impl(const HttpLimits& l, ReplyTo to) : limits(l), reply_to(to) {
    llhttp_init(&parser, HTTP_RESPONSE, &settings());
    parser.data = this;
  }

  static Impl& of(llhttp_t* p) { return *static_cast<Impl*>(p->data); }

  int refuse(std::string message) {
    error = std::move(message);
    return -1;
  }

  // Counts head bytes against the limits; -1 (with `error` set) if over.
  int count(std::size_t n) {
    head_bytes += n;
    line_bytes += n;
    const char* part = head_done ? "trailers" : "response head";
    if (line_bytes > limits.max_line_bytes) {
      return refuse(std::string("a line of the ") + part + " is longer than " +
                    std::to_string(limits.max_line_bytes) + " bytes");
    }
    if (head_bytes > limits.max_header_bytes) {
      return refuse(std::string("the ") + part + " is larger than " +
                    std::to_string(limits.max_header_bytes) + " bytes");
    }
    return 0;
  }

  void reset_counts() {
    head_bytes = line_bytes = 0;
    field_count = 0;
    field.clear();
    value.clear();
  }

  static int on_message_begin(llhttp_t* p) {
    Impl& s = of(p);
    s.status = 0;
    s.reason.clear();
    s.headers.clear();
    s.headers.reserve(16, 512);  // typical heads then grow their storage once each
    s.transfer_encodings = 0;
    s.transfer_encoding.clear();
    s.reset_counts();
    return 0;
  }

  static int on_status(llhttp_t* p, const char* at, std::size_t n) {
    Impl& s = of(p);
    // RFC 9112 section 4: HTAB, SP, VCHAR and obs-text only; llhttp lets
    // other control bytes (NUL among them) through.
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<unsigned char>(at[i]);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        return s.refuse("invalid character in the reason phrase");
      }
    }
    s.reason.append(at, n);
    return s.count(n);
  }

  static int on_status_complete(llhttp_t* p) {
    of(p).line_bytes = 0;
    return 0;
  }

  static int on_header_field(llhttp_t* p, const char* at, std::size_t n) {
    Impl& s = of(p);
    s.field.append(at, n);
    return s.count(n);
  }

  static int on_header_value(llhttp_t* p, const char* at, std::size_t n) {
    Impl& s = of(p);
    s.value.append(at, n);
    return s.count(n);
  }

  static int on_header_value_complete(llhttp_t* p) {
    Impl& s = of(p);
    if (++s.field_count > s.limits.max_header_count) {
      return s.refuse(std::string("more than ") + std::to_string(s.limits.max_header_count) +
                      " header fields in the " + (s.head_done ? "trailers" : "response head"));
    }
    if (!s.head_done) {
      try {
        s.headers.add(s.field.get(), s.value.get());
      } catch (const Error& e) {
        return s.refuse(std::string("invalid header field: ") + e.what());
      }
      if (iequals(s.field.get(), "Transfer-Encoding")) {
        ++s.transfer_encodings;
        s.transfer_encoding = lower_trimmed(s.value.get());
      }
    }
    s.field.clear();
    s.value.clear();
    s.line_bytes = 0;
    return 0;
  }

  static int on_headers_complete(llhttp_t* p) {
    Impl& s = of(p);
    s.status = p->status_code;
    if (p->http_major != 1 || p->http_minor > 1) {
      return s.refuse("unsupported HTTP version " + std::to_string(p->http_major) + "." +
                      std::to_string(p->http_minor));
    }
    if (s.status < 100 || s.status > 999) {
      return s.refuse("invalid status code " + std::to_string(s.status));
    }
    if (s.status / 100 == 1) {
      if (s.status == 101) {
        return s.refuse("the server switched protocols (101), which was not asked for");
      }
      if (++s.interim > s.limits.max_interim_responses) {
        return s.refuse("more than " + std::to_string(s.limits.max_interim_responses) +
                        " interim (1xx) responses");
      }
      return 1;  // an interim response has no body; parse the next one
    }
    if (s.reply_to == ReplyTo::connect && s.status / 100 == 2) {
      // The tunnel starts after the head, so its framing headers describe
      // nothing. 2 tells llhttp the same: no body, another protocol follows.
      s.head_done = true;
      s.reset_counts();
      return 2;
    }
    if (s.transfer_encodings > 1 ||
        (s.transfer_encodings == 1 && s.transfer_encoding != "chunked")) {
      return s.refuse("unsupported Transfer-Encoding '" +
                      s.headers.get("Transfer-Encoding").value_or("") +
                      "' (only 'chunked' is supported)");
    }
    s.head_done = true;
    s.chunked = (p->flags & F_CHUNKED) != 0;
    if ((p->flags & F_CONTENT_LENGTH) != 0 && !s.chunked) s.content_length = p->content_length;
    s.reset_counts();  // trailers get a budget of their own
    // RFC 9112 section 6.3: these responses end with their head, whatever
    // their framing headers say.
    if (s.reply_to == ReplyTo::head || s.status == 204 || s.status == 304) return 1;
    // Room for the body as announced (up to 256 KiB), so that it is not
    // regrown piece by piece; a false length costs no more than that.
    if (s.content_length && s.body != nullptr) {
      s.body->reserve(s.body->size() + std::min<std::uint64_t>(*s.content_length, 256 * 1024));
    }
    return 0;
  }

  static int on_body(llhttp_t* p, const char* at, std::size_t n) {
    Impl& s = of(p);
    s.body_received += n;
    s.body->append(at, n);
    return 0;
  }

  static int on_message_complete(llhttp_t* p) {
    Impl& s = of(p);
    if (!s.head_done) return 0;  // an interim response: the final one follows
    s.done = true;
    s.keep_alive = llhttp_should_keep_alive(p) != 0;
    // Stop here: bytes after the response are not part of it.
    return HPE_PAUSED;
  }

  static const llhttp_settings_t& settings() {
    static const llhttp_settings_t instance = [] {
      llhttp_settings_t st;
      llhttp_settings_init(&st);
      st.on_message_begin = &on_message_begin;
      st.on_status = &on_status;
      st.on_status_complete = &on_status_complete;
      st.on_header_field = &on_header_field;
      st.on_header_value = &on_header_value;
      st.on_header_value_complete = &on_header_value_complete;
      st.on_headers_complete = &on_headers_complete;
      st.on_body = &on_body;
      st.on_message_complete = &on_message_complete;
      return st;
    }();
    return instance;
  }

  [[noreturn]] void fail(llhttp_errno_t err) {
    if (!error.empty()) throw RemoteProtocolError("malformed HTTP response: " + error);
    const char* why = llhttp_get_error_reason(&parser);
    throw RemoteProtocolError(std::string("malformed HTTP response: ") +
                              (why != nullptr && *why != '\0' ? why : "parse error") + " (" +
                              llhttp_errno_name(err) + ")");
  }
};

ResponseParser::ResponseParser(const HttpLimits& limits, ReplyTo reply_to)
    : impl_(std::make_unique<Impl>(limits, reply_to)) {}

ResponseParser::~ResponseParser() = default;

std::size_t ResponseParser::feed(std::string_view data, std::string& body) {
  Impl& s = *impl_;
  if (s.done || data.empty()) return 0;
  s.started = true;
  s.body = &body;
  const llhttp_errno_t err = llhttp_execute(&s.parser, data.data(), data.size());
  s.body = nullptr;
  // A field cut off by the end of `data` is copied before `data` goes.
  s.field.hold();
  s.value.hold();
  if (err == HPE_OK) return data.size();
  // HPE_PAUSED_UPGRADE: llhttp's own stop after a 2xx to CONNECT, should
  // the pause of on_message_complete not come first.
  if ((err == HPE_PAUSED || err == HPE_PAUSED_UPGRADE) && s.done) {
    const char* stop = llhttp_get_error_pos(&s.parser);
    return stop == nullptr ? data.size() : static_cast<std::size_t>(stop - data.data());
  }
  s.fail(err);
}

void ResponseParser::finish(std::string& body) {
  Impl& s = *impl_;
  if (s.done) return;
  if (!s.started) {
    throw RemoteProtocolError("server disconnected without sending a response");
  }
  if (!s.head_done) {
    throw RemoteProtocolError("server disconnected in the middle of the response head");
  }
  s.body = &body;
  const llhttp_errno_t err = llhttp_finish(&s.parser);
  s.body = nullptr;
  if (s.done && (err == HPE_OK || err == HPE_PAUSED)) return;
  std::string detail;
  if (s.content_length) {
    detail = " (received " + std::to_string(s.body_received) + " of " +
             std::to_string(*s.content_length) + " bytes)";
  } else if (s.chunked) {
    detail = " (incomplete chunked body after " + std::to_string(s.body_received) + " bytes)";
  }
  throw RemoteProtocolError("peer closed connection without sending complete message body" +
                            detail);
}

bool ResponseParser::started() const noexcept { return impl_->started; }
bool ResponseParser::head_complete() const noexcept { return impl_->head_done; }
bool ResponseParser::complete() const noexcept { return impl_->done; }
bool ResponseParser::keep_alive() const noexcept { return impl_->keep_alive; }
int ResponseParser::status() const noexcept { return impl_->status; }
const std::string& ResponseParser::reason() const noexcept { return impl_->reason; }

std::string ResponseParser::http_version() const {
  return impl_->parser.http_minor == 0 ? "HTTP/1.0" : "HTTP/1.1";
}

Headers ResponseParser::take_headers() { return std::move(impl_->headers); }

}  // namespace httpxx::native
