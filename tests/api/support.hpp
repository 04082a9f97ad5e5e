#pragma once
// What the API suite's tests share: where the test server listens, how a
// test drives its coroutine, and small assertion helpers.
//
// The suite is written once for every platform: tests use the public API
// only, through this header. support.cpp drives coroutines with
// httpxx::run, which blocks natively and in the wasm test build (linked
// with -sASYNCIFY); a build that cannot block replaces support.cpp only. Platform-specific tests
// live in their own files (test_native_*.cpp, test_malformed.cpp, test_tls.cpp).

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <httpxx/httpxx.hpp>
#include <string>
#include <string_view>
#include <typeinfo>

namespace api {

using namespace std::chrono_literals;

/// The value of environment variable `name`; fails the test if unset.
std::string env(const char* name);
/// `HTTPXX_TEST_HTTP` + `path`, e.g. "http://127.0.0.1:PORT/get"; in the HTTP/2 run
/// (`over_http2()`) the test server's h2c listener, `HTTPXX_TEST_H2C` + `path`.
std::string http(std::string_view path);
/// `HTTPXX_TEST_HTTPS` + `path`.
std::string https(std::string_view path);

/// True when the suite runs in a web browser: the browser flavour of the wasm
/// program (tests/wasm/browser_env.pre.js) sets HTTPXX_TEST_RUNTIME=browser.
/// There fetch follows redirects itself, the browser keeps the cookies and
/// drops forbidden request headers, and CORS applies (docs/platforms.md).
bool is_browser();

/// In a browser, logs "skipped in the browser: <reason>" and returns true,
/// for a test case that cannot run there; elsewhere returns false. Used as
/// `if (skip_in_browser("…")) return;` at the top of the test case.
bool skip_in_browser(const char* reason);

/// True in the suite's HTTP/2 run (HTTPXX_TEST_PROTOCOL=h2c, ctest `api_h2`): `http()` names
/// the h2c listener and `with_client` clients speak HTTP/2 with prior knowledge (`http1` off).
bool over_http2();

/// In the HTTP/2 run, logs "skipped over HTTP/2: <reason>" and returns true, for a test case
/// about HTTP/1.1 itself; elsewhere returns false.
bool skip_over_http2(const char* reason);

/// Runs `task` to completion and returns its result (rethrows its error).
void run(httpxx::Task<void> task);

/// A test body: gets a client, awaits whatever it likes on it.
using ClientTest = std::function<httpxx::Task<void>(httpxx::AsyncClient&)>;

/// Runs `test` with a new client made from `options`, then closes the
/// client, on the platform's loop.
void with_client(const ClientTest& test, httpxx::ClientOptions options = {});

/// Readable name of an exception's dynamic type ("httpxx::ReadTimeout").
std::string type_name(const std::type_info& type);

/// Awaits `task`, which must throw an `E`. Returns the exception's message;
/// records a test failure (and returns "") if it throws nothing or
/// something else.
template <class E, class T>
httpxx::Task<std::string> expect_error(httpxx::Task<T> task) {
  std::string unexpected;
  try {
    (void)co_await std::move(task);
  } catch (const E& e) {
    co_return std::string(e.what());
  } catch (const std::exception& e) {
    unexpected = type_name(typeid(e)) + ": " + e.what();
  }
  if (unexpected.empty()) {
    FAIL_CHECK("expected " << type_name(typeid(E)) << ", but nothing was thrown");
  } else {
    FAIL_CHECK("expected " << type_name(typeid(E)) << ", but got " << unexpected);
  }
  co_return std::string();
}

/// The test server's deterministic bytes: byte[i] = (i*31 + 7 + seed) & 255.
bool is_pattern(std::string_view bytes, std::uint64_t offset = 0, int seed = 0);

/// What `pull_stream` saw of a streamed body.
struct Pulled {
  std::uint64_t bytes = 0;
  std::size_t largest = 0;  ///< the largest chunk
  bool pattern = true;      ///< its first 4 MiB were the server's pattern (is_pattern)
  std::string error;        ///< the class of what the stream threw ("httpxx::DecodingError")
};

/// Reads `response.stream()` to its end (or to the httpxx error it throws).
httpxx::Task<Pulled> pull_stream(httpxx::Response& response);

/// Milliseconds since `start`.
inline long long ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

/// The JSON document of a response (an object), as returned by the
/// server's echo endpoints.
const boost::json::object& as_object(const httpxx::Json& json);

}  // namespace api
