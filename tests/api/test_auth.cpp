// Basic and Digest authentication against the test server, and event
// hooks. Portable: public API only.
#include "support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

TEST_CASE("Basic auth from the client, and from the URL's user info") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(http("/basic-auth/alice/s3cret"));
        CHECK(r.status_code() == 200);
        CHECK(as_object(r.json()).at("user").as_string() == "alice");
        httpxx::RequestOptions wrong;
        wrong.auth = std::make_shared<httpxx::BasicAuth>("alice", "nope");
        auto denied = co_await client.get(http("/basic-auth/alice/s3cret"), std::move(wrong));
        CHECK(denied.status_code() == 401);
      },
      {.auth = std::make_shared<httpxx::BasicAuth>("alice", "s3cret")});
  with_client([](AsyncClient& client) -> Task<void> {
    std::string url = http("/basic-auth/bob/pw");
    url.insert(url.find("//") + 2, "bob:pw@");
    auto r = co_await client.get(url);
    CHECK(r.status_code() == 200);
  });
}

TEST_CASE("Bearer tokens go in the headers") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(http("/bearer"));
        CHECK(r.status_code() == 200);
        CHECK(as_object(r.json()).at("token").as_string() == "t0k3n");
      },
      {.headers = {{"Authorization", "Bearer t0k3n"}}});
}

TEST_CASE("Digest auth with every algorithm HTTPX has; the nonce is reused with nc counting") {
  for (const char* algorithm : {"MD5", "MD5-sess", "SHA", "SHA-sess", "SHA-256", "SHA-256-sess",
                                "SHA-512", "SHA-512-sess"}) {
    CAPTURE(algorithm);
    with_client(
        [algorithm](AsyncClient& client) -> Task<void> {
          const std::string url = http("/digest-auth/auth/carol/p4ss/") + algorithm;
          auto r = co_await client.get(url);
          CHECK(r.status_code() == 200);
          REQUIRE(r.history().size() == 1);
          CHECK(r.history()[0].status_code() == 401);
          CHECK(as_object(r.json()).at("algorithm").as_string() == algorithm);
          auto second = co_await client.get(url);
          CHECK(second.status_code() == 200);
          CHECK(second.history().empty());
          CHECK(as_object(second.json()).at("nc").to_number<int>() == 2);
        },
        {.auth = std::make_shared<httpxx::DigestAuth>("carol", "p4ss")});
  }
}

TEST_CASE("Digest auth-int and the RFC 2069 form (no qop) with SHA-512 and SHA") {
  for (const char* path :
       {"/digest-auth/auth-int/carol/p4ss/SHA-512-sess", "/digest-auth/none/carol/p4ss/SHA"}) {
    CAPTURE(path);
    with_client(
        [path](AsyncClient& client) -> Task<void> {
          httpxx::RequestOptions body;
          body.content = "the body auth-int hashes";
          auto r = co_await client.post(http(path), std::move(body));
          CHECK(r.status_code() == 200);
          CHECK(r.history().size() == 1);
        },
        {.auth = std::make_shared<httpxx::DigestAuth>("carol", "p4ss")});
  }
}

TEST_CASE("Digest auth with a wrong password returns the 401") {
  with_client(
      [](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(http("/digest-auth/auth/carol/p4ss/MD5"));
        CHECK(r.status_code() == 401);
        CHECK(r.history().size() == 1);
      },
      {.auth = std::make_shared<httpxx::DigestAuth>("carol", "wrong")});
}

TEST_CASE("event hooks see each request and response; raise_for_status in a hook throws") {
  auto log = std::make_shared<std::vector<std::string>>();
  httpxx::ClientOptions options;
  options.follow_redirects = true;
  options.event_hooks.request.emplace_back([log](httpxx::Request& r) {
    log->push_back(r.url().path());
    r.headers().set("X-From-Hook", "yes");
  });
  options.event_hooks.response.emplace_back([log](httpxx::Response& r) {
    log->push_back(std::to_string(r.status_code()));
    (void)r.raise_for_status();
  });
  with_client(
      [log](AsyncClient& client) -> Task<void> {
        auto r = co_await client.get(http("/headers"));
        CHECK(as_object(r.json()).at("headers").as_object().at("x-from-hook").as_string() == "yes");
        (void)co_await expect_error<httpxx::HTTPStatusError>(client.get(http("/status/418")));
        CHECK(*log == std::vector<std::string>{"/headers", "200", "/status/418", "418"});
      },
      std::move(options));
}
