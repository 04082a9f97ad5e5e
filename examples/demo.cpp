// The httpxx demo: the library's headline features against a local server.
//
//     httpxx_demo http://127.0.0.1:PORT
//
// (scripts/demo.sh starts the bundled server and runs this.)
#include <httpxx/httpxx.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

using namespace std::chrono_literals;

namespace {

std::string ms(std::chrono::nanoseconds d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}

httpxx::Task<int> demo(std::string base) {
  httpxx::AsyncClient client({.base_url = base, .timeout = httpxx::Timeout(5s)});
  int failures = 0;

  std::cout << "1. A GET with query parameters and a JSON answer\n";
  // (g++ 12 cannot keep braced lists of string literals inside a co_await
  // expression: build options in a variable first.)
  httpxx::RequestOptions query{.params = {{"lang", "c++"}, {"from", "httpxx"}}};
  auto r = co_await client.get("/get", std::move(query));
  std::cout << "   " << r.status_code() << " " << r.reason_phrase() << ", args = "
            << r.json().at("args") << " (" << ms(r.elapsed()) << ")\n";

  std::cout << "2. A JSON POST, echoed back\n";
  httpxx::RequestOptions body{.json = httpxx::Json{{"hello", "world"}}};
  auto posted = co_await client.post("/post", std::move(body));
  std::cout << "   server saw " << posted.json().at("json") << "\n";

  std::cout << "3. Streaming a body as it drips in\n";
  auto streamed = co_await client.get("/drip?numbytes=8&duration=0.8&chunks=4", {.stream = true});
  auto chunks = streamed.stream();
  std::uint64_t received = 0;
  while (auto chunk = co_await chunks.next()) {
    received += chunk->size();
    std::cout << "   +" << chunk->size() << " bytes (" << received << " so far, "
              << ms(streamed.elapsed()) << ")\n";
  }

  std::cout << "4. A redirect chain, followed\n";
  auto redirected = co_await client.get("/redirect/3", {.follow_redirects = true});
  std::cout << "   " << redirected.history().size() << " redirects -> "
            << redirected.url().str() << " (" << redirected.status_code() << ")\n";

  std::cout << "5. A timeout\n";
  try {
    (void)co_await client.get("/delay/2000", {.timeout = httpxx::Timeout(300ms)});
    std::cout << "   unexpected: no timeout\n";
    ++failures;
  } catch (const httpxx::ReadTimeout& e) {
    std::cout << "   ReadTimeout after 300 ms: " << e.what() << "\n";
  }

  std::cout << "6. An error status, raised\n";
  auto missing = co_await client.get("/status/404");
  try {
    missing.raise_for_status();
  } catch (const httpxx::HTTPStatusError& e) {
    std::cout << "   HTTPStatusError: " << e.what() << "\n";
  }

  co_await client.close();
  std::cout << (failures == 0 ? "\ndemo finished: every step behaved as expected\n"
                              : "\ndemo finished with unexpected results\n");
  co_return failures;
}

}  // namespace

int main(int argc, char** argv) {
  const char* env = std::getenv("HTTPXX_TEST_HTTP");
  std::string base = argc > 1 ? argv[1] : env ? env : "";
  if (base.empty()) {
    std::cerr << "usage: httpxx_demo http://127.0.0.1:PORT\n";
    return 2;
  }
  try {
    return httpxx::run(demo(base));
  } catch (const httpxx::Error& e) {
    std::cerr << "demo failed: " << e.what() << "\n";
    return 1;
  }
}
