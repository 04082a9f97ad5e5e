#include "js_client.hpp"

#include "js_await.hpp"
#include "js_options.hpp"
#include "js_parallel.hpp"
#include "js_response.hpp"
#include "js_response_table.hpp"
#include "settle.hpp"

namespace httpxx::wasm {

using emscripten::val;

val JsClient::create(val options) {
  return guarded_js([&] { return std::make_shared<JsClient>(client_options(options)); });
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
    reject(thrown_value());
    return;
  }
  settle(
      [client = client_, method = std::move(method), url = std::move(url),
       parsed = std::move(parsed)]() mutable -> Task<val> {
        Response r = co_await client->request(std::move(method), URL(url), std::move(parsed));
        co_return response_value(std::move(r));
      },
      std::move(resolve), std::move(reject));
}

val JsClient::build_request(std::string method, std::string url, val options) {
  return guarded_js([&] {
    return std::make_shared<JsRequest>(
        client_->build_request(method, URL(url), request_options(options)));
  });
}

void JsClient::send(const JsRequest& request, val options, val resolve, val reject) {
  SendOptions parsed;
  try {
    parsed = send_options(options);
  } catch (...) {
    reject(thrown_value());
    return;
  }
  settle(
      [client = client_, req = request.request(),
       parsed = std::move(parsed)]() mutable -> Task<val> {
        Response r = co_await client->send(std::move(req), std::move(parsed));
        co_return response_value(std::move(r));
      },
      std::move(resolve), std::move(reject));
}

val JsClient::headers() const {
  val out = val::array();
  for (const auto& [name, value] : client_->headers()) {
    val pair = val::array();
    pair.call<void>("push", std::string(name), std::string(value));
    out.call<void>("push", pair);
  }
  return out;
}

val JsClient::set_headers(val pairs) {
  return guarded_js([&] {
    client_->headers() = header_pairs(pairs, "headers");
    return val::undefined();
  });
}

val JsClient::parallel(val options) {
  return guarded_js(
      [&] { return std::make_shared<JsParallel>(client_->parallel(parallel_options(options))); });
}

val JsClient::cookie_list() {
  Cookies& jar = client_->cookies();
  jar.evict_expired();
  val out = val::array();
  for (const Cookie& c : jar) out.call<void>("push", cookie_value(c));
  return out;
}

val JsClient::cookie_get(std::string name, std::string domain, std::string path) const {
  std::optional<std::string> value = client_->cookies().get(name, domain, path);
  return value ? val(*value) : val::null();
}

val JsClient::cookie_set(std::string name, std::string value, std::string domain,
                         std::string path) {
  return guarded_js([&] {
    client_->cookies().set(name, value, domain, path.empty() ? "/" : path);
    return val::undefined();
  });
}

unsigned JsClient::cookie_delete(std::string name, std::string domain, std::string path) {
  return static_cast<unsigned>(client_->cookies().remove(name, domain, path));
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
