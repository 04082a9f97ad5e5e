#include "js_response_table.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

#include "js_await.hpp"
#include "js_errors.hpp"
#include "js_response.hpp"

// Implemented in bindings_library.js.
extern "C" emscripten::EM_VAL httpxx_response_value(double id, int status, const char* text,
                                                    std::size_t len, int flags);

namespace httpxx::wasm {

namespace {

using emscripten::val;

// Ids are never reused (JS numbers hold them exactly up to 2^53), so a late
// drop of a taken id cannot hit another response.
std::unordered_map<std::uint64_t, Response>& table() {
  static std::unordered_map<std::uint64_t, Response> responses;
  return responses;
}
std::uint64_t g_next_id = 1;

constexpr int kRead = 1;
constexpr int kClosed = 2;
constexpr int kRedirect = 4;

bool body_read(const Response& response) {
  // A buffered response was read before it was returned; a streamed one
  // has not been consumed yet when it reaches JS.
  if (!response.is_stream_consumed()) return false;
  try {
    (void)response.content();
    return true;
  } catch (...) {
    return false;
  }
}

// "version\nreason\nurl\nmethod\nname\nvalue\n…": no part holds a line feed
// (header fields, status lines and URLs were validated when they were made).
std::string head_text(const Response& response) {
  std::string out;
  out.append(response.http_version()).append(1, '\n');
  out.append(response.reason_phrase()).append(1, '\n');
  out.append(response.url().str()).append(1, '\n');
  out.append(response.request().method());
  for (const auto& [name, value] : response.headers()) {
    out.append(1, '\n').append(name).append(1, '\n').append(value);
  }
  return out;
}

}  // namespace

val response_value(Response response) {
  const std::uint64_t id = g_next_id++;
  const std::string text = head_text(response);
  const int flags = (body_read(response) ? kRead : 0) | (response.is_closed() ? kClosed : 0) |
                    (response.next_request() ? kRedirect : 0);
  const int status = response.status_code();
  table().emplace(id, std::move(response));
  return val::take_ownership(
      httpxx_response_value(static_cast<double>(id), status, text.data(), text.size(), flags));
}

val take_response(double id) {
  auto found = table().find(static_cast<std::uint64_t>(id));
  if (found == table().end()) return type_error_value("the response is gone");
  auto handle = std::make_shared<JsResponse>(std::move(found->second));
  table().erase(found);
  return val(std::move(handle));
}

void drop_response(double id) { table().erase(static_cast<std::uint64_t>(id)); }

val response_bytes(double id) {
  auto found = table().find(static_cast<std::uint64_t>(id));
  if (found == table().end()) return type_error_value("the response is gone");
  try {
    return to_uint8array(found->second.content());
  } catch (...) {
    return error_value();
  }
}

}  // namespace httpxx::wasm
