// `httpxx URL`: one request, its heads, then its body or a download.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "output.hpp"
#include "progress.hpp"

namespace httpxx::cli {

namespace {

using namespace std::chrono_literals;

constexpr auto kRedrawInterval = 100ms;

// Streams the (decoded) body of `response` into the file `path`, with a
// progress line on stderr when `command.progress`.
Task<void> download(Response& response, const Command& command) {
  const std::string& path = command.download;
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    throw std::runtime_error("cannot open '" + path + "' for writing: " + std::strerror(errno));
  }
  Transfer transfer{.label = path, .total = expected_body_size(response)};
  ProgressBoard board(std::cerr, command.progress_width);
  const Transfer* shown[] = {&transfer};
  auto last_draw = Clock::now() - kRedrawInterval;

  auto chunks = response.stream();
  while (auto chunk = co_await chunks.next()) {
    file.write(chunk->data(), static_cast<std::streamsize>(chunk->size()));
    if (!file) throw std::runtime_error("cannot write to '" + path + "': " + std::strerror(errno));
    transfer.received += chunk->size();
    if (command.progress && Clock::now() - last_draw >= kRedrawInterval) {
      board.draw(shown);
      last_draw = Clock::now();
    }
  }
  file.close();
  if (!file) throw std::runtime_error("cannot write to '" + path + "': " + std::strerror(errno));
  transfer.finished = Clock::now();
  if (command.progress) board.draw(shown);
}

}  // namespace

Task<int> run_single(Command command) {
  AsyncClient client(command.client);
  Printer out(std::cout, command.colour);

  Request request =
      client.build_request(command.method, URL(command.urls.front()), command.request);
  // The first request head is shown before sending, so that it is there
  // even when the request fails.
  if (command.verbose) {
    out.request_head(request);
    std::cout.flush();
  }
  SendOptions send_options;
  send_options.stream = true;
  Response response = co_await client.send(std::move(request), std::move(send_options));

  // A followed redirect chain: each response, and in verbose mode each
  // request that followed it.
  const auto& history = response.history();
  for (std::size_t i = 0; i < history.size(); ++i) {
    out.response_head(history[i]);
    if (command.verbose) {
      out.request_head(i + 1 < history.size() ? history[i + 1].request() : response.request());
    }
  }
  out.response_head(response);
  std::cout.flush();

  if (command.download.empty()) {
    (void)co_await response.read();
    out.body(response);
  } else {
    co_await download(response, command);
  }
  co_await client.close();
  co_return response.is_success() ? 0 : 1;
}

}  // namespace httpxx::cli
