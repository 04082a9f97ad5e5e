#include "js_options.hpp"

#include <chrono>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "httpxx/auth.hpp"
#include "js_await.hpp"
#include "js_response.hpp"
#include "js_response_table.hpp"

// Implemented in bindings_library.js.
extern "C" int httpxx_option_keys(emscripten::EM_VAL object, const char* known, std::size_t len);

namespace httpxx::wasm {

namespace {

using emscripten::val;

bool given(const val& v) { return !v.isUndefined() && !v.isNull(); }

std::string type_of(const val& v) { return v.typeOf().as<std::string>(); }

[[noreturn]] void wrong_type(std::string_view name, std::string_view expected) {
  throw OptionError("option '" + std::string(name) + "' must be " + std::string(expected));
}

bool is_array(const val& v) { return val::global("Array").call<bool>("isArray", v); }

// The option names one kind of options object may hold, also joined with
// line feeds for httpxx_option_keys (made once per kind: the JS side keeps
// the split list by its address).
class KnownNames {
 public:
  KnownNames(std::initializer_list<std::string_view> names) : names_(names) {
    for (std::string_view n : names_) {
      if (!joined_.empty()) joined_.append(1, '\n');
      joined_.append(n);
    }
  }
  [[nodiscard]] const std::vector<std::string_view>& names() const { return names_; }
  [[nodiscard]] const std::string& joined() const { return joined_; }

 private:
  std::vector<std::string_view> names_;
  std::string joined_;
};

// An options object whose keys were checked in one crossing: a name the
// C++ side does not know is refused (a misspelt option must not be dropped
// silently), and an absent option is read without crossing to JS at all.
class Keys {
 public:
  Keys(const val& object, std::string_view what, const KnownNames& known)
      : object_(object), known_(known) {
    const std::string& names = known.joined();
    const int bits = httpxx_option_keys(object.as_handle(), names.data(), names.size());
    if (bits == kNotAnObject) {
      if (what.empty()) throw OptionError("options must be an object");
      wrong_type(what, "an object");
    }
    if (bits < 0) {
      const val keys = val::global("Object").call<val>("keys", object);
      const auto key = keys[static_cast<unsigned>(-1 - bits)].as<std::string>();
      throw OptionError("unknown option '" + key + "'" +
                        (what.empty() ? std::string() : " in '" + std::string(what) + "'"));
    }
    bits_ = static_cast<std::uint32_t>(bits);
  }

  /// The value of `name` (one of the known names), or undefined.
  val operator[](std::string_view name) const {
    const auto& names = known_.names();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) {
        return (bits_ >> i) & 1 ? object_[std::string(name)] : val::undefined();
      }
    }
    throw std::logic_error("option '" + std::string(name) + "' is not in the list of known names");
  }

 private:
  static constexpr int kNotAnObject = -1073741824;
  val object_;  // held (a handle), so that a temporary may be read
  const KnownNames& known_;
  std::uint32_t bits_ = 0;
};

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
  static const KnownNames kKnown{"connect", "read", "write", "pool"};
  const Keys o(js, "timeout", kKnown);
  Timeout t;
  for (auto [name, field] : {std::pair{"connect", &Timeout::connect},
                             {"read", &Timeout::read},
                             {"write", &Timeout::write},
                             {"pool", &Timeout::pool}}) {
    val ms = o[name];
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
  static const KnownNames kKnown{"scheme", "username", "password", "fn"};
  const Keys o(js, "auth", kKnown);
  const std::string scheme = string_of(o["scheme"], "auth.scheme");
  if (scheme == "basic" || scheme == "digest") {
    std::string user = string_of(o["username"], "auth.username");
    std::string pass = string_of(o["password"], "auth.password");
    if (scheme == "basic") return std::make_shared<BasicAuth>(std::move(user), std::move(pass));
    return std::make_shared<DigestAuth>(std::move(user), std::move(pass));
  }
  if (scheme != "function") wrong_type("auth.scheme", "\"basic\", \"digest\" or \"function\"");
  val fn = function_of(o["fn"], "auth.fn");
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
    static const KnownNames kKnown{"name", "value", "domain", "path"};
    const Keys o(c, "cookies", kKnown);
    jar.set(string_of(o["name"], "cookies.name"), string_of(o["value"], "cookies.value"),
            given(o["domain"]) ? string_of(o["domain"], "cookies.domain") : "",
            given(o["path"]) ? string_of(o["path"], "cookies.path") : "/");
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
    static const KnownNames kKnown{"filename", "content", "contentType"};
    const Keys o(f, "files", kKnown);
    File file;
    if (given(o["filename"])) file.filename = string_of(o["filename"], "files.filename");
    file.content = bytes_of(o["content"], "files.content");
    if (given(o["contentType"]))
      file.content_type = string_of(o["contentType"], "files.contentType");
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
  (void)co_await call_js(fn, response_value(response));
}

EventHooks hooks_of(const val& js) {
  EventHooks hooks;
  if (!given(js)) return hooks;
  static const KnownNames kKnown{"request", "response"};
  const Keys o(js, "event_hooks", kKnown);
  for (const char* kind : {"request", "response"}) {
    const std::string name = std::string("event_hooks.") + kind;
    val list = o[kind];
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
  static const KnownNames kKnown{"params", "headers",         "content",       "json",
                                 "data",   "files",           "contentStream", "timeout",
                                 "stream", "followRedirects", "cookies",       "auth"};
  const Keys o(js, "", kKnown);
  out.params = params_of(o["params"], "params");
  out.headers = headers_of(o["headers"]);
  if (given(o["content"])) out.content = bytes_of(o["content"], "content");
  if (given(o["data"])) out.data = params_of(o["data"], "data");
  // JSON.stringify() made the text (httpxx.mjs): sent as it is.
  if (given(o["json"])) out.json = JsonBody::from_text(string_of(o["json"], "json"));
  out.files = files_of(o["files"]);
  if (given(o["contentStream"])) {
    val pull = function_of(o["contentStream"], "contentStream");
    out.content_stream.emplace([pull] { return pull_js(pull); });
  }
  out.timeout = timeout_of(o["timeout"]);
  if (given(o["stream"])) out.stream = bool_of(o["stream"], "stream");
  if (given(o["followRedirects"])) {
    out.follow_redirects = bool_of(o["followRedirects"], "follow_redirects");
  }
  out.cookies = request_cookies_of(o["cookies"]);
  out.auth = auth_of(o["auth"]);
  return out;
}

SendOptions send_options(const val& js) {
  SendOptions out;
  if (!given(js)) return out;
  static const KnownNames kKnown{"stream", "followRedirects", "timeout", "auth"};
  const Keys o(js, "", kKnown);
  if (given(o["stream"])) out.stream = bool_of(o["stream"], "stream");
  if (given(o["followRedirects"])) {
    out.follow_redirects = bool_of(o["followRedirects"], "follow_redirects");
  }
  out.timeout = timeout_of(o["timeout"]);
  out.auth = auth_of(o["auth"]);
  return out;
}

Headers header_pairs(const val& pairs, std::string_view name) {
  if (!given(pairs)) wrong_type(name, "[name, value] pairs");
  return headers_of(pairs, name);
}

ClientOptions client_options(const val& js) {
  ClientOptions out;
  if (!given(js)) return out;
  static const KnownNames kKnown{
      "baseUrl",      "headers",         "params",         "timeout",     "followRedirects",
      "maxRedirects", "defaultEncoding", "maxDecodedSize", "maxReadSize", "cookies",
      "auth",         "eventHooks",      "verify",         "caFile",      "caDir",
      "cert"};
  const Keys o(js, "", kKnown);
  if (given(o["baseUrl"])) out.base_url = URL(string_of(o["baseUrl"], "base_url"));
  out.headers = headers_of(o["headers"]);
  out.params = params_of(o["params"], "params");
  if (auto t = timeout_of(o["timeout"])) out.timeout = *t;
  if (given(o["followRedirects"])) {
    out.follow_redirects = bool_of(o["followRedirects"], "follow_redirects");
  }
  if (given(o["maxRedirects"])) {
    out.max_redirects =
        static_cast<int>(count_of(o["maxRedirects"], "max_redirects", 2147483647.0));
  }
  if (given(o["defaultEncoding"])) {
    out.default_encoding = string_of(o["defaultEncoding"], "default_encoding");
  }
  if (given(o["maxDecodedSize"])) {
    out.max_decoded_size = count_of(o["maxDecodedSize"], "max_decoded_size");
  }
  if (given(o["maxReadSize"])) out.max_read_size = count_of(o["maxReadSize"], "max_read_size");
  out.cookies = client_cookies_of(o["cookies"]);
  out.auth = auth_of(o["auth"]);
  out.event_hooks = hooks_of(o["eventHooks"]);
  // TLS (honoured under Node.js; the transport refuses them in a browser).
  if (given(o["verify"])) out.verify = bool_of(o["verify"], "verify");
  if (given(o["caFile"])) out.ca_file = string_of(o["caFile"], "ca_file");
  if (given(o["caDir"])) out.ca_dir = string_of(o["caDir"], "ca_dir");
  if (given(o["cert"])) {
    static const KnownNames kCert{"certFile", "keyFile", "password"};
    const Keys c(o["cert"], "cert", kCert);
    ClientCert cert;
    cert.cert_file = string_of(c["certFile"], "cert.cert_file");
    if (given(c["keyFile"])) cert.key_file = string_of(c["keyFile"], "cert.key_file");
    if (given(c["password"])) cert.password = string_of(c["password"], "cert.password");
    out.cert = std::move(cert);
  }
  return out;
}

ParallelOptions parallel_options(const val& js) {
  ParallelOptions out;
  if (!given(js)) return out;
  static const KnownNames kKnown{"maxConcurrency"};
  const Keys o(js, "", kKnown);
  if (given(o["maxConcurrency"])) {
    out.max_concurrency = count_of(o["maxConcurrency"], "max_concurrency", 4294967295.0);
  }
  return out;
}

}  // namespace httpxx::wasm
