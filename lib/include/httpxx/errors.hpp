#pragma once
/// \file
/// The exceptions of httpxx. They mirror HTTPX's, under one root, `Error`:
///
///     Error
///     ├── HTTPError
///     │   ├── RequestError
///     │   │   ├── TransportError
///     │   │   │   ├── TimeoutException
///     │   │   │   │   ├── ConnectTimeout
///     │   │   │   │   ├── ReadTimeout
///     │   │   │   │   ├── WriteTimeout
///     │   │   │   │   └── PoolTimeout
///     │   │   │   ├── NetworkError
///     │   │   │   │   ├── ConnectError
///     │   │   │   │   ├── ReadError
///     │   │   │   │   ├── WriteError
///     │   │   │   │   └── CloseError
///     │   │   │   ├── ProtocolError
///     │   │   │   │   ├── LocalProtocolError
///     │   │   │   │   └── RemoteProtocolError
///     │   │   │   ├── ProxyError
///     │   │   │   └── UnsupportedProtocol
///     │   │   ├── DecodingError
///     │   │   ├── ResponseTooLarge
///     │   │   └── TooManyRedirects
///     │   └── HTTPStatusError
///     ├── InvalidURL
///     ├── StreamError
///     │   ├── StreamConsumed
///     │   ├── StreamClosed
///     │   ├── ResponseNotRead
///     │   └── RequestNotRead
///     └── ClientClosed
///
/// Errors raised while a request is being sent carry that request
/// (`has_request()` / `request()`); `HTTPStatusError` also carries the
/// response. Errors raised before there is a request (an invalid URL given
/// to `URL`, a bad header given to `Headers`) have none.

#include <memory>
#include <stdexcept>
#include <string>

namespace httpxx {

class Request;
class Response;

/// Root of every exception httpxx throws on purpose.
class Error : public std::runtime_error {
 public:
  /// An error with `message` (`what()`) and no request yet (the client attaches it).
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  /// An error with `message` that belongs to `request`.
  Error(const std::string& message, const Request& request);

  /// True if the error belongs to a request.
  [[nodiscard]] bool has_request() const noexcept { return request_ != nullptr; }
  /// The request the error belongs to. Throws `std::logic_error` if none.
  [[nodiscard]] const Request& request() const;
  /// Attaches `request` unless the error already has one (used by the client
  /// when an error from a transport or a hook crosses it).
  void attach_request(const Request& request);

 private:
  std::shared_ptr<const Request> request_;
};

#define HTTPXX_DECLARE_ERROR(Name, Base) \
  class Name : public Base {             \
   public:                               \
    using Base::Base;                    \
  }

/// Any error of a request or of its response's status (HTTPX's `HTTPError`).
HTTPXX_DECLARE_ERROR(HTTPError, Error);
/// Any error while sending a request and receiving its response.
HTTPXX_DECLARE_ERROR(RequestError, HTTPError);
/// An error of the transport (socket, TLS, fetch).
HTTPXX_DECLARE_ERROR(TransportError, RequestError);
/// A timeout: one of the four below, or `Timeout::total` passed (this class itself).
HTTPXX_DECLARE_ERROR(TimeoutException, TransportError);
/// Connecting (DNS, TCP, TLS handshake) took longer than `Timeout::connect`.
HTTPXX_DECLARE_ERROR(ConnectTimeout, TimeoutException);
/// No response bytes arrived for `Timeout::read`.
HTTPXX_DECLARE_ERROR(ReadTimeout, TimeoutException);
/// Sending the request stalled for `Timeout::write`.
HTTPXX_DECLARE_ERROR(WriteTimeout, TimeoutException);
/// No connection became free in the pool within `Timeout::pool`.
HTTPXX_DECLARE_ERROR(PoolTimeout, TimeoutException);
/// The connection failed (refused, reset, closed early, TLS failure, …).
HTTPXX_DECLARE_ERROR(NetworkError, TransportError);
/// No connection could be made: DNS failure, connection refused, TLS handshake or
/// certificate verification failed (a slow connect is `ConnectTimeout`).
HTTPXX_DECLARE_ERROR(ConnectError, NetworkError);
/// Receiving the response failed (connection reset or closed before its end).
HTTPXX_DECLARE_ERROR(ReadError, NetworkError);
/// Sending the request failed (connection reset or closed while writing).
HTTPXX_DECLARE_ERROR(WriteError, NetworkError);
/// Closing a connection failed (in HTTPX's hierarchy; httpxx's transports do not raise it:
/// a failed close is ignored).
HTTPXX_DECLARE_ERROR(CloseError, NetworkError);
/// HTTP was broken, by the request (`LocalProtocolError`) or the server
/// (`RemoteProtocolError`).
HTTPXX_DECLARE_ERROR(ProtocolError, TransportError);
/// The request could not be sent as given (bad header, bad method, …).
HTTPXX_DECLARE_ERROR(LocalProtocolError, ProtocolError);
/// The server broke HTTP (malformed response, limits exceeded, …).
HTTPXX_DECLARE_ERROR(RemoteProtocolError, ProtocolError);
/// The proxy failed the tunnel: a non-2xx answer to CONNECT, or bytes sent after its answer.
HTTPXX_DECLARE_ERROR(ProxyError, TransportError);
/// The URL's scheme is not one the transport speaks (http, https).
HTTPXX_DECLARE_ERROR(UnsupportedProtocol, TransportError);
/// The response body could not be decoded (corrupt gzip, unknown encoding,
/// decoded size over the limit).
HTTPXX_DECLARE_ERROR(DecodingError, RequestError);
/// `read()` (a request without `stream = true`) met a body larger than
/// `ClientOptions::max_read_size`.
HTTPXX_DECLARE_ERROR(ResponseTooLarge, RequestError);
/// Redirects went past `max_redirects`.
HTTPXX_DECLARE_ERROR(TooManyRedirects, RequestError);
/// The URL is not valid (syntax, forbidden characters).
HTTPXX_DECLARE_ERROR(InvalidURL, Error);
/// Misuse of a response body stream.
HTTPXX_DECLARE_ERROR(StreamError, Error);
/// The body was already consumed by `stream()`/`raw()`.
HTTPXX_DECLARE_ERROR(StreamConsumed, StreamError);
/// The response (or its client) was closed before the body was read.
HTTPXX_DECLARE_ERROR(StreamClosed, StreamError);
/// `content()`/`text()` before the body was read: call `read()` first.
HTTPXX_DECLARE_ERROR(ResponseNotRead, StreamError);
/// The request body is a stream that was not read.
HTTPXX_DECLARE_ERROR(RequestNotRead, StreamError);
/// A request was sent on a client after `close()`.
HTTPXX_DECLARE_ERROR(ClientClosed, Error);

#undef HTTPXX_DECLARE_ERROR

/// `Response::raise_for_status()` on a response that is not 2xx.
class HTTPStatusError : public HTTPError {
 public:
  /// Made by `raise_for_status()`; a copy of `response` is kept (see `response()`).
  HTTPStatusError(const std::string& message, const Request& request, const Response& response);
  /// The response that was not successful.
  [[nodiscard]] const Response& response() const { return *response_; }

 private:
  std::shared_ptr<const Response> response_;
};

}  // namespace httpxx
