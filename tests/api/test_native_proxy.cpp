// Proxies natively: absolute-form forwarding and CONNECT tunnels through
// the test proxies (tests/server/proxy.mjs), Proxy-Authorization, a refused
// tunnel, broken answers to CONNECT (the `connect_*` raw cases, which the
// test proxy serves), the CONNECT and absolute-form heads as written, and
// proxies taken from the environment (HTTP_PROXY, NO_PROXY, ...).
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include "native_support.hpp"
#include "proxy.hpp"
#include "raw_checks.hpp"
#include "request_writer.hpp"
#include "response_parser.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;
using httpxx::native::HttpLimits;

namespace {

constexpr const char* kCredentials = "proxyuser:proxypass";

// A response's JSON object, by value (`json()` returns a new document).
boost::json::object object_of(const httpxx::Response& r) { return as_object(r.json()); }

// `url` ("http://127.0.0.1:PORT") with `userinfo@` inserted.
std::string with_userinfo(std::string url, const std::string& userinfo) {
  return url.insert(url.find("://") + 3, userinfo + "@");
}

// The proxy's own counters (GET /__proxy_stats, sent directly).
boost::json::object proxy_stats(const std::string& proxy) {
  boost::json::object out;
  httpxx::ClientOptions options;
  options.trust_env = false;
  with_client(
      [&out, proxy](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(proxy + "/__proxy_stats");
        out = object_of(r);
      },
      std::move(options));
  return out;
}

std::int64_t forwarded(const std::string& proxy) {
  return proxy_stats(proxy).at("forwarded").as_int64();
}
std::int64_t tunnels(const std::string& proxy) {
  return proxy_stats(proxy).at("tunnels").as_int64();
}

// Sets proxy environment variables for a scope; every proxy variable not
// given is unset meanwhile. Restores them all afterwards.
class ProxyEnv {
 public:
  explicit ProxyEnv(std::vector<std::pair<std::string, std::string>> values) {
    for (const char* name : kNames) {
      const char* old = std::getenv(name);
      saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      ::unsetenv(name);
    }
    for (const auto& [name, value] : values) ::setenv(name.c_str(), value.c_str(), 1);
  }
  ~ProxyEnv() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  ProxyEnv(const ProxyEnv&) = delete;
  ProxyEnv& operator=(const ProxyEnv&) = delete;

 private:
  static constexpr const char* kNames[] = {"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
                                           "ALL_PROXY",  "all_proxy",  "NO_PROXY",    "no_proxy"};
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

httpxx::ClientOptions through(const std::string& proxy) {
  httpxx::ClientOptions options;
  options.proxy = proxy;
  options.ca_file = env("HTTPXX_TEST_CERTS") + "/ca.crt";
  return options;
}

httpxx::ClientOptions from_env(bool trust_env = true) {
  httpxx::ClientOptions options;
  options.trust_env = trust_env;
  options.ca_file = env("HTTPXX_TEST_CERTS") + "/ca.crt";
  return options;
}

// Sends GET `url` with `options` and returns the status.
int status_of_get(const std::string& url, httpxx::ClientOptions options) {
  int status = 0;
  with_client(
      [&status, url](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(url);
        status = r.status_code();
      },
      std::move(options));
  return status;
}

// The URL whose CONNECT the test proxy answers with raw case `name`; a
// tunnel it then opens goes to the https test server.
std::string raw_connect(std::string_view name) {
  const std::string https_origin = env("HTTPXX_TEST_HTTPS");
  return "https://" + std::string(name) + ".raw.invalid" +
         https_origin.substr(https_origin.rfind(':')) + "/get";
}

// A transport whose https requests tunnel through the open test proxy. The
// certificate cannot match the made-up host names of `raw_connect`, so it
// is not verified: these tests are about the answer to CONNECT.
NativeOptions tunnelling(HttpLimits limits = {}) {
  NativeOptions native;
  native.proxy.https = env("HTTPXX_TEST_PROXY");
  native.tls.verify = false;
  native.http = limits;
  return native;
}

// CONNECT answered with raw case `name` must fail with an `E` whose message
// names the proxy and contains `reason`, and leave no connection behind.
template <class E>
void expect_connect_failure(std::string name, std::string reason, HttpLimits limits = {}) {
  with_transport(
      [=](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        const std::string message = co_await expect_error<E>(client.get(raw_connect(name)));
        CHECK_MESSAGE(message.find(reason) != std::string::npos,
                      "'" << message << "' does not mention '" << reason << "'");
        CHECK(message.find("proxy 127.0.0.1:") != std::string::npos);
        CHECK(transport.pool_stats().open == 0);
        CHECK(transport.pool_stats().idle == 0);
      },
      tunnelling(limits), short_timeouts());
}

// CONNECT answered with raw case `name` must open the tunnel: the https
// server answers through it.
void expect_tunnel(std::string name) {
  with_transport(
      [=](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        auto r = co_await client.get(raw_connect(name));
        CHECK(r.status_code() == 200);
        CHECK(object_of(r).at("url").as_string().find("/get") != std::string::npos);
        CHECK(transport.pool_stats().idle == 1);
      },
      tunnelling(), short_timeouts());
}

}  // namespace

TEST_CASE("an http request goes through the proxy in absolute form") {
  const std::string proxy = env("HTTPXX_TEST_PROXY");
  const std::int64_t before = forwarded(proxy);
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(http("/get?x=1"));
        CHECK(r.status_code() == 200);
        CHECK(r.headers().get("X-Proxied-By").value_or("") == "httpxx-test-proxy");
        const boost::json::object doc = object_of(r);
        const boost::json::object& headers = doc.at("headers").as_object();
        CHECK(headers.at("via").as_string() == "1.1 httpxx-test-proxy");
        CHECK(doc.at("args").as_object().at("x").as_string() == "1");
      },
      through(proxy));
  CHECK(forwarded(proxy) == before + 1);
  const boost::json::array targets = proxy_stats(proxy).at("targets").as_array();
  REQUIRE(!targets.empty());
  CHECK(targets.back().as_string() == "GET " + http("/get?x=1"));
}

TEST_CASE("requests forwarded by the proxy share its pooled connection") {
  with_transport(
      [](AsyncClient& client, NativeTransport& transport) -> Task<void> {
        for (int i = 0; i < 3; ++i) {
          auto r = co_await client.get(http("/get"));
          CHECK(r.status_code() == 200);
        }
        CHECK(transport.pool_stats().tickets == 1);
        CHECK(transport.pool_stats().reused == 2);
      },
      [] {
        NativeOptions native;
        native.proxy.http = env("HTTPXX_TEST_PROXY");
        return native;
      }());
}

TEST_CASE("an https request goes through a CONNECT tunnel and verifies the target") {
  const std::string proxy = env("HTTPXX_TEST_PROXY");
  const std::int64_t before = tunnels(proxy);
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(https("/get"));
        CHECK(r.status_code() == 200);
        // TLS ran end to end: the proxy saw no request, so added nothing.
        CHECK(!r.headers().get("X-Proxied-By"));
        CHECK(!object_of(r).at("headers").as_object().contains("via"));
      },
      through(proxy));
  CHECK(tunnels(proxy) == before + 1);
  const boost::json::array targets = proxy_stats(proxy).at("targets").as_array();
  CHECK(targets.back().as_string() == "CONNECT " + env("HTTPXX_TEST_HTTPS").substr(8));
}

TEST_CASE("the tunnelled TLS handshake checks the target's certificate") {
  // Without the test CA the target's certificate is not trusted.
  httpxx::ClientOptions options;
  options.proxy = env("HTTPXX_TEST_PROXY");
  with_client(
      [](AsyncClient& client) -> Task<void> {
        std::string message =
            co_await expect_error<httpxx::ConnectError>(client.get(https("/get")));
        CHECK(message.find("certificate verify failed") != std::string::npos);
      },
      std::move(options));
}

TEST_CASE("proxy credentials from the URL authorize http and CONNECT, never reaching the origin") {
  const std::string proxy = env("HTTPXX_TEST_PROXY_AUTH");
  const std::int64_t before = forwarded(proxy);
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto plain = co_await client.get(http("/headers"));
        CHECK(plain.status_code() == 200);
        CHECK(!object_of(plain).at("headers").as_object().contains("proxy-authorization"));
        auto tunnelled = co_await client.get(https("/headers"));
        CHECK(tunnelled.status_code() == 200);
        CHECK(!object_of(tunnelled).at("headers").as_object().contains("proxy-authorization"));
      },
      through(with_userinfo(proxy, kCredentials)));
  CHECK(forwarded(proxy) == before + 1);
}

TEST_CASE("without proxy credentials http gets the proxy's 407 and CONNECT a ProxyError") {
  const std::string proxy = env("HTTPXX_TEST_PROXY_AUTH");
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(http("/get"));
        CHECK(r.status_code() == 407);
        CHECK(r.headers().get("Proxy-Authenticate").value_or("").find("Basic") == 0);
        std::string message = co_await expect_error<httpxx::ProxyError>(client.get(https("/get")));
        CHECK(message.find("407") != std::string::npos);
      },
      through(with_userinfo(proxy, "proxyuser:wrong")));
}

TEST_CASE("a CONNECT the proxy cannot open is a ProxyError with its status") {
  const std::string target = "https://127.0.0.1:" + std::to_string(closed_port()) + "/";
  with_client(
      [target](AsyncClient& client) -> Task<void> {
        std::string message = co_await expect_error<httpxx::ProxyError>(client.get(target));
        CHECK(message.find("502") != std::string::npos);
      },
      through(env("HTTPXX_TEST_PROXY")));
}

TEST_CASE("an unreachable proxy is a ConnectError naming the proxy") {
  const std::string proxy = "http://127.0.0.1:" + std::to_string(closed_port());
  with_client(
      [](AsyncClient& client) -> Task<void> {
        std::string message = co_await expect_error<httpxx::ConnectError>(client.get(http("/get")));
        CHECK(message.find("Connection refused") != std::string::npos);
        message = co_await expect_error<httpxx::ConnectError>(client.get(https("/get")));
        CHECK(message.find("proxy 127.0.0.1:") != std::string::npos);
      },
      through(proxy));
}

TEST_CASE("a proxy URL that is not http:// is rejected when the client is made") {
  httpxx::ClientOptions options;
  options.proxy = "socks5://127.0.0.1:1080";
  CHECK_THROWS_AS(httpxx::AsyncClient(std::move(options)), std::invalid_argument);
}

TEST_CASE("HTTP_PROXY and HTTPS_PROXY from the environment are used") {
  const std::string proxy = env("HTTPXX_TEST_PROXY");
  const std::int64_t forwarded_before = forwarded(proxy);
  const std::int64_t tunnels_before = tunnels(proxy);
  {
    ProxyEnv scope({{"HTTP_PROXY", proxy}, {"https_proxy", proxy}});
    CHECK(status_of_get(http("/get"), from_env()) == 200);
    CHECK(status_of_get(https("/get"), from_env()) == 200);
  }
  CHECK(forwarded(proxy) == forwarded_before + 1);
  CHECK(tunnels(proxy) == tunnels_before + 1);
}

TEST_CASE("ALL_PROXY is the fallback and a value without a scheme means http://") {
  const std::string proxy = env("HTTPXX_TEST_PROXY");
  const std::int64_t before = forwarded(proxy);
  {
    ProxyEnv scope({{"ALL_PROXY", proxy.substr(7)}});
    CHECK(status_of_get(http("/get"), from_env()) == 200);
  }
  CHECK(forwarded(proxy) == before + 1);
}

TEST_CASE("NO_PROXY sends matching hosts directly") {
  const std::string proxy = env("HTTPXX_TEST_PROXY");
  const std::int64_t before = forwarded(proxy);
  {
    ProxyEnv scope({{"HTTP_PROXY", proxy}, {"NO_PROXY", "example.com, 127.0.0.1"}});
    CHECK(status_of_get(http("/get"), from_env()) == 200);
  }
  CHECK(forwarded(proxy) == before);
  {
    ProxyEnv scope({{"http_proxy", proxy}, {"no_proxy", "localhost,.example.com"}});
    CHECK(status_of_get(http("/get"), from_env()) == 200);
  }
  CHECK(forwarded(proxy) == before + 1);
}

TEST_CASE("trust_env = false ignores the proxy environment") {
  const std::string proxy = env("HTTPXX_TEST_PROXY");
  const std::int64_t before = forwarded(proxy);
  {
    ProxyEnv scope({{"HTTP_PROXY", proxy}, {"ALL_PROXY", proxy}});
    CHECK(status_of_get(http("/get"), from_env(false)) == 200);
  }
  CHECK(forwarded(proxy) == before);
}

TEST_CASE("an explicit proxy wins over the environment and ignores NO_PROXY") {
  const std::string proxy = env("HTTPXX_TEST_PROXY");
  const std::int64_t before = forwarded(proxy);
  {
    ProxyEnv scope({{"HTTP_PROXY", "http://127.0.0.1:1"}, {"NO_PROXY", "*"}});
    CHECK(status_of_get(http("/get"), through(proxy)) == 200);
  }
  CHECK(forwarded(proxy) == before + 1);
}

TEST_CASE("NO_PROXY entries match as curl and HTTPX do") {
  using httpxx::native::bypasses_proxy;
  CHECK(bypasses_proxy("*", "anything.test", 80));
  CHECK(bypasses_proxy("example.com", "example.com", 80));
  CHECK(bypasses_proxy("example.com", "api.EXAMPLE.com", 443));
  CHECK(bypasses_proxy(".example.com", "example.com", 80));
  CHECK(bypasses_proxy(".example.com", "a.b.example.com", 80));
  CHECK_FALSE(bypasses_proxy("example.com", "myexample.com", 80));
  CHECK(bypasses_proxy("a.test, example.com:8080 ,b.test", "example.com", 8080));
  CHECK_FALSE(bypasses_proxy("example.com:8080", "example.com", 80));
  CHECK(bypasses_proxy("127.0.0.1", "127.0.0.1", 1234));
  CHECK_FALSE(bypasses_proxy("127.0.0.1", "127.0.0.10", 1234));
  CHECK(bypasses_proxy("::1", "::1", 80));
  CHECK(bypasses_proxy("[::1]:8080", "::1", 8080));
  CHECK_FALSE(bypasses_proxy("[::1]:8080", "::1", 80));
  CHECK(bypasses_proxy("http://example.com", "example.com", 80));
  CHECK_FALSE(bypasses_proxy("", "example.com", 80));
  CHECK_FALSE(bypasses_proxy(" , ", "example.com", 80));
}

TEST_CASE("a proxy URL's userinfo becomes Basic Proxy-Authorization") {
  using httpxx::native::Proxy;
  const Proxy p = Proxy::parse("http://user:p%40ss@proxy.test:3128");
  CHECK(p.host == "proxy.test");
  CHECK(p.port == 3128);
  CHECK(p.authorization == "Basic dXNlcjpwQHNz");  // user:p@ss
  CHECK(Proxy::parse("http://proxy.test").port == 80);
  CHECK(Proxy::parse("http://proxy.test").authorization.empty());
  CHECK_THROWS_AS((void)Proxy::parse("https://proxy.test"), std::invalid_argument);
}

TEST_CASE("a CONNECT answer head over the head limit is refused as any response head") {
  expect_connect_failure<httpxx::RemoteProtocolError>("connect_head_too_large",
                                                      "response head is larger than 65536 bytes");
  // The limits are the transport's, whatever they are set to.
  HttpLimits small;
  small.max_header_bytes = 100;
  expect_connect_failure<httpxx::RemoteProtocolError>(
      "connect_407_with_body", "response head is larger than 100 bytes", small);
}

TEST_CASE("a CONNECT answer with too many header fields is refused as any response head") {
  expect_connect_failure<httpxx::RemoteProtocolError>("connect_too_many_fields",
                                                      "more than 200 header fields");
}

TEST_CASE("a malformed status line from the proxy is a RemoteProtocolError naming the proxy") {
  expect_connect_failure<httpxx::RemoteProtocolError>("connect_bad_status_line",
                                                      "bad CONNECT response from proxy");
}

TEST_CASE("a proxy that closes in the middle of its CONNECT answer is a RemoteProtocolError") {
  expect_connect_failure<httpxx::RemoteProtocolError>("connect_closed_mid_head",
                                                      "in the middle of the response head");
}

TEST_CASE("a 407 to CONNECT with a body is a ProxyError with the status and reason") {
  expect_connect_failure<httpxx::ProxyError>(
      "connect_407_with_body", "refused CONNECT to connect_407_with_body.raw.invalid:");
  expect_connect_failure<httpxx::ProxyError>("connect_407_with_body",
                                             ": 407 Proxy Authentication Required");
}

TEST_CASE("bytes after a 2xx CONNECT head are a ProxyError") {
  expect_connect_failure<httpxx::ProxyError>("connect_200_then_data",
                                             "sent data after its CONNECT response");
}

TEST_CASE("framing fields of a 2xx CONNECT answer are ignored and the tunnel opens") {
  expect_tunnel("connect_200_content_length");
  expect_tunnel("connect_200_transfer_encoding");
}

TEST_CASE("a CONNECT answer after a 1xx, in writes of three bytes, opens the tunnel") {
  expect_tunnel("connect_200_split");
}

TEST_CASE("CONNECT goes out in authority form with Host and the proxy's credentials") {
  httpxx::native::Proxy proxy;
  proxy.host = "proxy.test";
  proxy.port = 3128;
  CHECK(httpxx::native::serialize_connect("example.com:443", proxy) ==
        "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
  proxy.authorization = "Basic dXNlcjpwYXNz";
  CHECK(httpxx::native::serialize_connect("[::1]:8443", proxy) ==
        "CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n"
        "Proxy-Authorization: Basic dXNlcjpwYXNz\r\n\r\n");
}

TEST_CASE("a forwarded request is written in absolute form, a direct one in origin form") {
  using httpxx::native::serialize_request;
  httpxx::native::Proxy proxy;
  proxy.authorization = "Basic dXNlcjpwYXNz";
  httpxx::Headers headers;
  headers.add("Host", "example.com:8080");
  const httpxx::Request request("GET", httpxx::URL("http://example.com:8080/a/b?x=1#frag"),
                                headers);
  CHECK(serialize_request(request, &proxy).head ==
        "GET http://example.com:8080/a/b?x=1 HTTP/1.1\r\nHost: example.com:8080\r\n"
        "Proxy-Authorization: Basic dXNlcjpwYXNz\r\n\r\n");
  CHECK(serialize_request(request).head ==
        "GET /a/b?x=1 HTTP/1.1\r\nHost: example.com:8080\r\n\r\n");
  const httpxx::Request v6("DELETE", httpxx::URL("http://[::1]/"));
  const httpxx::native::Proxy anonymous;
  CHECK(serialize_request(v6, &anonymous).head ==
        "DELETE http://[::1]/ HTTP/1.1\r\nHost: [::1]\r\n\r\n");
}

TEST_CASE("a 2xx to CONNECT ends with its head; a refusal keeps its body") {
  using httpxx::native::ReplyTo;
  using httpxx::native::ResponseParser;
  const std::string tunnel = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
  std::string body;
  {
    ResponseParser parser({}, ReplyTo::connect);
    CHECK(parser.feed(tunnel + "\x16\x03\x01", body) == tunnel.size());
    CHECK(parser.complete());
    CHECK(parser.status() == 200);
    CHECK(body.empty());
  }
  {
    // One byte at a time: the head ends exactly where it ends.
    ResponseParser parser({}, ReplyTo::connect);
    for (char c : tunnel) CHECK(parser.feed(std::string_view(&c, 1), body) == 1);
    CHECK(parser.complete());
  }
  {
    ResponseParser parser({}, ReplyTo::connect);
    const std::string refusal = "HTTP/1.1 407 No\r\nContent-Length: 3\r\n\r\nwho";
    CHECK(parser.feed(refusal, body) == refusal.size());
    CHECK(parser.status() == 407);
    CHECK(body == "who");
  }
  {
    // The same bytes to another request: the length is the body's.
    ResponseParser parser({}, ReplyTo::request);
    body.clear();
    (void)parser.feed(tunnel + "hello", body);
    CHECK(body == "hello");
  }
}
