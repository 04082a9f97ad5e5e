#include "body_encoding.hpp"

#include "httpxx/errors.hpp"
#include "multipart.hpp"

namespace httpxx::detail {

std::string encode_body(const RequestOptions& options, Headers& headers) {
  const bool multipart = !options.files.empty();
  int bodies = (options.content ? 1 : 0) + (options.content_stream ? 1 : 0) +
               (options.data || multipart ? 1 : 0) + (options.json ? 1 : 0);
  if (bodies > 1) {
    throw LocalProtocolError(
        "a request takes one body: content, content_stream, data/files or json, not several");
  }
  if (options.content) return *options.content;
  if (options.content_stream) {
    if (!headers.contains("Content-Length") && !headers.contains("Transfer-Encoding")) {
      if (const auto& length = options.content_stream->length()) {
        headers.set("Content-Length", std::to_string(*length));
      } else {
        headers.set("Transfer-Encoding", "chunked");
      }
    }
    return {};
  }
  if (multipart) {
    // A boundary the caller chose in the Content-Type is kept (HTTPX does
    // the same), which also makes the body reproducible.
    std::string boundary;
    if (const std::optional<std::string_view> type = headers.first("Content-Type"))
      boundary = boundary_of(*type);
    if (boundary.empty()) {
      boundary = make_boundary();
      headers.set("Content-Type", "multipart/form-data; boundary=" + boundary);
    }
    static const QueryParams kNoFields;
    return encode_multipart(options.data ? *options.data : kNoFields, options.files, boundary);
  }
  if (options.data) {
    headers.set_default("Content-Type", "application/x-www-form-urlencoded");
    return options.data->encode();
  }
  if (options.json) {
    headers.set_default("Content-Type", "application/json");
    return options.json->text();
  }
  return {};
}

void attach_body_stream(Request& request, const RequestOptions& options) {
  if (!options.content_stream) return;
  request = Request(request.method(), request.url(), request.headers(), *options.content_stream);
}

}  // namespace httpxx::detail
