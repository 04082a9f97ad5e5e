#include "redirects.hpp"

#include "httpxx/errors.hpp"

namespace httpxx::detail {

namespace {

std::string redirect_method(const Request& request, int status) {
  const std::string& method = request.method();
  if (status == 303 && method != "HEAD") return "GET";
  // Browsers turn POST into GET on 301 and 302; HTTPX follows them.
  if ((status == 301 || status == 302) && method == "POST") return "GET";
  return method;
}

URL redirect_url(const Request& request, const Response& response) {
  const std::optional<std::string_view> location = response.headers().first("Location");
  URL url;
  try {
    url = URL(*location);
  } catch (const InvalidURL& e) {
    throw RemoteProtocolError(std::string("invalid URL in Location header: ") + e.what(), request);
  }
  if (url.is_absolute() && url.scheme() != "http" && url.scheme() != "https") {
    throw UnsupportedProtocol("redirect to an unsupported protocol '" + url.scheme() + "://'",
                              request);
  }
  if (url.is_relative() || url.host().empty()) url = request.url().join(url);
  // A fragment survives a redirect whose Location has none (RFC 9110 10.2.2).
  if (!request.url().fragment().empty() && url.fragment().empty() &&
      url.str().find('#') == std::string::npos) {
    url = URL(url.str() + "#" + request.url().fragment());
  }
  return url;
}

bool same_origin(const URL& a, const URL& b) {
  return a.scheme() == b.scheme() && a.host() == b.host() &&
         a.effective_port() == b.effective_port();
}

bool is_https_upgrade(const URL& from, const URL& to) {
  return from.host() == to.host() && from.scheme() == "http" && from.effective_port() == 80 &&
         to.scheme() == "https" && to.effective_port() == 443;
}

}  // namespace

Request build_redirect_request(const Request& request, const Response& response) {
  std::string method = redirect_method(request, response.status_code());
  URL url = redirect_url(request, response);
  Headers headers = request.headers();
  if (!same_origin(request.url(), url) && !is_https_upgrade(request.url(), url)) {
    headers.remove("Authorization");
    headers.remove("Proxy-Authorization");
  }
  headers.remove("Host");
  headers.remove("Cookie");
  std::string content;
  if (method != request.method() && method == "GET") {
    headers.remove("Content-Length");
    headers.remove("Transfer-Encoding");
    // HTTPX keeps Content-Type here; fetch drops it, and the browser build
    // cannot do otherwise, so httpxx drops it on every runtime (the same
    // request everywhere; docs/redirects.md lists it among the differences).
    headers.remove("Content-Type");
  } else if (request.stream()) {
    // The stream was sent already: sending this request throws
    // `StreamConsumed`, as HTTPX does (a copy of a source keeps its state).
    return Request(method, std::move(url), std::move(headers), *request.stream());
  } else {
    content = request.content();
  }
  return Request(method, std::move(url), std::move(headers), std::move(content));
}

}  // namespace httpxx::detail
