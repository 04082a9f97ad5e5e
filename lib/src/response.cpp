#include "httpxx/response.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "httpxx/errors.hpp"
#include "httpxx/json.hpp"
#include "response_state.hpp"
#include "text/charset.hpp"

namespace httpxx {

// ----------------------------------------------------------------- ByteStream

ByteStream::ByteStream(std::shared_ptr<detail::ResponseState> state, Kind kind)
    : state_(std::move(state)), kind_(kind) {}

Task<std::optional<std::string>> ByteStream::next() {
  auto state = state_;  // keep the response alive across the suspension
  switch (kind_) {
    case Kind::cached:
      if (cached_sent_ || state->content->empty()) co_return std::nullopt;
      cached_sent_ = true;
      co_return *state->content;
    case Kind::raw:
      co_return co_await state->next_raw();
    case Kind::decoded:
      break;
  }
  co_return co_await state->next_decoded();
}

// ------------------------------------------------------------------- Response

const detail::ResponseState& Response::checked() const {
  if (!state_) throw std::logic_error("use of an empty httpxx::Response");
  return *state_;
}

int Response::status_code() const { return checked().status; }
const std::string& Response::reason_phrase() const { return checked().reason; }
const std::string& Response::http_version() const { return checked().http_version; }
const Headers& Response::headers() const { return checked().headers; }
const URL& Response::url() const { return checked().url(); }
const Request& Response::request() const { return *checked().request; }
const std::vector<Response>& Response::history() const { return checked().history; }
const std::optional<Request>& Response::next_request() const {
  static const std::optional<Request> none;
  const auto& next = checked().next_request;
  return next ? *next : none;
}

std::chrono::nanoseconds Response::elapsed() const {
  const auto& s = checked();
  if (s.elapsed) return *s.elapsed;
  return std::chrono::steady_clock::now() - s.started;
}

std::optional<std::string> Response::charset_encoding() const {
  const std::optional<std::string_view> type = checked().headers.first("Content-Type");
  return type ? detail::charset_of(*type) : std::nullopt;
}

std::string Response::encoding() const {
  const auto& s = checked();
  if (s.encoding_override) return *s.encoding_override;
  if (auto declared = charset_encoding()) return *declared;
  return s.default_encoding;
}

void Response::set_encoding(std::string encoding) {
  checked();
  state_->encoding_override = std::move(encoding);
}

bool Response::is_redirect() const {
  switch (status_code()) {
    case 301:
    case 302:
    case 303:
    case 307:
    case 308:
      return true;
    default:
      return false;
  }
}

Cookies Response::cookies() const {
  Cookies cookies;
  cookies.extract_cookies(*this);
  return cookies;
}

bool Response::has_redirect_location() const {
  return is_redirect() && checked().headers.contains("Location");
}

const std::string& Response::content() const {
  const auto& s = checked();
  if (!s.content) {
    throw ResponseNotRead(
        "the response body was not read: call read() first (or do not set stream = true)",
        *s.request);
  }
  return *s.content;
}

std::string Response::text() const { return detail::to_utf8(content(), encoding()); }

TextStream Response::text_stream() {
  return TextStream(std::make_unique<ByteStream>(stream()), encoding());
}

LineStream Response::lines() { return LineStream(text_stream()); }

std::string to_json_text(const Json& value) { return boost::json::serialize(value); }

Json Response::json() const {
  boost::system::error_code ec;
  Json value = boost::json::parse(text(), ec);
  if (ec) throw DecodingError("response body is not valid JSON: " + ec.message(), request());
  return value;
}

const Response& Response::raise_for_status() const {
  const auto& s = checked();
  if (is_success()) return *this;
  std::string kind = is_informational()  ? "Informational response"
                     : is_redirect()     ? "Redirect response"
                     : is_client_error() ? "Client error"
                     : is_server_error() ? "Server error"
                                         : "Invalid status code";
  std::string message =
      kind + " '" + std::to_string(s.status) + " " + s.reason + "' for url '" + s.url().str() + "'";
  if (is_redirect()) {
    if (const std::optional<std::string_view> location = s.headers.first("Location")) {
      message += "\nRedirect location: '" + std::string(*location) + "'";
    }
  }
  throw HTTPStatusError(message, *s.request, *this);
}

Task<std::string_view> Response::read() {
  checked();
  auto state = state_;
  if (state->content) co_return std::string_view(*state->content);
  if (state->stream_consumed) {
    throw StreamConsumed("the response body was already consumed by stream() or raw()",
                         *state->request);
  }
  state->check_open();
  state->stream_consumed = true;
  std::string body;
  while (auto chunk = co_await state->next_decoded()) {
    state->check_read_size(body.size(), chunk->size());
    if (body.empty()) {
      body = std::move(*chunk);  // often the whole body, already sized for it
    } else {
      body += *chunk;
    }
  }
  state->content = std::move(body);
  co_await state->close();
  co_return std::string_view(*state->content);
}

ByteStream Response::stream() {
  checked();
  if (state_->content) return ByteStream(state_, ByteStream::Kind::cached);
  if (state_->stream_consumed) {
    throw StreamConsumed("the response body was already consumed", *state_->request);
  }
  state_->check_open();
  state_->stream_consumed = true;
  return ByteStream(state_, ByteStream::Kind::decoded);
}

ByteStream Response::raw() {
  checked();
  if (state_->stream_consumed) {
    throw StreamConsumed("the response body was already consumed", *state_->request);
  }
  state_->check_open();
  state_->stream_consumed = true;
  return ByteStream(state_, ByteStream::Kind::raw);
}

Task<void> Response::close() {
  checked();
  auto state = state_;
  co_await state->close();
}

bool Response::is_closed() const { return checked().closed; }
bool Response::is_stream_consumed() const { return checked().stream_consumed; }

std::string_view reason_phrase(int status_code) noexcept {
  switch (status_code) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 102:
      return "Processing";
    case 103:
      return "Early Hints";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 203:
      return "Non-Authoritative Information";
    case 204:
      return "No Content";
    case 205:
      return "Reset Content";
    case 206:
      return "Partial Content";
    case 207:
      return "Multi-Status";
    case 300:
      return "Multiple Choices";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 407:
      return "Proxy Authentication Required";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 417:
      return "Expectation Failed";
    case 418:
      return "I'm a teapot";
    case 421:
      return "Misdirected Request";
    case 422:
      return "Unprocessable Content";
    case 425:
      return "Too Early";
    case 426:
      return "Upgrade Required";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 451:
      return "Unavailable For Legal Reasons";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    case 511:
      return "Network Authentication Required";
    default:
      return "";
  }
}

}  // namespace httpxx
