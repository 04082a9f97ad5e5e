#include "output.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cctype>
#include <charconv>

#include "json_format.hpp"
#include "progress.hpp"
#include "terminal.hpp"

namespace httpxx::cli {

namespace {

template <class E>
bool is(const Error& e) {
  return dynamic_cast<const E*>(&e) != nullptr;
}

// The media type of Content-Type, lower case, without parameters.
std::string media_type(const Headers& headers) {
  std::string type = headers.get("Content-Type").value_or("");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  std::transform(type.begin(), type.end(), type.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

bool is_json_type(std::string_view type) {
  return type == "application/json" || type.ends_with("+json");
}

bool is_text_type(std::string_view type) {
  return type.starts_with("text/") || is_json_type(type) || type.ends_with("/xml") ||
         type.ends_with("+xml") || type.ends_with("/javascript") ||
         type == "application/x-www-form-urlencoded" || type == "application/x-ndjson";
}

// Without a Content-Type, a body is shown as text if it is UTF-8 without
// control characters other than whitespace.
bool looks_like_text(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return false;
      if (c == 0x7f) return false;
      ++i;
      continue;
    }
    // A valid lead byte says how many continuation bytes follow; 0: invalid.
    std::size_t extra = c >= 0xf5 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 ? 1 : 0;
    if (extra == 0 || i + extra >= bytes.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xc0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace

std::string_view error_name(const Error& e) {
  // Most specific first: the first match is the class `e` is, or its
  // nearest ancestor that this list knows.
  if (is<ConnectTimeout>(e)) return "ConnectTimeout";
  if (is<ReadTimeout>(e)) return "ReadTimeout";
  if (is<WriteTimeout>(e)) return "WriteTimeout";
  if (is<PoolTimeout>(e)) return "PoolTimeout";
  if (is<TimeoutException>(e)) return "TimeoutException";
  if (is<ConnectError>(e)) return "ConnectError";
  if (is<ReadError>(e)) return "ReadError";
  if (is<WriteError>(e)) return "WriteError";
  if (is<CloseError>(e)) return "CloseError";
  if (is<NetworkError>(e)) return "NetworkError";
  if (is<LocalProtocolError>(e)) return "LocalProtocolError";
  if (is<RemoteProtocolError>(e)) return "RemoteProtocolError";
  if (is<ProtocolError>(e)) return "ProtocolError";
  if (is<ProxyError>(e)) return "ProxyError";
  if (is<UnsupportedProtocol>(e)) return "UnsupportedProtocol";
  if (is<TransportError>(e)) return "TransportError";
  if (is<DecodingError>(e)) return "DecodingError";
  if (is<TooManyRedirects>(e)) return "TooManyRedirects";
  if (is<RequestError>(e)) return "RequestError";
  if (is<HTTPStatusError>(e)) return "HTTPStatusError";
  if (is<HTTPError>(e)) return "HTTPError";
  if (is<InvalidURL>(e)) return "InvalidURL";
  if (is<StreamConsumed>(e)) return "StreamConsumed";
  if (is<StreamClosed>(e)) return "StreamClosed";
  if (is<ResponseNotRead>(e)) return "ResponseNotRead";
  if (is<RequestNotRead>(e)) return "RequestNotRead";
  if (is<StreamError>(e)) return "StreamError";
  if (is<ClientClosed>(e)) return "ClientClosed";
  return "Error";
}

std::string error_line(const std::exception& e, bool colour) {
  std::string line = paint("error", kRed, colour) + ": ";
  if (const auto* error = dynamic_cast<const Error*>(&e)) {
    line += error_name(*error);
    line += ": ";
  }
  line += e.what();
  return line;
}

bool declares_binary(const Response& response) {
  const std::string type = media_type(response.headers());
  return !type.empty() && !is_text_type(type);
}

std::optional<std::uint64_t> expected_body_size(const Response& r) {
  if (r.request().method() == "HEAD") return std::uint64_t{0};
  const std::optional<std::string_view> encoding = r.headers().first("Content-Encoding");
  if (encoding && !iequals(*encoding, "identity")) return std::nullopt;
  const std::optional<std::string_view> length = r.headers().first("Content-Length");
  if (!length) return std::nullopt;
  std::uint64_t size = 0;
  auto [end, ec] = std::from_chars(length->data(), length->data() + length->size(), size);
  if (ec != std::errc() || end != length->data() + length->size()) return std::nullopt;
  return size;
}

std::string Printer::status(int code, std::string_view reason) const {
  std::string text = std::to_string(code);
  if (!reason.empty()) {
    text += ' ';
    text += reason;
  }
  std::string_view colour = code < 300 ? kGreen : code < 400 ? kYellow : kRed;
  return paint(text, colour, colour_);
}

void Printer::request_head(const Request& request, std::string_view version) {
  out_ << paint(request.method(), kBold, colour_) << ' ' << request.url().target() << ' ' << version
       << '\n';
  for (const auto& [name, value] : request.headers()) {
    out_ << paint(name, kCyan, colour_) << ": " << value << '\n';
  }
  out_ << '\n';
}

void Printer::response_head(const Response& response) {
  out_ << response.http_version() << ' ' << status(response.status_code(), response.reason_phrase())
       << '\n';
  for (const auto& [name, value] : response.headers()) {
    out_ << paint(name, kCyan, colour_) << ": " << value << '\n';
  }
  out_ << '\n';
}

namespace {

// A body as shown when formatted: pretty JSON for a JSON media type, text
// for a textual one, a placeholder otherwise. `text` gives the text of a
// textual body (a response decodes its charset).
template <class Text>
std::string formatted(const std::string& type, const std::string& bytes, Text text, bool colour) {
  if (is_json_type(type)) {
    boost::system::error_code ec;
    Json value = boost::json::parse(bytes, ec);
    if (!ec) return format_json(value, colour);
    return text();  // declared JSON, but is not: show it as it is
  }
  if (type.empty() ? looks_like_text(bytes) : is_text_type(type)) return text();
  return "<" + std::to_string(bytes.size()) + " bytes of binary data>";
}

}  // namespace

void Printer::line_end(std::string_view text) {
  out_ << text;
  if (!text.empty() && text.back() != '\n') out_ << '\n';
  out_.flush();
}

void Printer::request_body(const Request& request, bool pretty) {
  const std::string& content = request.content();
  if (content.empty()) return;
  if (pretty) {
    line_end(formatted(
        media_type(request.headers()), content, [&] { return content; }, colour_));
  } else {
    line_end(content);
  }
  out_ << '\n';
}

void Printer::body(const Response& response) {
  const std::string& content = response.content();
  if (content.empty()) return;
  line_end(formatted(
      media_type(response.headers()), content, [&] { return response.text(); }, colour_));
}

void Printer::binary_placeholder(std::uint64_t size) {
  out_ << "<" << size << " bytes of binary data>\n";
  out_.flush();
}

void Printer::raw(std::string_view bytes) {
  out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void Printer::summary(std::string_view url, std::size_t url_width, const Response* response,
                      std::size_t status_width, std::uint64_t bytes,
                      std::chrono::nanoseconds elapsed, std::string_view error) {
  std::string line(url);
  line.append(url_width - std::min(url_width, url.size()), ' ');
  line += "  ";
  if (response) {
    const std::size_t plain =
        std::to_string(response->status_code()).size() + 1 + response->reason_phrase().size();
    line += status(response->status_code(), response->reason_phrase());
    line.append(status_width - std::min(status_width, plain), ' ');
    std::string size = format_bytes(bytes);
    line += "  " + std::string(10 - std::min<std::size_t>(10, size.size()), ' ') + size + "  ";
    line += std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
    line += " ms";
  } else {
    line += error;
  }
  out_ << line << '\n';
}

}  // namespace httpxx::cli
