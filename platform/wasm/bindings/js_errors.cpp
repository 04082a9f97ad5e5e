#include "js_errors.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <typeinfo>

#include "httpxx/errors.hpp"
#include "httpxx/request.hpp"
#include "httpxx/response.hpp"

namespace httpxx::wasm {

namespace {

// The C++ name of a type ("std::bad_alloc"), or its mangled name. libc++'s
// versioning namespace is left out ("std::__2::runtime_error" reads as
// "std::runtime_error").
std::string type_name(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  if (status != 0 || !demangled) return type.name();
  std::string name = demangled.get();
  for (std::size_t at = name.find("::__"); at != std::string::npos; at = name.find("::__", at)) {
    std::size_t end = at + 4;
    while (end < name.size() && name[end] >= '0' && name[end] <= '9') ++end;
    if (end > at + 4 && name.compare(end, 2, "::") == 0) {
      name.erase(at, end - at);
    } else {
      at = end;
    }
  }
  return name;
}

// "httpxx::ReadTimeout" -> "ReadTimeout"; anything not of httpxx -> "Error".
std::string class_name(const std::type_info& type) {
  std::string name = type_name(type);
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
  } catch (const std::bad_alloc& e) {
    // Memory ran out (the wasm heap could not grow): not a fault of the
    // request, and not httpxx's root class either.
    out.set("name", std::string("OutOfMemoryError"));
    out.set("message",
            "out of memory: the WebAssembly heap could not grow (" + type_name(typeid(e)) + ")");
  } catch (const std::logic_error& e) {
    // A documented misuse of the API (a closed Parallel, nothing left to
    // wait for): a plain JS Error, as JS APIs report a wrong call.
    out.set("name", std::string("Error"));
    out.set("usage", true);
    out.set("message", std::string(e.what()));
  } catch (const std::exception& e) {
    // An exception httpxx did not mean to throw (a bug, or one from a
    // library below it): named so, with its C++ type.
    out.set("name", std::string("InternalError"));
    out.set("message", type_name(typeid(e)) + ": " + e.what());
  } catch (...) {
    out.set("name", std::string("InternalError"));
    out.set("message", std::string("an unknown C++ exception (not a std::exception)"));
  }
  return out;
}

}  // namespace httpxx::wasm
