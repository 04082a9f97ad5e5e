// A program of a user of httpxx: built against an installed copy (CMake
// package and pkg-config) and with add_subdirectory. Offline: MockTransport.
#include <httpxx/httpxx.hpp>
#include <iostream>

int main() {
  auto transport = std::make_shared<httpxx::MockTransport>([](const httpxx::Request& r) {
    return httpxx::MockResponse{.content = "hello " + r.url().path()};
  });
  httpxx::Client client({.transport = transport});
  std::cout << client.get("http://consumer.test/world").text() << "\n";
  return 0;
}
