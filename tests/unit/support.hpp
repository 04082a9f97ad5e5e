#pragma once
// Helpers shared by the unit tests.

#include <httpxx/httpxx.hpp>
#include <utility>

namespace httpxx_test {

/// Runs a task to completion on a fresh portable loop (no sockets, works in
/// every build) and returns its result.
template <class T>
T drive(httpxx::Task<T> task) {
  httpxx::RunLoop loop;
  return loop.run(std::move(task));
}

/// A client whose transport answers with `handler`.
template <class Handler>
httpxx::AsyncClient mock_client(Handler handler, httpxx::ClientOptions options = {}) {
  options.transport = std::make_shared<httpxx::MockTransport>(
      httpxx::MockTransport::Handler(std::move(handler)));
  return httpxx::AsyncClient(std::move(options));
}

}  // namespace httpxx_test
