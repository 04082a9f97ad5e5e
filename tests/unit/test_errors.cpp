#include <doctest/doctest.h>

#include <type_traits>

#include "support.hpp"

using namespace httpxx;

TEST_CASE("the exception hierarchy mirrors HTTPX's") {
  CHECK(std::is_base_of_v<TimeoutException, ConnectTimeout>);
  CHECK(std::is_base_of_v<TimeoutException, ReadTimeout>);
  CHECK(std::is_base_of_v<TimeoutException, WriteTimeout>);
  CHECK(std::is_base_of_v<TimeoutException, PoolTimeout>);
  CHECK(std::is_base_of_v<TransportError, TimeoutException>);
  CHECK(std::is_base_of_v<NetworkError, ConnectError>);
  CHECK(std::is_base_of_v<NetworkError, ReadError>);
  CHECK(std::is_base_of_v<NetworkError, WriteError>);
  CHECK(std::is_base_of_v<NetworkError, CloseError>);
  CHECK(std::is_base_of_v<TransportError, NetworkError>);
  CHECK(std::is_base_of_v<ProtocolError, LocalProtocolError>);
  CHECK(std::is_base_of_v<ProtocolError, RemoteProtocolError>);
  CHECK(std::is_base_of_v<TransportError, ProtocolError>);
  CHECK(std::is_base_of_v<TransportError, UnsupportedProtocol>);
  CHECK(std::is_base_of_v<TransportError, ProxyError>);
  CHECK(std::is_base_of_v<RequestError, TransportError>);
  CHECK(std::is_base_of_v<RequestError, DecodingError>);
  CHECK(std::is_base_of_v<RequestError, TooManyRedirects>);
  CHECK(std::is_base_of_v<RequestError, httpxx::ResponseTooLarge>);
  CHECK(std::is_base_of_v<HTTPError, RequestError>);
  CHECK(std::is_base_of_v<HTTPError, HTTPStatusError>);
  CHECK(std::is_base_of_v<StreamError, StreamConsumed>);
  CHECK(std::is_base_of_v<StreamError, StreamClosed>);
  CHECK(std::is_base_of_v<StreamError, ResponseNotRead>);
  CHECK(std::is_base_of_v<StreamError, RequestNotRead>);
  CHECK(std::is_base_of_v<Error, HTTPError>);
  CHECK(std::is_base_of_v<Error, InvalidURL>);
  CHECK(std::is_base_of_v<Error, StreamError>);
  CHECK(std::is_base_of_v<std::runtime_error, Error>);
  CHECK_FALSE(std::is_base_of_v<HTTPError, InvalidURL>);
}

TEST_CASE("an error carries its request, and keeps the first one attached") {
  Request first("GET", "http://a.test/1");
  ReadError e("boom", first);
  CHECK(e.has_request());
  CHECK(e.request().url().str() == "http://a.test/1");
  e.attach_request(Request("GET", "http://a.test/2"));
  CHECK(e.request().url().str() == "http://a.test/1");
  CHECK(std::string(e.what()) == "boom");
}

TEST_CASE("an error raised before any request has none, and says so") {
  InvalidURL e("bad");
  CHECK_FALSE(e.has_request());
  CHECK_THROWS_AS((void)e.request(), std::logic_error);
}
