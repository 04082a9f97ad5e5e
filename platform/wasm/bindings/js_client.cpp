#include "js_client.hpp"

#include "js_errors.hpp"
#include "js_options.hpp"
#include "js_parallel.hpp"
#include "js_response.hpp"
#include "settle.hpp"

namespace httpxx::wasm {

using emscripten::val;

val JsClient::create(val options) {
  return guarded([&] { return std::make_shared<JsClient>(client_options(options)); });
}

JsClient::JsClient(ClientOptions options)
    : client_(std::make_shared<AsyncClient>(std::move(options))) {}

void JsClient::request(std::string method, std::string url, val options, val resolve, val reject) {
  // Options are read now, while `options` is the caller's object; errors in
  // them reject the promise like any other.
  RequestOptions parsed;
  try {
    parsed = request_options(options);
  } catch (...) {
    reject(error_value());
    return;
  }
  settle(
      [client = client_, method = std::move(method), url = std::move(url),
       parsed = std::move(parsed)]() mutable -> Task<val> {
        Response r = co_await client->request(std::move(method), URL(url), std::move(parsed));
        co_return val(std::make_shared<JsResponse>(std::move(r)));
      },
      std::move(resolve), std::move(reject));
}

val JsClient::parallel(val options) {
  return guarded(
      [&] { return std::make_shared<JsParallel>(client_->parallel(parallel_options(options))); });
}

void JsClient::close(val resolve, val reject) {
  settle(
      [client = client_]() -> Task<val> {
        co_await client->close();
        co_return val::undefined();
      },
      std::move(resolve), std::move(reject));
}

}  // namespace httpxx::wasm
