// httpxx's side of the benchmarks (bench/run.mjs runs it): one scenario, one
// JSON line on stdout (see bench_util.hpp). Every response is checked: status
// 200 and the body size given by --expect.
//
//   httpxx_bench seq URL COUNT               A: the blocking Client, keep-alive, one at a time
//   httpxx_bench parallel URL COUNT CONC     B, C, G: AsyncClient + parallel(), CONC at once
//   httpxx_bench parallel-h2 URL COUNT CONC  H2: the same over HTTP/2 only (one connection)
//   httpxx_bench fresh-h1|fresh-h2 URL COUNT CONC  H2-fresh: rounds of CONC at once, a new
//                                            client (new TLS connections) each round
//   httpxx_bench stream URL 1                D: one streamed download, chunks discarded
//   httpxx_bench stream-async URL 1          D-async: the same through AsyncClient
//   httpxx_bench tls-new URL COUNT --ca CA   E: the blocking Client, a new TLS connection each
//   httpxx_bench tls-client URL COUNT --ca CA  E-client: a new blocking Client per request
//
// Built a second time as httpxx_alloc_bench, with a counting operator new:
// then the result also holds the allocations made by the measured requests
// (after --warmup N requests on the same client).
#include <algorithm>
#include <cstdint>
#include <exception>
#include <httpxx/httpxx.hpp>
#include <string>
#include <utility>

#include "bench_util.hpp"

#ifdef HTTPXX_BENCH_COUNT_ALLOCS
#include "alloc_counter.hpp"
#endif

namespace {

constexpr const char* kUsage =
    "usage: httpxx_bench seq|parallel|parallel-h2|fresh-h1|fresh-h2|stream|stream-async|tls-new|"
    "tls-client URL COUNT "
    "[CONCURRENCY]\n"
    "                    [--expect BYTES] [--ca FILE] [--warmup N]\n";

long long allocations_now() {
#ifdef HTTPXX_BENCH_COUNT_ALLOCS
  return static_cast<long long>(bench::allocations());
#else
  return -1;
#endif
}

void check(const httpxx::Response& r, const bench::Args& args, bench::Result& result) {
  auto size = r.content().size();
  if (bench::body_ok(r.status_code(), size, args)) {
    ++result.ok;
    result.bytes += size;
  } else {
    result.fail("status " + std::to_string(r.status_code()) + ", " + std::to_string(size) +
                " bytes");
  }
}

/// A: keep-alive GETs one after another on the blocking client.
void run_sequential(httpxx::Client& client, const httpxx::URL& url, long count,
                    const bench::Args& args, bench::Result& result) {
  for (long i = 0; i < count; ++i) {
    try {
      check(client.get(url), args, result);
    } catch (const std::exception& e) {
      result.fail(e.what());
    }
  }
}

/// B, C, G: `count` GETs with `concurrency` in flight; each finished one is
/// replaced by the next until all were sent.
httpxx::Task<void> run_parallel(httpxx::AsyncClient& client, httpxx::URL url, long count,
                                long concurrency, const bench::Args& args, bench::Result& result) {
  httpxx::ParallelOptions options{.max_concurrency = static_cast<std::size_t>(concurrency)};
  auto parallel = client.parallel(options);
  long sent = 0;
  for (; sent < std::min(count, concurrency); ++sent) (void)parallel.get(url);
  while (parallel.has_pending()) {
    try {
      auto response = co_await parallel.next_response();
      check(response, args, result);
    } catch (const std::exception& e) {
      result.fail(e.what());
    }
    if (sent < count) {
      (void)parallel.get(url);
      ++sent;
    }
  }
  co_await parallel.close();
}

/// B, C, G (and H2 with `h2_only`: HTTP/2 required, every request a stream of one
/// connection).
httpxx::Task<void> parallel_scenario(const bench::Args& args, bench::Result& result, bool h2_only) {
  auto limit = static_cast<std::size_t>(args.concurrency);
  httpxx::ClientOptions options{
      .limits = {.max_connections = limit, .max_keepalive_connections = limit},
      .ca_file = args.ca_file,
      .http1 = !h2_only};
  httpxx::AsyncClient client(std::move(options));
  httpxx::URL url(args.url);
  if (args.warmup > 0) {
    bench::Result ignored;
    co_await run_parallel(client, url, args.warmup, args.concurrency, args, ignored);
  }
  long long allocations = allocations_now();
  bench::Stopwatch watch;
  co_await run_parallel(client, url, args.count, args.concurrency, args, result);
  result.seconds = watch.seconds();
  if (allocations >= 0) result.allocations = allocations_now() - allocations;
  co_await client.close();
}

/// H2-fresh: rounds of `concurrency` GETs sent at once, each round by a new
/// client, so every round opens its connections and shakes hands anew:
/// over HTTP/2 one connection a round, over HTTP/1.1 one per request.
httpxx::Task<void> fresh_parallel_scenario(const bench::Args& args, bench::Result& result,
                                           bool h2) {
  const httpxx::URL url(args.url);
  bench::Stopwatch watch;
  for (long done = 0; done < args.count;) {
    const long round = std::min(args.concurrency, args.count - done);
    const auto limit = static_cast<std::size_t>(round);
    httpxx::ClientOptions options{
        .limits = {.max_connections = limit, .max_keepalive_connections = limit},
        .ca_file = args.ca_file,
        .http1 = !h2,
        .http2 = h2};
    httpxx::AsyncClient client(std::move(options));
    co_await run_parallel(client, url, round, round, args, result);
    co_await client.close();
    done += round;
  }
  result.seconds = watch.seconds();
}

/// D, D-async: counts a finished download as correct or failed.
void record_download(int status, std::uint64_t size, const bench::Args& args,
                     bench::Result& result) {
  if (bench::body_ok(status, size, args)) {
    ++result.ok;
    result.bytes = size;
  } else {
    result.fail("status " + std::to_string(status) + ", " + std::to_string(size) + " bytes");
  }
}

/// D: one download read chunk by chunk, each chunk dropped.
void stream_scenario(const bench::Args& args, bench::Result& result) {
  httpxx::Client client;
  bench::Stopwatch watch;
  try {
    httpxx::RequestOptions options{.stream = true};
    auto response = client.get(args.url, std::move(options));
    std::uint64_t size = 0;
    for (const std::string& chunk : response.stream()) size += chunk.size();
    response.close();
    record_download(response.status_code(), size, args, result);
  } catch (const std::exception& e) {
    result.fail(e.what());
  }
  result.seconds = watch.seconds();
}

void blocking_scenario(const bench::Args& args, bench::Result& result, bool new_connections) {
  httpxx::ClientOptions options{.ca_file = args.ca_file};
  // No idle connection is kept, so each request opens (and handshakes) anew.
  if (new_connections) options.limits.max_keepalive_connections = 0;
  httpxx::Client client(std::move(options));
  httpxx::URL url(args.url);
  if (args.warmup > 0) {
    bench::Result ignored;
    run_sequential(client, url, args.warmup, args, ignored);
  }
  long long allocations = allocations_now();
  bench::Stopwatch watch;
  run_sequential(client, url, args.count, args, result);
  result.seconds = watch.seconds();
  if (allocations >= 0) result.allocations = allocations_now() - allocations;
}

/// E-client: what a program pays that makes a new Client for each request (as
/// `httpxx::get(url)` does): the client, its TLS context and one handshake.
void fresh_client_scenario(const bench::Args& args, bench::Result& result) {
  httpxx::URL url(args.url);
  bench::Stopwatch watch;
  for (long i = 0; i < args.count; ++i) {
    try {
      httpxx::ClientOptions options{.ca_file = args.ca_file};
      httpxx::Client client(std::move(options));
      check(client.get(url), args, result);
    } catch (const std::exception& e) {
      result.fail(e.what());
    }
  }
  result.seconds = watch.seconds();
}

}  // namespace

/// D-async: the same download through `AsyncClient` and `ByteStream`.
httpxx::Task<void> async_stream_scenario(const bench::Args& args, bench::Result& result) {
  httpxx::AsyncClient client;
  bench::Stopwatch watch;
  try {
    httpxx::Response response = co_await client.get(args.url, {.stream = true});
    std::uint64_t size = 0;
    httpxx::ByteStream chunks = response.stream();
    while (auto chunk = co_await chunks.next()) size += chunk->size();
    co_await response.close();
    record_download(response.status_code(), size, args, result);
  } catch (const std::exception& e) {
    result.fail(e.what());
  }
  result.seconds = watch.seconds();
  co_await client.close();
}

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv, kUsage);
  bench::raise_fd_limit();
  bench::Result result("httpxx", args.scenario, args.count);
  if (args.scenario == "seq") {
    blocking_scenario(args, result, false);
  } else if (args.scenario == "tls-new") {
    blocking_scenario(args, result, true);
  } else if (args.scenario == "tls-client") {
    fresh_client_scenario(args, result);
  } else if (args.scenario == "fresh-h1" || args.scenario == "fresh-h2") {
    httpxx::run(fresh_parallel_scenario(args, result, args.scenario == "fresh-h2"));
  } else if (args.scenario == "parallel" || args.scenario == "parallel-h2") {
    httpxx::run(parallel_scenario(args, result, args.scenario == "parallel-h2"));
  } else if (args.scenario == "stream") {
    result.requests = 1;
    stream_scenario(args, result);
  } else if (args.scenario == "stream-async") {
    result.requests = 1;
    httpxx::run(async_stream_scenario(args, result));
  } else {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  result.print();
  return result.exit_code();
}
