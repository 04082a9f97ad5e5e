#include "multipart.hpp"

#include <array>
#include <random>

#include "text/ascii.hpp"

namespace httpxx::detail {

namespace {

using detail::ascii::lower;

// A name or filename inside a quoted parameter, escaped as HTML5 forms do
// (and HTTPX): '"' and control characters percent-encoded, '\' doubled.
std::string quote_param(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size() + 2);
  out += '"';
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || (u < 0x20 && u != 0x1B)) {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else if (c == '\\') {
      out += "\\\\";
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

void open_part(std::string& out, std::string_view boundary, std::string_view name) {
  out += "--";
  out += boundary;
  out += "\r\nContent-Disposition: form-data; name=";
  out += quote_param(name);
}

}  // namespace

std::string make_boundary() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device random;
  std::string out;
  out.reserve(32);
  for (int i = 0; i < 4; ++i) {
    auto word = static_cast<std::uint32_t>(random());
    for (int j = 0; j < 8; ++j, word >>= 4) out += kHex[word & 0xF];
  }
  return out;
}

std::string boundary_of(std::string_view content_type) {
  std::string lowered = lower(content_type);
  if (lowered.rfind("multipart/form-data", 0) != 0) return {};
  std::size_t at = lowered.find("boundary=");
  if (at == std::string::npos) return {};
  std::string_view value = content_type.substr(at + 9);
  value = value.substr(0, value.find(';'));
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  return std::string(value);
}

std::string guess_content_type(std::string_view filename) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kTypes{{
      {"txt", "text/plain"},        {"html", "text/html"},      {"htm", "text/html"},
      {"css", "text/css"},          {"csv", "text/csv"},        {"js", "text/javascript"},
      {"json", "application/json"}, {"xml", "application/xml"}, {"pdf", "application/pdf"},
      {"zip", "application/zip"},   {"gz", "application/gzip"}, {"wasm", "application/wasm"},
      {"png", "image/png"},         {"jpg", "image/jpeg"},      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},         {"svg", "image/svg+xml"},   {"webp", "image/webp"},
      {"mp3", "audio/mpeg"},        {"mp4", "video/mp4"},
  }};
  std::size_t dot = filename.rfind('.');
  if (dot != std::string_view::npos) {
    std::string ext = lower(filename.substr(dot + 1));
    for (const auto& [known, type] : kTypes) {
      if (ext == known) return std::string(type);
    }
  }
  return "application/octet-stream";
}

std::string encode_multipart(const QueryParams& data, const Files& files,
                             std::string_view boundary) {
  std::string out;
  for (const auto& [name, value] : data) {
    open_part(out, boundary, name);
    out += "\r\n\r\n";
    out += value;
    out += "\r\n";
  }
  for (const auto& [name, file] : files) {
    open_part(out, boundary, name);
    if (!file.filename.empty()) {
      out += "; filename=";
      out += quote_param(file.filename);
    }
    out += "\r\nContent-Type: ";
    out += file.content_type.empty() ? guess_content_type(file.filename) : file.content_type;
    out += "\r\n\r\n";
    out += file.content;
    out += "\r\n";
  }
  out += "--";
  out += boundary;
  out += "--\r\n";
  return out;
}

}  // namespace httpxx::detail
