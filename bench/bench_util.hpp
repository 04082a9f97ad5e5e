#pragma once
// What every bench program shares: its command line, a stopwatch, the body
// check, memory readings and the one JSON line it prints (read by run.mjs).
//
//     PROGRAM SCENARIO URL COUNT [CONCURRENCY] [--expect BYTES] [--ca FILE]
//             [--warmup N] [--count-allocs]

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>
#include <utility>

namespace bench {

/// A "Name:   N kB" field of /proc/self/status, in KiB (0 if absent).
inline long proc_status_kib(std::string_view name) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(name) && line.size() > name.size() && line[name.size()] == ':') {
      return std::strtol(line.c_str() + name.size() + 1, nullptr, 10);
    }
  }
  return 0;
}

/// Peak resident set size of this program so far, in KiB: VmHWM, the high
/// water mark of its own address space. (getrusage's ru_maxrss is not used:
/// it keeps the peak of the process before exec, here the forked runner.)
inline long peak_rss_kib() { return proc_status_kib("VmHWM"); }

/// Resident set size now, in KiB.
inline long current_rss_kib() { return proc_status_kib("VmRSS"); }

/// Lifts the soft limit of open files to the hard one (1 000 sockets in G).
inline void raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

/// Seconds since construction.
class Stopwatch {
 public:
  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// The command line of a bench program.
struct Args {
  std::string scenario;
  std::string url;
  long count = 0;
  long concurrency = 1;
  /// Exact body size each response must have; -1: any non-empty body.
  std::int64_t expect = -1;
  /// CA file to trust for https URLs.
  std::string ca_file;
  /// Requests made before the measured ones (not timed, not counted).
  long warmup = 0;
  /// Count the library's allocations (programs that can).
  bool count_allocs = false;
};

/// Parses the command line; prints `usage` and exits 2 when it is wrong.
inline Args parse_args(int argc, char** argv, const char* usage) {
  Args args;
  int positional = 0;
  auto fail = [&] {
    std::fprintf(stderr, "%s", usage);
    std::exit(2);
  };
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail();
      return argv[++i];
    };
    if (arg == "--expect") {
      args.expect = std::stoll(value());
    } else if (arg == "--ca") {
      args.ca_file = value();
    } else if (arg == "--warmup") {
      args.warmup = std::stol(value());
    } else if (arg == "--count-allocs") {
      args.count_allocs = true;
    } else if (arg.starts_with("--")) {
      fail();
    } else if (positional == 0) {
      args.scenario = arg, ++positional;
    } else if (positional == 1) {
      args.url = arg, ++positional;
    } else if (positional == 2) {
      args.count = std::stol(std::string(arg)), ++positional;
    } else if (positional == 3) {
      args.concurrency = std::stol(std::string(arg)), ++positional;
    } else {
      fail();
    }
  }
  if (positional < 3 || args.count <= 0 || args.concurrency <= 0) fail();
  return args;
}

/// Whether a response is the one expected: status 200 and the body size.
inline bool body_ok(long status, std::uint64_t size, const Args& args) {
  if (status != 200) return false;
  return args.expect < 0 ? size > 0 : size == static_cast<std::uint64_t>(args.expect);
}

/// Strips what would break a JSON string (quotes, backslashes, controls).
inline std::string json_safe(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 300)) out += (c == '"' || c == '\\' || c < 0x20) ? ' ' : c;
  return out;
}

/// What a run measured, printed as one JSON line on stdout.
struct Result {
  Result() = default;
  Result(std::string client_name, std::string scenario_name, long request_count)
      : client(std::move(client_name)),
        scenario(std::move(scenario_name)),
        requests(request_count),
        start_rss_kib(current_rss_kib()) {}

  std::string client;
  std::string scenario;
  long requests = 0;
  long ok = 0;
  long errors = 0;
  std::uint64_t bytes = 0;
  double seconds = 0;
  long start_rss_kib = 0;
  /// Allocations during the measured requests; negative: not counted.
  long long allocations = -1;
  std::string first_error;

  /// Records one failed request (the first message is kept).
  void fail(std::string_view why) {
    ++errors;
    if (first_error.empty()) first_error = json_safe(why);
  }

  void print() const {
    double rps = seconds > 0 ? static_cast<double>(ok) / seconds : 0;
    double mib_s = seconds > 0 ? static_cast<double>(bytes) / seconds / (1024.0 * 1024.0) : 0;
    std::printf(
        "{\"client\":\"%s\",\"scenario\":\"%s\",\"requests\":%ld,\"ok\":%ld,\"errors\":%ld,"
        "\"bytes\":%llu,\"seconds\":%.6f,\"rps\":%.1f,\"mib_per_s\":%.1f,"
        "\"peak_rss_kib\":%ld,\"start_rss_kib\":%ld",
        client.c_str(), scenario.c_str(), requests, ok, errors,
        static_cast<unsigned long long>(bytes), seconds, rps, mib_s, peak_rss_kib(), start_rss_kib);
    if (allocations >= 0) {
      std::printf(",\"allocations\":%lld,\"allocs_per_request\":%.2f", allocations,
                  requests > 0 ? static_cast<double>(allocations) / requests : 0.0);
    }
    if (!first_error.empty()) std::printf(",\"first_error\":\"%s\"", first_error.c_str());
    std::printf("}\n");
    std::fflush(stdout);
  }

  /// The exit status: 0 when every request succeeded.
  [[nodiscard]] int exit_code() const { return errors == 0 && ok == requests ? 0 : 1; }
};

}  // namespace bench
