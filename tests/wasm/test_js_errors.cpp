// The error values the JS bindings make of C++ exceptions (js_errors.cpp):
// httpxx's errors keep their class name; anything else becomes a class of
// its own, never httpxx's root class.
#include <doctest/doctest.h>
#include <emscripten/val.h>

#include <httpxx/httpxx.hpp>
#include <new>
#include <stdexcept>
#include <string>

#include "js_errors.hpp"

using emscripten::val;
using httpxx::wasm::error_value;

namespace {

std::string name_of(const val& error) { return error["name"].as<std::string>(); }
std::string message_of(const val& error) { return error["message"].as<std::string>(); }

}  // namespace

TEST_CASE("an httpxx error keeps its class name and its request") {
  httpxx::Request request("GET", httpxx::URL("http://example.test/x"));
  val error = error_value(std::make_exception_ptr(httpxx::ReadTimeout("slow", request)));
  CHECK(error["httpxxError"].as<bool>());
  CHECK(name_of(error) == "ReadTimeout");
  CHECK(message_of(error) == "slow");
  CHECK(error["request"]["url"].as<std::string>() == "http://example.test/x");
}

TEST_CASE("std::bad_alloc becomes OutOfMemoryError, with a message that says so") {
  val error = error_value(std::make_exception_ptr(std::bad_alloc()));
  CHECK(error["httpxxError"].as<bool>());
  CHECK(name_of(error) == "OutOfMemoryError");
  CHECK(message_of(error).find("out of memory") != std::string::npos);
  CHECK(message_of(error).find("std::bad_alloc") != std::string::npos);
}

TEST_CASE("a misuse of the API (std::logic_error) becomes a plain Error") {
  val error = error_value(std::make_exception_ptr(std::logic_error("this Parallel is closed")));
  CHECK(name_of(error) == "Error");
  CHECK(error["usage"].as<bool>());
  CHECK(message_of(error) == "this Parallel is closed");
}

TEST_CASE("another std::exception becomes InternalError naming its C++ type") {
  val error = error_value(std::make_exception_ptr(std::runtime_error("went wrong")));
  CHECK(name_of(error) == "InternalError");
  CHECK(message_of(error) == "std::runtime_error: went wrong");
}

TEST_CASE("an exception that is no std::exception becomes InternalError") {
  val error = error_value(std::make_exception_ptr(42));
  CHECK(name_of(error) == "InternalError");
  CHECK(message_of(error).find("unknown C++ exception") != std::string::npos);
}
