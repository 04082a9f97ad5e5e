#include "js_options.hpp"

#include <boost/json/parse.hpp>
#include <chrono>
#include <string>

namespace httpxx::wasm {

namespace {

using emscripten::val;

bool given(const val& v) { return !v.isUndefined() && !v.isNull(); }

template <class Add>
void each_pair(const val& pairs, Add add) {
  if (!given(pairs)) return;
  const auto n = pairs["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    val pair = pairs[i];
    add(pair[0].as<std::string>(), pair[1].as<std::string>());
  }
}

Headers headers_of(const val& pairs) {
  Headers headers;
  each_pair(pairs, [&](const std::string& k, const std::string& v) { headers.add(k, v); });
  return headers;
}

QueryParams params_of(const val& pairs) {
  QueryParams params;
  each_pair(pairs, [&](const std::string& k, const std::string& v) { params.add(k, v); });
  return params;
}

std::string bytes_of(const val& array) {
  std::string out(array["length"].as<std::size_t>(), '\0');
  val view(emscripten::typed_memory_view(out.size(), reinterpret_cast<unsigned char*>(out.data())));
  view.call<void>("set", array);
  return out;
}

std::optional<Timeout::Duration> phase(const val& ms) {
  if (!given(ms)) return std::nullopt;
  return std::chrono::duration_cast<Timeout::Duration>(
      std::chrono::duration<double, std::milli>(ms.as<double>()));
}

std::optional<Timeout> timeout_of(const val& js) {
  if (js.isUndefined()) return std::nullopt;
  if (js.isNull()) return Timeout::none();
  Timeout t;
  for (auto [name, field] : {std::pair{"connect", &Timeout::connect},
                             {"read", &Timeout::read},
                             {"write", &Timeout::write},
                             {"pool", &Timeout::pool}}) {
    val ms = js[name];
    if (!ms.isUndefined()) t.*field = phase(ms);
  }
  return t;
}

}  // namespace

RequestOptions request_options(const val& js) {
  RequestOptions out;
  if (!given(js)) return out;
  out.params = params_of(js["params"]);
  out.headers = headers_of(js["headers"]);
  if (given(js["content"])) out.content = bytes_of(js["content"]);
  if (given(js["data"])) out.data = params_of(js["data"]);
  if (given(js["json"])) out.json = boost::json::parse(js["json"].as<std::string>());
  out.timeout = timeout_of(js["timeout"]);
  out.stream = js["stream"].isTrue();
  if (given(js["followRedirects"])) out.follow_redirects = js["followRedirects"].isTrue();
  return out;
}

ClientOptions client_options(const val& js) {
  ClientOptions out;
  if (!given(js)) return out;
  if (given(js["baseUrl"])) out.base_url = URL(js["baseUrl"].as<std::string>());
  out.headers = headers_of(js["headers"]);
  out.params = params_of(js["params"]);
  if (auto t = timeout_of(js["timeout"])) out.timeout = *t;
  if (given(js["followRedirects"])) out.follow_redirects = js["followRedirects"].isTrue();
  if (given(js["maxRedirects"])) out.max_redirects = js["maxRedirects"].as<int>();
  if (given(js["defaultEncoding"])) out.default_encoding = js["defaultEncoding"].as<std::string>();
  return out;
}

ParallelOptions parallel_options(const val& js) {
  ParallelOptions out;
  if (!given(js)) return out;
  if (given(js["maxConcurrency"])) out.max_concurrency = js["maxConcurrency"].as<unsigned>();
  return out;
}

}  // namespace httpxx::wasm
