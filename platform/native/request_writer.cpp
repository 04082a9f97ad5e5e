#include "request_writer.hpp"

#include <cstdio>

namespace httpxx::native {

namespace {

// True if the comma-separated `list` holds `token` (case-insensitive).
bool has_token(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (iequals(item, token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

// Writes a request head: the request line (`target_prefix` and `target`
// side by side, so that the absolute form needs no joined copy), the
// `headers` as given, then `proxy_authorization` if not empty. Returns true
// if the headers ask for chunked framing. One writer for every request
// head, CONNECT included, so that they all go out the same way.
bool write_head(std::string& head, std::string_view method, std::string_view target_prefix,
                std::string_view target, const Headers& headers,
                std::string_view proxy_authorization) {
  std::size_t size = method.size() + target_prefix.size() + target.size() + 14;
  for (const auto& [name, value] : headers) size += name.size() + value.size() + 4;
  if (!proxy_authorization.empty()) size += proxy_authorization.size() + 23;
  head.reserve(size);
  head += method;
  head += ' ';
  head += target_prefix;
  head += target;
  head += " HTTP/1.1\r\n";
  bool chunked = false;
  for (const auto& [name, value] : headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
    if (iequals(name, "Transfer-Encoding") && has_token(value, "chunked")) chunked = true;
  }
  if (!proxy_authorization.empty()) {
    head += "Proxy-Authorization: ";
    head += proxy_authorization;
    head += "\r\n";
  }
  head += "\r\n";
  return chunked;
}

}  // namespace

WireRequest serialize_request(const Request& request, const Proxy* forward) {
  WireRequest wire;
  const URL& url = request.url();
  // Absolute form: "scheme://host[:port]" ahead of the path; `Host` stays
  // as `lib/` wrote it (RFC 9112 section 3.2.2 wants them to agree).
  const std::string prefix = forward != nullptr ? url.origin() : std::string();
  const bool chunked = write_head(
      wire.head, request.method(), prefix, url.target(), request.headers(),
      forward != nullptr ? std::string_view(forward->authorization) : std::string_view());

  const std::string& content = request.content();
  wire.content = &content;
  if (request.stream()) {
    // Framed piece by piece as the stream produces them (Exchange::send).
    wire.stream = request.stream().get();
    wire.framed = chunked;
    if (!chunked) {
      if (const std::optional<std::string_view> length =
              request.headers().first("Content-Length")) {
        std::uint64_t n = 0;
        for (char c : *length) {
          if (c < '0' || c > '9') break;
          n = n * 10 + static_cast<std::uint64_t>(c - '0');
        }
        wire.stream_length = n;
      }
    }
    return wire;
  }
  if (chunked) {
    // The caller chose chunked framing: the whole content is one chunk.
    if (!content.empty()) {
      char size_line[32];
      std::snprintf(size_line, sizeof size_line, "%zx\r\n", content.size());
      wire.framed_body = size_line;
      wire.framed_body += content;
      wire.framed_body += "\r\n";
    }
    wire.framed_body += "0\r\n\r\n";
    wire.framed = true;
  }
  wire.content = &content;
  return wire;
}

std::string serialize_connect(std::string_view authority, const Proxy& proxy) {
  Headers headers;
  headers.add("Host", authority);
  std::string head;
  (void)write_head(head, "CONNECT", {}, authority, headers, proxy.authorization);
  return head;
}

std::string chunk_prefix(std::size_t size, bool first) {
  char line[40];
  std::snprintf(line, sizeof line, "%s%zx\r\n", first ? "" : "\r\n", size);
  return line;
}

bool wants_close(const Request& request) {
  for (const auto& [name, value] : request.headers()) {
    if (iequals(name, "Connection") && has_token(value, "close")) return true;
  }
  return false;
}

}  // namespace httpxx::native
