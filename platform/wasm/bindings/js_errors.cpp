#include "js_errors.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <typeinfo>

#include "httpxx/errors.hpp"
#include "httpxx/request.hpp"
#include "httpxx/response.hpp"

namespace httpxx::wasm {

namespace {

// "httpxx::ReadTimeout" -> "ReadTimeout"; anything not of httpxx -> "Error".
std::string class_name(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  std::string name = status == 0 && demangled ? demangled.get() : "";
  const std::string prefix = "httpxx::";
  if (name.rfind(prefix, 0) != 0 || name.find("::", prefix.size()) != std::string::npos) {
    return "Error";
  }
  return name.substr(prefix.size());
}

}  // namespace

emscripten::val error_value(std::exception_ptr error) {
  using emscripten::val;
  val out = val::object();
  out.set("httpxxError", true);
  try {
    std::rethrow_exception(error);
  } catch (const Error& e) {
    out.set("name", class_name(typeid(e)));
    out.set("message", std::string(e.what()));
    if (e.has_request()) {
      val request = val::object();
      request.set("method", e.request().method());
      request.set("url", e.request().url().str());
      out.set("request", request);
    }
    if (const auto* status = dynamic_cast<const HTTPStatusError*>(&e)) {
      out.set("status", status->response().status_code());
    }
  } catch (const std::exception& e) {
    out.set("name", std::string("Error"));
    out.set("message", std::string(e.what()));
  } catch (...) {
    out.set("name", std::string("Error"));
    out.set("message", std::string("unknown C++ exception"));
  }
  return out;
}

}  // namespace httpxx::wasm
