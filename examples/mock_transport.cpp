// Testing code that uses httpxx without a network: MockTransport answers
// every request from a function, as httpx.MockTransport does.
#include <httpxx/httpxx.hpp>
#include <iostream>

int main() {
  auto transport = std::make_shared<httpxx::MockTransport>([](const httpxx::Request& request) {
    if (request.url().path() == "/users/1") {
      return httpxx::MockResponse{.json = httpxx::Json{{"id", 1}, {"name", "Ada"}}};
    }
    return httpxx::MockResponse{.status = 404};
  });
  httpxx::Client client({.base_url = "https://api.example.test", .transport = transport});

  auto user = client.get("/users/1");
  std::cout << user.status_code() << " " << user.json().at("name").as_string() << "\n";

  auto missing = client.get("/users/2");
  try {
    missing.raise_for_status();
  } catch (const httpxx::HTTPStatusError& e) {
    std::cout << "error: " << e.what() << "\n";
  }
  return 0;
}
