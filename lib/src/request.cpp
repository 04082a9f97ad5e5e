#include "httpxx/request.hpp"

#include "httpxx/errors.hpp"

namespace httpxx {

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
