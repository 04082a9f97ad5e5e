// Native only: cancelling parallel requests leaves no open descriptors.
#include "native_support.hpp"

using namespace api;
using httpxx::AsyncClient;
using httpxx::Task;

TEST_CASE("parallel requests cancelled at close leave the descriptor count where it started") {
  int before = open_descriptors();
  with_client([](AsyncClient& client) -> Task<void> {
    for (int round = 0; round < 3; ++round) {
      auto p = client.parallel();
      for (int i = 0; i < 20; ++i) (void)p.get(http("/delay-ms/" + std::to_string(i * 50)));
      co_await httpxx::sleep(120ms);  // a few finish, most are cancelled mid-wait
      co_await p.close();
    }
    // A Parallel destroyed without close cancels as well.
    {
      auto p = client.parallel();
      for (int i = 0; i < 10; ++i) (void)p.get(http("/delay-ms/5000"));
      co_await httpxx::sleep(50ms);
    }
  });
  // The client is closed: its pool holds nothing either.
  CHECK(open_descriptors() == before);
}
