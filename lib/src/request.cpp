#include "httpxx/request.hpp"

#include <stdexcept>

#include "httpxx/errors.hpp"

namespace httpxx {

ByteSource::ByteSource(Next next, std::optional<std::uint64_t> length)
    : next_(std::move(next)), length_(length) {
  if (!next_) throw std::invalid_argument("a ByteSource needs a function");
}

void ByteSource::open() {
  if (opened_) {
    throw StreamConsumed(
        "the request body stream was sent already and cannot be sent again (a 307/308 redirect, "
        "a retry or an auth challenge needs a replayable body: content, data, json or files)");
  }
  opened_ = true;
}

Request::Request(std::string_view method, URL url, Headers headers, ByteSource body)
    : Request(method, std::move(url), [&headers, &body]() -> Headers {
        if (!headers.contains("Content-Length") && !headers.contains("Transfer-Encoding")) {
          if (body.length()) {
            headers.set("Content-Length", std::to_string(*body.length()));
          } else {
            headers.set("Transfer-Encoding", "chunked");
          }
        }
        return std::move(headers);
      }()) {
  stream_ = std::make_shared<ByteSource>(std::move(body));
}

Request::Request(std::string_view method, URL url, Headers headers, std::string content)
    : url_(std::move(url)), headers_(std::move(headers)), content_(std::move(content)) {
  if (method.empty()) throw LocalProtocolError("empty request method");
  method_.reserve(method.size());
  for (char c : method) {
    // A method is a token; anything else could split the request line.
    if (c <= ' ' || c >= 0x7f || c == '(' || c == ')' || c == ',' || c == '/' || c == ':' ||
        c == ';' || c == '<' || c == '=' || c == '>' || c == '?' || c == '@' || c == '[' ||
        c == '\\' || c == ']' || c == '{' || c == '}' || c == '"') {
      throw LocalProtocolError("invalid character in request method");
    }
    method_ += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  }
  if (!headers_.contains("Host") && !url_.host().empty()) headers_.set("Host", url_.host_header());
  if (!headers_.contains("Content-Length") && !headers_.contains("Transfer-Encoding")) {
    if (!content_.empty() || method_ == "POST" || method_ == "PUT" || method_ == "PATCH") {
      headers_.set("Content-Length", std::to_string(content_.size()));
    }
  }
}

}  // namespace httpxx
