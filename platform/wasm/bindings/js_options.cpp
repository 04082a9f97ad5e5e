#include "js_options.hpp"

#include <boost/json/parse.hpp>
#include <chrono>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "httpxx/auth.hpp"
#include "js_await.hpp"
#include "js_response.hpp"

namespace httpxx::wasm {

namespace {

using emscripten::val;

bool given(const val& v) { return !v.isUndefined() && !v.isNull(); }

std::string type_of(const val& v) { return v.typeOf().as<std::string>(); }

[[noreturn]] void wrong_type(std::string_view name, std::string_view expected) {
  throw OptionError("option '" + std::string(name) + "' must be " + std::string(expected));
}

bool is_object(const val& v) { return given(v) && type_of(v) == "object"; }
bool is_array(const val& v) { return val::global("Array").call<bool>("isArray", v); }

// Refuses names the C++ side does not know: a misspelt option must not be
// dropped silently.
void check_keys(const val& object, std::string_view what,
                std::initializer_list<std::string_view> known) {
  if (!is_object(object) || is_array(object)) {
    if (what.empty()) throw OptionError("options must be an object");
    wrong_type(what, "an object");
  }
  const val keys = val::global("Object").call<val>("keys", object);
  const auto n = keys["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    const auto key = keys[i].as<std::string>();
    bool found = false;
    for (std::string_view k : known) found = found || k == key;
    if (!found) {
      throw OptionError("unknown option '" + key + "'" +
                        (what.empty() ? std::string() : " in '" + std::string(what) + "'"));
    }
  }
}

std::string string_of(const val& v, std::string_view name) {
  if (type_of(v) != "string") wrong_type(name, "a string");
  return v.as<std::string>();
}

bool bool_of(const val& v, std::string_view name) {
  if (type_of(v) != "boolean") wrong_type(name, "a boolean");
  return v.as<bool>();
}

double number_of(const val& v, std::string_view name) {
  if (type_of(v) != "number") wrong_type(name, "a number");
  return v.as<double>();
}

// Integers up to 2^53 (what a JS number holds exactly).
std::uint64_t count_of(const val& v, std::string_view name, double max = 9007199254740992.0) {
  const double d = number_of(v, name);
  if (!(d >= 0 && d <= max && std::floor(d) == d)) wrong_type(name, "a non-negative integer");
  return static_cast<std::uint64_t>(d);
}

val function_of(const val& v, std::string_view name) {
  if (type_of(v) != "function") wrong_type(name, "a function");
  return v;
}

template <class Add>
void each_pair(const val& pairs, std::string_view name, Add add) {
  if (!given(pairs)) return;
  if (!is_array(pairs)) wrong_type(name, "[name, value] pairs");
  const auto n = pairs["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    val pair = pairs[i];
    if (!is_array(pair) || pair["length"].as<unsigned>() != 2 || type_of(pair[0]) != "string" ||
        type_of(pair[1]) != "string") {
      wrong_type(name, "[name, value] pairs of strings");
    }
    add(pair[0].as<std::string>(), pair[1].as<std::string>());
  }
}

Headers headers_of(const val& pairs, std::string_view name = "headers") {
  Headers headers;
  each_pair(pairs, name, [&](const std::string& k, const std::string& v) { headers.add(k, v); });
  return headers;
}

QueryParams params_of(const val& pairs, std::string_view name) {
  QueryParams params;
  each_pair(pairs, name, [&](const std::string& k, const std::string& v) { params.add(k, v); });
  return params;
}

std::string bytes_of(const val& array, std::string_view name) {
  if (!array.instanceof (val::global("Uint8Array"))) wrong_type(name, "a Uint8Array");
  std::string out(array["length"].as<std::size_t>(), '\0');
  val view(emscripten::typed_memory_view(out.size(), reinterpret_cast<unsigned char*>(out.data())));
  view.call<void>("set", array);
  return out;
}

std::optional<Timeout::Duration> phase(const val& ms, std::string_view name) {
  if (!given(ms)) return std::nullopt;
  const double d = number_of(ms, name);
  if (!(d >= 0)) wrong_type(name, "a non-negative number of milliseconds");
  return std::chrono::duration_cast<Timeout::Duration>(
      std::chrono::duration<double, std::milli>(d));
}

std::optional<Timeout> timeout_of(const val& js) {
  if (js.isUndefined()) return std::nullopt;
  if (js.isNull()) return Timeout::none();
  check_keys(js, "timeout", {"connect", "read", "write", "pool"});
  Timeout t;
  for (auto [name, field] : {std::pair{"connect", &Timeout::connect},
                             {"read", &Timeout::read},
                             {"write", &Timeout::write},
                             {"pool", &Timeout::pool}}) {
    val ms = js[name];
    if (!ms.isUndefined()) t.*field = phase(ms, std::string("timeout.") + name);
  }
  return t;
}

void set_headers(Request& request, const val& pairs, std::string_view name) {
  if (pairs.isUndefined()) return;  // the callback changed nothing
  Headers fresh = headers_of(pairs, name);
  request.headers() = std::move(fresh);
}

std::shared_ptr<Auth> auth_of(const val& js) {
  if (!given(js)) return nullptr;
  check_keys(js, "auth", {"scheme", "username", "password", "fn"});
  const std::string scheme = string_of(js["scheme"], "auth.scheme");
  if (scheme == "basic" || scheme == "digest") {
    std::string user = string_of(js["username"], "auth.username");
    std::string pass = string_of(js["password"], "auth.password");
    if (scheme == "basic") return std::make_shared<BasicAuth>(std::move(user), std::move(pass));
    return std::make_shared<DigestAuth>(std::move(user), std::move(pass));
  }
  if (scheme != "function") wrong_type("auth.scheme", "\"basic\", \"digest\" or \"function\"");
  val fn = function_of(js["fn"], "auth.fn");
  return std::make_shared<FunctionAuth>([fn](Request& request) {
    // httpxx.mjs's wrapper never throws: it reports the user's exception
    // as { error }, which is rethrown here as a C++ exception.
    val out = fn(request_value(request));
    if (!out["error"].isUndefined()) throw JsThrown(out["error"]);
    set_headers(request, out["headers"], "auth result headers");
  });
}

Cookies request_cookies_of(const val& pairs) {
  Cookies jar;
  each_pair(pairs, "cookies", [&](const std::string& k, const std::string& v) { jar.set(k, v); });
  return jar;
}

Cookies client_cookies_of(const val& list) {
  Cookies jar;
  if (!given(list)) return jar;
  if (!is_array(list)) wrong_type("cookies", "an array of cookies");
  const auto n = list["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    val c = list[i];
    check_keys(c, "cookies", {"name", "value", "domain", "path"});
    jar.set(string_of(c["name"], "cookies.name"), string_of(c["value"], "cookies.value"),
            given(c["domain"]) ? string_of(c["domain"], "cookies.domain") : "",
            given(c["path"]) ? string_of(c["path"], "cookies.path") : "/");
  }
  return jar;
}

Files files_of(const val& list) {
  Files files;
  if (!given(list)) return files;
  if (!is_array(list)) wrong_type("files", "[field, file] pairs");
  const auto n = list["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    val pair = list[i];
    if (!is_array(pair) || pair["length"].as<unsigned>() != 2)
      wrong_type("files", "[field, file] pairs");
    val f = pair[1];
    check_keys(f, "files", {"filename", "content", "contentType"});
    File file;
    if (given(f["filename"])) file.filename = string_of(f["filename"], "files.filename");
    file.content = bytes_of(f["content"], "files.content");
    if (given(f["contentType"]))
      file.content_type = string_of(f["contentType"], "files.contentType");
    files.emplace_back(string_of(pair[0], "files field name"), std::move(file));
  }
  return files;
}

// Coroutines with parameters by value: the std::function that makes them
// may be gone before they finish.
Task<std::optional<std::string>> pull_js(val pull) {
  val chunk = co_await call_js(pull, val::undefined());
  if (chunk.isNull() || chunk.isUndefined()) co_return std::nullopt;
  co_return bytes_of(chunk, "content stream chunk");
}

Task<void> request_hook(val fn, Request& request) {
  val headers = co_await call_js(fn, request_value(request));
  set_headers(request, headers, "request hook result");
}

Task<void> response_hook(val fn, Response& response) {
  (void)co_await call_js(fn, val(std::make_shared<JsResponse>(response)));
}

EventHooks hooks_of(const val& js) {
  EventHooks hooks;
  if (!given(js)) return hooks;
  check_keys(js, "event_hooks", {"request", "response"});
  for (const char* kind : {"request", "response"}) {
    const std::string name = std::string("event_hooks.") + kind;
    val list = js[kind];
    if (!given(list)) continue;
    if (!is_array(list)) wrong_type(name, "an array of functions");
    const auto n = list["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
      val fn = function_of(list[i], name);
      if (std::string_view(kind) == "request") {
        hooks.request.emplace_back([fn](Request& r) { return request_hook(fn, r); });
      } else {
        hooks.response.emplace_back([fn](Response& r) { return response_hook(fn, r); });
      }
    }
  }
  return hooks;
}

}  // namespace

val request_value(const Request& request) {
  val out = val::object();
  out.set("method", request.method());
  out.set("url", request.url().str());
  val headers = val::array();
  for (const auto& [name, value] : request.headers()) {
    val pair = val::array();
    pair.call<void>("push", std::string(name), std::string(value));
    headers.call<void>("push", pair);
  }
  out.set("headers", headers);
  return out;
}

RequestOptions request_options(const val& js) {
  RequestOptions out;
  if (!given(js)) return out;
  check_keys(js, "",
             {"params", "headers", "content", "json", "data", "files", "contentStream", "timeout",
              "stream", "followRedirects", "cookies", "auth"});
  out.params = params_of(js["params"], "params");
  out.headers = headers_of(js["headers"]);
  if (given(js["content"])) out.content = bytes_of(js["content"], "content");
  if (given(js["data"])) out.data = params_of(js["data"], "data");
  if (given(js["json"])) out.json = boost::json::parse(string_of(js["json"], "json"));
  out.files = files_of(js["files"]);
  if (given(js["contentStream"])) {
    val pull = function_of(js["contentStream"], "contentStream");
    out.content_stream.emplace([pull] { return pull_js(pull); });
  }
  out.timeout = timeout_of(js["timeout"]);
  if (given(js["stream"])) out.stream = bool_of(js["stream"], "stream");
  if (given(js["followRedirects"])) {
    out.follow_redirects = bool_of(js["followRedirects"], "follow_redirects");
  }
  out.cookies = request_cookies_of(js["cookies"]);
  out.auth = auth_of(js["auth"]);
  return out;
}

SendOptions send_options(const val& js) {
  SendOptions out;
  if (!given(js)) return out;
  check_keys(js, "", {"stream", "followRedirects", "timeout", "auth"});
  if (given(js["stream"])) out.stream = bool_of(js["stream"], "stream");
  if (given(js["followRedirects"])) {
    out.follow_redirects = bool_of(js["followRedirects"], "follow_redirects");
  }
  out.timeout = timeout_of(js["timeout"]);
  out.auth = auth_of(js["auth"]);
  return out;
}

Headers header_pairs(const val& pairs, std::string_view name) {
  if (!given(pairs)) wrong_type(name, "[name, value] pairs");
  return headers_of(pairs, name);
}

ClientOptions client_options(const val& js) {
  ClientOptions out;
  if (!given(js)) return out;
  check_keys(js, "",
             {"baseUrl", "headers", "params", "timeout", "followRedirects", "maxRedirects",
              "defaultEncoding", "maxDecodedSize", "cookies", "auth", "eventHooks"});
  if (given(js["baseUrl"])) out.base_url = URL(string_of(js["baseUrl"], "base_url"));
  out.headers = headers_of(js["headers"]);
  out.params = params_of(js["params"], "params");
  if (auto t = timeout_of(js["timeout"])) out.timeout = *t;
  if (given(js["followRedirects"])) {
    out.follow_redirects = bool_of(js["followRedirects"], "follow_redirects");
  }
  if (given(js["maxRedirects"])) {
    out.max_redirects =
        static_cast<int>(count_of(js["maxRedirects"], "max_redirects", 2147483647.0));
  }
  if (given(js["defaultEncoding"])) {
    out.default_encoding = string_of(js["defaultEncoding"], "default_encoding");
  }
  if (given(js["maxDecodedSize"])) {
    out.max_decoded_size = count_of(js["maxDecodedSize"], "max_decoded_size");
  }
  out.cookies = client_cookies_of(js["cookies"]);
  out.auth = auth_of(js["auth"]);
  out.event_hooks = hooks_of(js["eventHooks"]);
  return out;
}

ParallelOptions parallel_options(const val& js) {
  ParallelOptions out;
  if (!given(js)) return out;
  check_keys(js, "", {"maxConcurrency"});
  if (given(js["maxConcurrency"])) {
    out.max_concurrency = count_of(js["maxConcurrency"], "max_concurrency", 4294967295.0);
  }
  return out;
}

}  // namespace httpxx::wasm
