// The native implementation of support.hpp: httpxx::run on an Asio loop.
#include "support.hpp"

#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace api {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  REQUIRE_MESSAGE(value != nullptr,
                  name << " is not set: run the suite through tests/server/with-server.mjs");
  return value;
}

std::string http(std::string_view path) {
  return env(over_http2() ? "HTTPXX_TEST_H2C" : "HTTPXX_TEST_HTTP") + std::string(path);
}
std::string https(std::string_view path) { return env("HTTPXX_TEST_HTTPS") + std::string(path); }

bool is_browser() {
  const char* runtime = std::getenv("HTTPXX_TEST_RUNTIME");
  return runtime != nullptr && std::string_view(runtime) == "browser";
}

bool skip_in_browser(const char* reason) {
  if (!is_browser()) return false;
  // As a string: doctest would print a `const char*` as an address.
  MESSAGE("skipped in the browser: " << std::string(reason));
  return true;
}

bool over_http2() {
  const char* protocol = std::getenv("HTTPXX_TEST_PROTOCOL");
  return protocol != nullptr && std::string_view(protocol) == "h2c";
}

bool skip_over_http2(const char* reason) {
  if (!over_http2()) return false;
  MESSAGE("skipped over HTTP/2: " << std::string(reason));
  return true;
}

void run(httpxx::Task<void> task) { httpxx::run(std::move(task)); }

namespace {

httpxx::Task<void> client_body(ClientTest test, httpxx::ClientOptions options) {
  httpxx::AsyncClient client(std::move(options));
  std::exception_ptr error;
  try {
    co_await test(client);
  } catch (...) {
    error = std::current_exception();
  }
  co_await client.close();
  if (error) std::rethrow_exception(error);
}

}  // namespace

void with_client(const ClientTest& test, httpxx::ClientOptions options) {
  if (over_http2()) options.http1 = false;
  run(client_body(test, std::move(options)));
}

std::string type_name(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> name(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  return status == 0 && name ? name.get() : type.name();
}

bool is_pattern(std::string_view bytes, std::uint64_t offset, int seed) {
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto expected = static_cast<unsigned char>(((offset + i) * 31 + 7 + seed) & 255);
    if (static_cast<unsigned char>(bytes[i]) != expected) return false;
  }
  return true;
}

httpxx::Task<Pulled> pull_stream(httpxx::Response& response) {
  constexpr std::uint64_t kPatternChecked = 4 * 1024 * 1024;
  Pulled out;
  auto chunks = response.stream();
  try {
    while (auto chunk = co_await chunks.next()) {
      if (out.pattern && out.bytes < kPatternChecked) out.pattern = is_pattern(*chunk, out.bytes);
      out.bytes += chunk->size();
      out.largest = std::max(out.largest, chunk->size());
    }
  } catch (const httpxx::Error& e) {
    out.error = type_name(typeid(e));
  }
  co_return out;
}

const boost::json::object& as_object(const httpxx::Json& json) {
  REQUIRE(json.is_object());
  return json.as_object();
}

}  // namespace api
