// Benchmark: 100 requests to /delay-ms/(i*5) ms, one after another vs through
// client.parallel(). Prints the wall times and their ratio.
//
//     node tests/server/with-server.mjs -- sh -c 'build/native-release/bench/httpxx_bench_parallel
//     "$HTTPXX_TEST_HTTP"'
#include <chrono>
#include <cstdio>
#include <httpxx/httpxx.hpp>
#include <string>

namespace {

constexpr int kRequests = 100;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

httpxx::Task<void> bench(std::string base) {
  httpxx::AsyncClient client({.base_url = base});
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < kRequests; ++i)
    (void)co_await client.get("/delay-ms/" + std::to_string(i * 5));
  double sequential = seconds_since(start);

  start = std::chrono::steady_clock::now();
  auto parallel = client.parallel();
  for (int i = 0; i < kRequests; ++i) (void)parallel.get("/delay-ms/" + std::to_string(i * 5));
  auto responses = co_await parallel.gather();
  double together = seconds_since(start);
  co_await parallel.close();
  co_await client.close();

  std::printf("%d requests to /delay-ms/(i*5 ms), longest %d ms, sum %d ms\n", kRequests,
              (kRequests - 1) * 5, 5 * kRequests * (kRequests - 1) / 2);
  std::printf("sequential: %.3f s\nparallel:   %.3f s (%zu responses)\nspeed-up:   %.1fx\n",
              sequential, together, responses.size(), sequential / together);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: httpxx_bench_parallel http://127.0.0.1:PORT\n");
    return 2;
  }
  httpxx::run(bench(argv[1]));
}
