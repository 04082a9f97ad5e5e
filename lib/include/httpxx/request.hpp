#pragma once
/// \file
/// `Request`: a method, a URL, headers and a body.

#include <string>
#include <string_view>

#include "httpxx/headers.hpp"
#include "httpxx/url.hpp"

namespace httpxx {

/// An HTTP request, as it will be sent.
///
/// The constructor validates what it is given: the method must be a token
/// (it is upper-cased; else `LocalProtocolError`), and the headers are
/// already free of CR/LF/NUL by construction. Whether the URL's scheme is
/// one a transport speaks is checked when the request is sent
/// (`UnsupportedProtocol`). It adds
/// `Host` from the URL and `Content-Length` for a body (and `0` for POST,
/// PUT and PATCH without one) unless the caller set them.
class Request {
 public:
  Request(std::string_view method, URL url, Headers headers = {}, std::string content = {});

  [[nodiscard]] const std::string& method() const noexcept { return method_; }
  [[nodiscard]] const URL& url() const noexcept { return url_; }
  [[nodiscard]] const Headers& headers() const noexcept { return headers_; }
  /// Mutable headers, for hooks and auth before sending.
  [[nodiscard]] Headers& headers() noexcept { return headers_; }
  /// The body bytes (empty if none).
  [[nodiscard]] const std::string& content() const noexcept { return content_; }

 private:
  std::string method_;
  URL url_;
  Headers headers_;
  std::string content_;
};

}  // namespace httpxx
