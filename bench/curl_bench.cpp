// libcurl's side of the benchmarks, the same scenarios and JSON line as
// httpxx_bench.cpp. Bodies are collected into a std::string (as httpxx's
// Response holds them), except in `stream`, where they are counted and dropped.
//
//   curl_bench seq URL COUNT               A: one easy handle reused (keep-alive)
//   curl_bench parallel-h2 URL COUNT CONC  H2: the same, HTTP/2 multiplexed on one connection
//   curl_bench parallel URL COUNT CONC     B, C, G: multi, CONC easy handles re-added as they
//   finish curl_bench stream URL 1                D: one download into a discarding write callback
//   curl_bench tls-new URL COUNT --ca CA   E: CURLOPT_FORBID_REUSE, TLS session cache off
//   curl_bench tls-client URL COUNT --ca CA  E-client: a fresh easy handle per request
//
// --count-allocs counts libcurl's allocations (curl_global_init_mem) during
// the measured requests, after --warmup N requests.
#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_util.hpp"

namespace {

constexpr const char* kUsage =
    "usage: curl_bench seq|parallel|parallel-h2|stream|tls-new|tls-client URL COUNT [CONCURRENCY]\n"
    "                  [--expect BYTES] [--ca FILE] [--warmup N] [--count-allocs]\n";

// libcurl's allocations, counted by the callbacks given to curl_global_init_mem.
std::atomic<long long> g_allocations{0};

void* count_malloc(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size);
}
void* count_calloc(std::size_t n, std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::calloc(n, size);
}
void* count_realloc(void* p, std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::realloc(p, size);
}
char* count_strdup(const char* s) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return strdup(s);
}
void count_free(void* p) { std::free(p); }

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

std::size_t discard(char*, std::size_t size, std::size_t n, void* user) {
  *static_cast<std::uint64_t*>(user) += size * n;
  return size * n;
}

void check(CURL* easy, CURLcode code, std::uint64_t size, const bench::Args& args,
           bench::Result& result) {
  if (code != CURLE_OK) {
    result.fail(curl_easy_strerror(code));
    return;
  }
  long status = 0;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  if (bench::body_ok(status, size, args)) {
    ++result.ok;
    result.bytes += size;
  } else {
    result.fail("status " + std::to_string(status) + ", " + std::to_string(size) + " bytes");
  }
}

CURL* new_easy(const bench::Args& args, std::string* body) {
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, args.url.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, body);
  if (!args.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, args.ca_file.c_str());
  return easy;
}

/// A and E: one easy handle, requests one after another.
void sequential_scenario(const bench::Args& args, bench::Result& result, bool new_connections) {
  std::string body;
  CURL* easy = new_easy(args, &body);
  if (new_connections) {
    // A full handshake each time, as httpxx (which has no TLS session cache).
    curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_SESSIONID_CACHE, 0L);
  }
  auto run = [&](long count, bench::Result& into) {
    for (long i = 0; i < count; ++i) {
      body.clear();
      CURLcode code = curl_easy_perform(easy);
      check(easy, code, body.size(), args, into);
    }
  };
  if (args.warmup > 0) {
    bench::Result ignored;
    run(args.warmup, ignored);
  }
  long long allocations = g_allocations.load();
  bench::Stopwatch watch;
  run(args.count, result);
  result.seconds = watch.seconds();
  if (args.count_allocs) result.allocations = g_allocations.load() - allocations;
  curl_easy_cleanup(easy);
}

/// E-client: a fresh easy handle for each request (its own connection cache,
/// its own TLS session cache), cleaned up after the response.
void fresh_handle_scenario(const bench::Args& args, bench::Result& result) {
  bench::Stopwatch watch;
  for (long i = 0; i < args.count; ++i) {
    std::string body;
    CURL* easy = new_easy(args, &body);
    CURLcode code = curl_easy_perform(easy);
    check(easy, code, body.size(), args, result);
    curl_easy_cleanup(easy);
  }
  result.seconds = watch.seconds();
}

struct Transfer {
  CURL* easy = nullptr;
  std::string body;
};

/// B, C, G: `count` requests through one multi handle, `concurrency` easy
/// handles each re-added as soon as its transfer finished.
void run_multi(CURLM* multi, std::vector<Transfer>& transfers, long count, const bench::Args& args,
               bench::Result& result) {
  long started = 0;
  long finished = 0;
  for (auto& t : transfers) {
    if (started == count) break;
    t.body.clear();
    curl_multi_add_handle(multi, t.easy);
    ++started;
  }
  while (finished < count) {
    int running = 0;
    curl_multi_perform(multi, &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      CURLcode code = msg->data.result;
      Transfer* t = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, reinterpret_cast<char**>(&t));
      check(easy, code, t->body.size(), args, result);
      ++finished;
      curl_multi_remove_handle(multi, easy);
      if (started < count) {
        t->body.clear();
        curl_multi_add_handle(multi, easy);
        ++started;
      }
    }
    if (finished < count) curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  }
}

void parallel_scenario(const bench::Args& args, bench::Result& result, bool h2) {
  CURLM* multi = curl_multi_init();
  if (h2) {
    // HTTP/2 multiplexed on one connection: every transfer waits for it
    // rather than opening its own (CURLOPT_PIPEWAIT), as httpxx's do.
    curl_multi_setopt(multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 1L);
    curl_multi_setopt(multi, CURLMOPT_MAX_CONCURRENT_STREAMS, args.concurrency);
  } else {
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, args.concurrency);
  }
  std::vector<Transfer> transfers(static_cast<std::size_t>(args.concurrency));
  for (auto& t : transfers) {
    t.easy = new_easy(args, &t.body);
    curl_easy_setopt(t.easy, CURLOPT_PRIVATE, &t);
    if (h2) {
      curl_easy_setopt(t.easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS);
      curl_easy_setopt(t.easy, CURLOPT_PIPEWAIT, 1L);
    }
  }
  if (args.warmup > 0) {
    bench::Result ignored;
    run_multi(multi, transfers, args.warmup, args, ignored);
  }
  long long allocations = g_allocations.load();
  bench::Stopwatch watch;
  run_multi(multi, transfers, args.count, args, result);
  result.seconds = watch.seconds();
  if (args.count_allocs) result.allocations = g_allocations.load() - allocations;
  for (auto& t : transfers) curl_easy_cleanup(t.easy);
  curl_multi_cleanup(multi);
}

/// D: one download, every byte counted and dropped.
void stream_scenario(const bench::Args& args, bench::Result& result) {
  std::uint64_t size = 0;
  CURL* easy = curl_easy_init();
  curl_easy_setopt(easy, CURLOPT_URL, args.url.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &size);
  bench::Stopwatch watch;
  CURLcode code = curl_easy_perform(easy);
  result.seconds = watch.seconds();
  check(easy, code, size, args, result);
  curl_easy_cleanup(easy);
}

}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv, kUsage);
  bench::raise_fd_limit();
  if (args.count_allocs) {
    curl_global_init_mem(CURL_GLOBAL_DEFAULT, count_malloc, count_free, count_realloc, count_strdup,
                         count_calloc);
  } else {
    curl_global_init(CURL_GLOBAL_DEFAULT);
  }
  bench::Result result("libcurl", args.scenario, args.count);
  if (args.scenario == "seq") {
    sequential_scenario(args, result, false);
  } else if (args.scenario == "tls-new") {
    sequential_scenario(args, result, true);
  } else if (args.scenario == "tls-client") {
    fresh_handle_scenario(args, result);
  } else if (args.scenario == "parallel" || args.scenario == "parallel-h2") {
    parallel_scenario(args, result, args.scenario == "parallel-h2");
  } else if (args.scenario == "stream") {
    result.requests = 1;
    stream_scenario(args, result);
  } else {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  curl_global_cleanup();
  result.print();
  return result.exit_code();
}
