#include "exit_codes.hpp"

#include <httpxx/errors.hpp>
#include <stdexcept>
#include <string_view>

#include "args.hpp"

namespace httpxx::cli {

namespace {

template <class E>
bool is(const std::exception& e) {
  return dynamic_cast<const E*>(&e) != nullptr;
}

constexpr ExitDoc kExitDocs[] = {
    {Exit::ok, "the response is 2xx (with --parallel: every response)"},
    {Exit::other, "another error, such as a --download file that cannot be written"},
    {Exit::usage,
     "the command line cannot be run: a usage error, an invalid URL, a file it names that cannot "
     "be read, a --proxy or --cacert the client refuses"},
    {Exit::status_3xx, "the final response is 3xx (a redirect not followed)"},
    {Exit::status_4xx, "the final response is 4xx"},
    {Exit::status_5xx, "the final response is 5xx"},
    {Exit::too_many_redirects, "more than 20 redirects (TooManyRedirects)"},
    {Exit::timeout, "a timeout: connect, read, write or pool (TimeoutException)"},
    {Exit::connect,
     "no connection: refused, unknown host, proxy refused (ConnectError, ProxyError)"},
    {Exit::tls, "the TLS handshake failed: untrusted or expired certificate, wrong host name, ..."},
    {Exit::network, "the connection broke after it was made (ReadError, WriteError, CloseError)"},
    {Exit::protocol,
     "the server broke HTTP, or its body could not be decoded (ProtocolError, DecodingError)"},
};

}  // namespace

Exit exit_for_status(int code) {
  switch (code / 100) {
    case 2:
      return Exit::ok;
    case 3:
      return Exit::status_3xx;
    case 4:
      return Exit::status_4xx;
    case 5:
      return Exit::status_5xx;
    default:
      return Exit::other;
  }
}

Exit exit_for_error(const std::exception& e) {
  if (is<UsageError>(e) || is<InvalidURL>(e) || is<UnsupportedProtocol>(e)) return Exit::usage;
  if (is<TimeoutException>(e)) return Exit::timeout;
  if (is<ConnectError>(e)) {
    // The native transport reports a failed handshake as a ConnectError
    // whose message begins "TLS connection to HOST failed: ...".
    return std::string_view(e.what()).starts_with("TLS ") ? Exit::tls : Exit::connect;
  }
  if (is<ProxyError>(e)) return Exit::connect;
  if (is<NetworkError>(e)) return Exit::network;
  if (is<ProtocolError>(e) || is<DecodingError>(e)) return Exit::protocol;
  if (is<TooManyRedirects>(e)) return Exit::too_many_redirects;
  return Exit::other;
}

std::span<const ExitDoc> exit_docs() { return kExitDocs; }

}  // namespace httpxx::cli
