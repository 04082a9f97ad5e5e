// Auth flows (Basic, Digest, functions, custom) on MockTransport, and the
// hashes Digest needs.
#include <doctest/doctest.h>

#include <map>

#include "auth/hash.hpp"
#include "support.hpp"

using namespace httpxx;
using httpxx_test::drive;
using httpxx_test::mock_client;

namespace {

// The parameters of a `Digest ...` Authorization header.
std::map<std::string, std::string> digest_params(std::string_view header) {
  std::map<std::string, std::string> params;
  REQUIRE(header.starts_with("Digest "));
  header.remove_prefix(7);
  while (!header.empty()) {
    while (!header.empty() && (header.front() == ' ' || header.front() == ','))
      header.remove_prefix(1);
    std::size_t eq = header.find('=');
    if (eq == std::string_view::npos) break;
    std::string name(header.substr(0, eq));
    header.remove_prefix(eq + 1);
    std::string value;
    if (!header.empty() && header.front() == '"') {
      std::size_t end = header.find('"', 1);
      value = std::string(header.substr(1, end - 1));
      header.remove_prefix(end + 1);
    } else {
      std::size_t end = header.find(',');
      value = std::string(header.substr(0, end));
      header.remove_prefix(end == std::string_view::npos ? header.size() : end);
    }
    params[name] = value;
  }
  return params;
}

// RFC 7616 section 3.9.1's example, with its fixed client nonce.
class FixedCnonceDigest : public DigestAuth {
 public:
  using DigestAuth::DigestAuth;

 protected:
  std::string make_cnonce() override { return "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"; }
};

constexpr const char* kNonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
constexpr const char* kOpaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

// A server that challenges any request without Authorization and records
// the Authorization headers it receives.
struct DigestServer {
  std::string algorithm = "MD5";
  std::vector<std::string> seen{};
  int stale_after = -1;  // answer the N-th authorised request with stale=true

  MockResponse operator()(const Request& r) {
    const std::optional<std::string_view> auth = r.headers().first("Authorization");
    if (auth) seen.emplace_back(*auth);
    bool stale = auth && stale_after >= 0 && static_cast<int>(seen.size()) == stale_after;
    if (!auth || stale) {
      std::string challenge =
          "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
          "algorithm=" +
          algorithm + ", nonce=\"" + std::string(kNonce) + (stale ? "2" : "") + "\", opaque=\"" +
          kOpaque + "\"";
      if (stale) challenge += ", stale=true";
      return MockResponse{
          .status = 401, .headers = {{"WWW-Authenticate", challenge}}, .content = "denied"};
    }
    return MockResponse{.content = "ok"};
  }
};

}  // namespace

TEST_CASE("MD5 and SHA-256 give the standards' test vectors") {
  using httpxx::detail::md5_hex;
  using httpxx::detail::sha256_hex;
  CHECK(md5_hex("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(md5_hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(
      md5_hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
      "57edf4a22be3c955ac49da2e2107b67a");
  CHECK(md5_hex(std::string(1000, 'a')) == "cabe45dcc9ae5b66ba86600cca6b8ba8");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000, 'a')) ==
        "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}

TEST_CASE("SHA-1 and SHA-512 give FIPS 180-4's example vectors") {
  using httpxx::detail::sha1_hex;
  using httpxx::detail::sha512_hex;
  // The two-block messages fill the first block exactly up to where the
  // length would go (56 bytes of 64, 112 of 128): padding's edge case.
  CHECK(sha1_hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(sha1_hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(sha1_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(sha1_hex(std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  CHECK(sha512_hex("") ==
        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
        "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
  CHECK(sha512_hex("abc") ==
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
  CHECK(sha512_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                   "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu") ==
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
        "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909");
  CHECK(sha512_hex(std::string(1000000, 'a')) ==
        "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
        "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b");
}

TEST_CASE("BasicAuth sets the Authorization header") {
  CHECK(BasicAuth("Aladdin", "open sesame").header_value() == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(BasicAuth("a", "").header_value() == "Basic YTo=");
  CHECK(BasicAuth("ab", "").header_value() == "Basic YWI6");
  CHECK(BasicAuth("", "").header_value() == "Basic Og==");
  CHECK(BasicAuth("user", "").header_value() == "Basic dXNlcjo=");
  // Every byte value survives, and the last two letters of the alphabet.
  CHECK(BasicAuth(std::string("\x00\xff", 2), "\xfe").header_value() == "Basic AP86/g==");
  CHECK(BasicAuth("\xfb\xff", "").header_value() == "Basic +/86");
  auto client = mock_client(
      [](const Request& r) {
        return MockResponse{.content = r.headers().get("Authorization").value_or("-")};
      },
      {.auth = std::make_shared<BasicAuth>("user", "pass")});
  CHECK(drive(client.get("http://a.test/")).text() == "Basic dXNlcjpwYXNz");
  RequestOptions other;
  other.auth = std::make_shared<BasicAuth>("other", "x");
  CHECK(drive(client.get("http://a.test/", std::move(other))).text() == "Basic b3RoZXI6eA==");
}

TEST_CASE("user info in the URL means Basic auth") {
  auto client = mock_client([](const Request& r) {
    return MockResponse{.content = r.headers().get("Authorization").value_or("-")};
  });
  Response r = drive(client.get("http://user:pass@a.test/"));
  CHECK(r.text() == "Basic dXNlcjpwYXNz");
  CHECK(r.request().url().str() == "http://a.test/");  // the credentials left the URL
  CHECK(drive(client.get("http://a.test/")).text() == "-");
}

TEST_CASE("FunctionAuth changes each request") {
  auto client = mock_client(
      [](const Request& r) {
        return MockResponse{.content = r.headers().get("X-Key").value_or("-")};
      },
      {.auth = std::make_shared<FunctionAuth>([](Request& r) { r.headers().set("X-Key", "k1"); })});
  CHECK(drive(client.get("http://a.test/")).text() == "k1");
}

TEST_CASE("DigestAuth answers a challenge with RFC 7616's known answers (MD5 and SHA-256)") {
  for (const char* algorithm : {"MD5", "SHA-256"}) {
    CAPTURE(algorithm);
    auto server = std::make_shared<DigestServer>();
    server->algorithm = algorithm;
    auto client =
        mock_client([server](const Request& r) { return (*server)(r); },
                    {.auth = std::make_shared<FixedCnonceDigest>("Mufasa", "Circle of Life")});
    Response r = drive(client.get("http://www.example.org/dir/index.html"));
    CHECK(r.status_code() == 200);
    REQUIRE(r.history().size() == 1);
    CHECK(r.history()[0].status_code() == 401);
    CHECK(r.history()[0].content() == "denied");
    REQUIRE(server->seen.size() == 1);
    auto p = digest_params(server->seen[0]);
    CHECK(p["username"] == "Mufasa");
    CHECK(p["realm"] == "http-auth@example.org");
    CHECK(p["uri"] == "/dir/index.html");
    CHECK(p["qop"] == "auth");
    CHECK(p["nc"] == "00000001");
    CHECK(p["opaque"] == kOpaque);
    CHECK(p["algorithm"] == algorithm);
    CHECK(p["response"] ==
          (std::string(algorithm) == "MD5"
               ? "8ca523f5e9506fed4657c9700eebdbec"
               : "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"));
  }
}

TEST_CASE("DigestAuth answers every algorithm HTTPX knows, -sess forms included") {
  // RFC 7616 section 3.9.1's parameters; the expected responses were
  // computed apart from httpxx's hashes (HA1 of a -sess algorithm is
  // H(H(user:realm:password):nonce:cnonce)).
  const std::pair<const char*, const char*> cases[] = {
      {"MD5-sess", "e783283f46242139c486a698fec7211d"},
      {"SHA", "e99f244f9069203415f7e8b7bd25b4b2ad3e2a7f"},
      {"SHA-sess", "649077d815fe82c6a1bbc3e7330a9ec78d8f8c2c"},
      {"SHA-256-sess", "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7"},
      {"SHA-512",
       "27d9ebedb4e86595d8b99152ce456620c8e47c48afbd771dbc4468bb758ca66e"
       "7312383d49ad044219d4a2c5c218e66c584fa00b2728798bcff9435825eed0ad"},
      {"sha-512-SESS",  // names are case-insensitive, and echoed as given
       "5bc820f8c0e5cf83d5ff0a673af99c13a028be576c765c41f23d4fb46722a447"
       "50a331317b0b8646d55243e0c06cbacf64cc061404459769fbedddb0ecfacc5f"},
  };
  for (const auto& known : cases) {
    // Named variables: clang 14 cannot capture a structured binding in CAPTURE's lambda.
    const char* algorithm = known.first;
    const std::string expected = known.second;
    CAPTURE(algorithm);
    auto server = std::make_shared<DigestServer>();
    server->algorithm = algorithm;
    auto client =
        mock_client([server](const Request& r) { return (*server)(r); },
                    {.auth = std::make_shared<FixedCnonceDigest>("Mufasa", "Circle of Life")});
    CHECK(drive(client.get("http://www.example.org/dir/index.html")).status_code() == 200);
    REQUIRE(server->seen.size() == 1);
    auto p = digest_params(server->seen[0]);
    CHECK(p["algorithm"] == algorithm);
    CHECK(p["cnonce"] == "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
    CHECK(p["response"] == expected);
  }
}

TEST_CASE("DigestAuth leaves a challenge with an unknown algorithm unanswered") {
  for (const char* algorithm : {"SHA-512-256", "SHA-1", "MD4", "SHA-sess-sess"}) {
    CAPTURE(algorithm);
    auto server = std::make_shared<DigestServer>();
    server->algorithm = algorithm;
    auto client = mock_client([server](const Request& r) { return (*server)(r); },
                              {.auth = std::make_shared<DigestAuth>("u", "p")});
    Response r = drive(client.get("http://a.test/"));
    CHECK(r.status_code() == 401);
    CHECK(r.history().empty());
    CHECK(server->seen.empty());
  }
}

TEST_CASE("DigestAuth reuses the challenge on later requests and counts nc up") {
  auto server = std::make_shared<DigestServer>();
  auto client =
      mock_client([server](const Request& r) { return (*server)(r); },
                  {.auth = std::make_shared<FixedCnonceDigest>("Mufasa", "Circle of Life")});
  CHECK(drive(client.get("http://www.example.org/dir/index.html")).status_code() == 200);
  Response second = drive(client.get("http://www.example.org/dir/other"));
  CHECK(second.status_code() == 200);
  CHECK(second.history().empty());
  REQUIRE(server->seen.size() == 2);
  auto p = digest_params(server->seen[1]);
  CHECK(p["nc"] == "00000002");
  CHECK(p["response"] == "af78175496af2211eb444f129c9ec3c2");
}

TEST_CASE("DigestAuth retries once with the new nonce after stale=true") {
  auto server = std::make_shared<DigestServer>();
  server->stale_after = 2;
  auto client = mock_client([server](const Request& r) { return (*server)(r); },
                            {.auth = std::make_shared<DigestAuth>("u", "p")});
  CHECK(drive(client.get("http://a.test/1")).status_code() == 200);
  Response r = drive(client.get("http://a.test/2"));
  CHECK(r.status_code() == 200);
  REQUIRE(server->seen.size() == 3);
  auto p = digest_params(server->seen[2]);
  CHECK(p["nonce"] == std::string(kNonce) + "2");
  CHECK(p["nc"] == "00000001");
  CHECK(p["cnonce"].size() == 16);
}

TEST_CASE("DigestAuth returns the 401 when the answer is refused or the challenge is not Digest") {
  int calls = 0;
  auto client = mock_client(
      [&calls](const Request&) {
        ++calls;
        return MockResponse{.status = 401,
                            .headers = {{"WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\""}}};
      },
      {.auth = std::make_shared<DigestAuth>("u", "p")});
  CHECK(drive(client.get("http://a.test/")).status_code() == 401);
  CHECK(calls == 2);
  auto basic_only = mock_client(
      [](const Request&) {
        return MockResponse{.status = 401, .headers = {{"WWW-Authenticate", "Basic realm=\"r\""}}};
      },
      {.auth = std::make_shared<DigestAuth>("u", "p")});
  CHECK(drive(basic_only.get("http://a.test/")).history().empty());
}

namespace {

// A custom flow: fetches a token first, then sends the request with it.
class TokenAuth : public Auth {
 public:
  Task<Response> flow(Request request, const AuthSend& send) override {
    Response token = co_await send(Request("POST", URL("http://a.test/token")));
    std::string value(co_await token.read());
    request.headers().set("Authorization", "Token " + value);
    co_return co_await send(std::move(request));
  }
};

}  // namespace

TEST_CASE("a custom auth flow may send an extra request first") {
  std::vector<std::string> log;
  auto client = mock_client(
      [&log](const Request& r) {
        log.push_back(r.method() + " " + r.url().path());
        if (r.url().path() == "/token") return MockResponse{.content = "t0k"};
        return MockResponse{.content = r.headers().get("Authorization").value_or("-")};
      },
      {.auth = std::make_shared<TokenAuth>()});
  Response r = drive(client.get("http://a.test/data"));
  CHECK(r.text() == "Token t0k");
  CHECK(log == std::vector<std::string>{"POST /token", "GET /data"});
  REQUIRE(r.history().size() == 1);
  CHECK(r.history()[0].content() == "t0k");
}

TEST_CASE("an error thrown by an auth flow carries the request") {
  auto client = mock_client([](const Request&) { return MockResponse{}; },
                            {.auth = std::make_shared<FunctionAuth>(
                                 [](Request&) { throw LocalProtocolError("no token"); })});
  try {
    (void)drive(client.get("http://a.test/x"));
    FAIL("expected LocalProtocolError");
  } catch (const LocalProtocolError& e) {
    REQUIRE(e.has_request());
    CHECK(e.request().url().str() == "http://a.test/x");
  }
}
