#pragma once
// Helpers for the wasm-only tests: the test server's address, and a clock.

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

namespace httpxx_wasm_test {

/// An environment variable set by the test driver (tests/js/*.test.mjs).
inline std::string env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) {
    throw std::runtime_error(std::string(name) +
                             " is not set: run through tests/js/fetch_wasm.test.mjs");
  }
  return value;
}

/// The plain-HTTP test server, e.g. "http://127.0.0.1:41234".
inline std::string http_server() { return env("HTTPXX_TEST_HTTP"); }

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace httpxx_wasm_test
