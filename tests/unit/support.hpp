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

/// Options for a streamed request. (g++ 12.2 destroys a braced aggregate
/// temporary written inside a co_await expression twice, so tests never
/// write `co_await client.get(url, {.stream = true})`.)
inline httpxx::RequestOptions streamed() { return {.stream = true}; }

/// A client whose transport answers with `handler`.
template <class Handler>
httpxx::AsyncClient mock_client(Handler handler, httpxx::ClientOptions options = {}) {
  options.transport =
      std::make_shared<httpxx::MockTransport>(httpxx::MockTransport::Handler(std::move(handler)));
  return httpxx::AsyncClient(std::move(options));
}

}  // namespace httpxx_test
