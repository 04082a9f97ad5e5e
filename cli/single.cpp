// `httpxx URL`: one request, the parts of it `--print` asks for, then its
// body on stdout or in a download.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "commands.hpp"
#include "exit_codes.hpp"
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

// Prints the body of `response` on stdout: formatted (read whole, unless it
// is binary and only counted), or as it arrives.
Task<void> print_body(Response& response, const Command& command, Printer& out) {
  if (command.pretty && !declares_binary(response)) {
    (void)co_await response.read();
    out.body(response);
    co_return;
  }
  std::uint64_t size = 0;
  auto chunks = response.stream();
  while (auto chunk = co_await chunks.next()) {
    size += chunk->size();
    if (!command.pretty) out.raw(*chunk);
  }
  if (command.pretty && size > 0) out.binary_placeholder(size);
  std::cout.flush();
}

// Reads and drops a body that is neither printed nor downloaded, so that
// the connection can be reused and errors in it still count.
Task<void> drain(Response& response) {
  auto chunks = response.stream();
  while (co_await chunks.next()) {
  }
}

}  // namespace

Task<int> run_single(Command command) {
  AsyncClient client = make_client(command.client);
  Printer out(std::cout, command.colour);
  const PrintParts& print = command.print;
  // A request's line names the version its answer came in (HTTP/1.1 when none came).
  auto show_request = [&](const Request& request, std::string_view version = "HTTP/1.1") {
    if (print.request_head) out.request_head(request, version);
    if (print.request_body) out.request_body(request, command.pretty);
  };

  Request request =
      client.build_request(command.method, URL(command.urls.front()), command.request);
  SendOptions send_options;
  send_options.stream = true;
  Response response;
  try {
    response = co_await client.send(Request(request), std::move(send_options));
  } catch (const std::exception&) {
    // No response: the request as built (without what auth would have added).
    show_request(request);
    std::cout.flush();
    throw;
  }

  // Each request as it was sent (with its auth headers), then its response:
  // every hop of a followed redirect chain and every round of an auth flow.
  const auto& history = response.history();
  const Response& first = history.empty() ? response : history.front();
  show_request(first.request(), first.http_version());
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (print.response_head) out.response_head(history[i]);
    const Response& next = i + 1 < history.size() ? history[i + 1] : response;
    show_request(next.request(), next.http_version());
  }
  if (print.response_head) out.response_head(response);
  std::cout.flush();

  if (!command.download.empty()) {
    co_await download(response, command);
  } else if (print.response_body) {
    co_await print_body(response, command, out);
  } else {
    co_await drain(response);
  }
  co_await client.close();
  co_return static_cast<int>(exit_for_status(response.status_code()));
}

}  // namespace httpxx::cli
