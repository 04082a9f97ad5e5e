// cpp-httplib's side of scenario A (the JSON line of bench_util.hpp):
//
//   httplib_bench seq http://HOST:PORT/PATH COUNT --expect BYTES
//
// One httplib::Client with keep-alive on, GETs one after another.
#include <httplib.h>

#include <string>

#include "bench_util.hpp"

namespace {

constexpr const char* kUsage =
    "usage: httplib_bench seq http://HOST:PORT/PATH COUNT [--expect BYTES]\n";

}  // namespace

int main(int argc, char** argv) {
  auto args = bench::parse_args(argc, argv, kUsage);
  // "http://host:port" and "/path" (httplib takes them apart).
  auto slash = args.url.find('/', args.url.find("://") + 3);
  if (args.scenario != "seq" || args.url.rfind("http://", 0) != 0 || slash == std::string::npos) {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  std::string origin = args.url.substr(0, slash);
  std::string path = args.url.substr(slash);

  bench::Result result("cpp-httplib", "seq", args.count);
  httplib::Client client(origin);
  client.set_keep_alive(true);
  bench::Stopwatch watch;
  for (long i = 0; i < args.count; ++i) {
    auto response = client.Get(path.c_str());
    if (!response) {
      result.fail("error " + httplib::to_string(response.error()));
    } else if (bench::body_ok(response->status, response->body.size(), args)) {
      ++result.ok;
      result.bytes += response->body.size();
    } else {
      result.fail("status " + std::to_string(response->status) + ", " +
                  std::to_string(response->body.size()) + " bytes");
    }
  }
  result.seconds = watch.seconds();
  result.print();
  return result.exit_code();
}
