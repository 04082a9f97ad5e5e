// The httpxx demo: the library's headline features against a local server.
//
//     httpxx_demo http://127.0.0.1:PORT
//
// (scripts/demo.sh starts the bundled server and runs this.)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <httpxx/httpxx.hpp>
#include <iostream>
#include <string>
#include <vector>

using namespace std::chrono_literals;

namespace {

std::string ms(std::chrono::nanoseconds d) {
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(d).count()) + " ms";
}

struct Download {
  std::string name{};
  std::string path{};
  std::uint64_t expected = 0;
  std::uint64_t received = 0;
  bool done = false;
  std::string error{};
};

std::string bar(const Download& d) {
  constexpr int kWidth = 30;
  int filled = d.expected ? static_cast<int>(d.received * kWidth / d.expected) : 0;
  std::string out = "   " + d.name + " [" + std::string(static_cast<std::size_t>(filled), '#') +
                    std::string(static_cast<std::size_t>(kWidth - filled), '.') + "] " +
                    std::to_string(d.expected ? d.received * 100 / d.expected : 0) + "%";
  if (!d.error.empty()) out += "  error: " + d.error;
  return out;
}

// Streams one download of a parallel set, updating its progress as chunks arrive.
httpxx::Task<void> stream_one(httpxx::PendingResponse pending, Download& d,
                              std::vector<std::string>& finished) {
  try {
    httpxx::Response r = co_await pending.get_response();
    auto chunks = r.stream();
    while (auto chunk = co_await chunks.next()) d.received += chunk->size();
  } catch (const httpxx::Error& e) {
    d.error = e.what();
  }
  d.done = true;
  finished.push_back(d.name);
}

httpxx::Task<void> show_downloads(httpxx::AsyncClient& client) {
  std::vector<Download> downloads = {
      {"slow.bin  ", "/drip?numbytes=2400&duration=2.4&chunks=24", 2400},
      {"medium.bin", "/drip?numbytes=1600&duration=1.2&chunks=16", 1600},
      {"fast.bin  ", "/drip?numbytes=800&duration=0.5&chunks=8", 800},
      {"big.bin   ", "/stream-bytes/3000000?chunk_size=65536", 3000000},
  };
  std::vector<std::string> finished;
  auto parallel = client.parallel();
  for (auto& d : downloads) {
    httpxx::RequestOptions streamed{.stream = true};
    httpxx::spawn(stream_one(parallel.get(d.path, std::move(streamed)), d, finished));
  }
  const bool tty = isatty(STDOUT_FILENO) != 0;
  bool first = true;
  int last_quarter = -1;
  for (;;) {
    bool all_done = true;
    int quarters = 0;  // progress milestones reached, over all downloads
    for (const auto& d : downloads) {
      all_done = all_done && d.done;
      quarters += static_cast<int>(d.received * 4 / d.expected);
    }
    if (tty) {
      // Redraw the block of progress bars in place.
      if (!first) std::cout << "\x1b[" << downloads.size() << "A";
      for (const auto& d : downloads) std::cout << "\r\x1b[2K" << bar(d) << "\n";
      std::cout.flush();
    } else if (quarters != last_quarter) {  // piped: print at each milestone only
      last_quarter = quarters;
      for (const auto& d : downloads) std::cout << bar(d) << "\n";
      std::cout << "\n";
    }
    first = false;
    if (all_done) break;
    co_await httpxx::sleep(100ms);
  }
  std::cout << "   finished in this order:";
  for (const auto& name : finished) std::cout << " " << name.substr(0, name.find(' '));
  std::cout << "\n";
  co_await parallel.close();
}

httpxx::Task<int> demo(std::string base) {
  httpxx::AsyncClient client({.base_url = base, .timeout = httpxx::Timeout(5s)});
  int failures = 0;
  auto started = std::chrono::steady_clock::now();

  std::cout << "1. A GET with query parameters and a JSON answer\n";
  httpxx::RequestOptions query{.params = {{"lang", "c++"}, {"from", "httpxx"}}};
  auto r = co_await client.get("/get", std::move(query));
  std::cout << "   " << r.status_code() << " " << r.reason_phrase()
            << ", args = " << r.json().at("args") << " (" << ms(r.elapsed()) << ")\n";

  std::cout << "2. Four parallel streaming downloads, with live progress\n";
  co_await show_downloads(client);

  std::cout
      << "3. next_response(): five requests submitted slowest first come back fastest first\n";
  {
    auto parallel = client.parallel();
    for (int delay : {500, 400, 300, 200, 100})
      (void)parallel.get("/delay-ms/" + std::to_string(delay));
    std::cout << "   completion order (ms):";
    while (parallel.has_pending()) {
      auto done = co_await parallel.next_response();
      std::cout << " " << done.json().at("delay_ms");
    }
    std::cout << "\n";
    co_await parallel.close();
  }

  std::cout << "4. A redirect chain, followed\n";
  httpxx::RequestOptions follow{.follow_redirects = true};
  auto redirected = co_await client.get("/redirect/3", std::move(follow));
  std::cout << "   " << redirected.history().size() << " redirects -> " << redirected.url().str()
            << " (" << redirected.status_code() << ")\n";

  std::cout << "5. A timeout\n";
  try {
    httpxx::RequestOptions impatient{.timeout = httpxx::Timeout(300ms)};
    (void)co_await client.get("/delay-ms/2000", std::move(impatient));
    std::cout << "   unexpected: no timeout\n";
    ++failures;
  } catch (const httpxx::ReadTimeout& e) {
    std::cout << "   ReadTimeout after 300 ms: " << e.what() << "\n";
  }

  std::cout << "6. An error status, raised\n";
  auto missing = co_await client.get("/status/404");
  try {
    missing.raise_for_status();
    ++failures;
  } catch (const httpxx::HTTPStatusError& e) {
    std::cout << "   HTTPStatusError: " << e.what() << "\n";
  }

  co_await client.close();
  std::cout << "\nSummary: 6 steps in " << ms(std::chrono::steady_clock::now() - started) << ", "
            << (failures == 0 ? "every step behaved as expected" : "unexpected results") << "\n";
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
