// `httpxx --parallel URL URL...`: every request at once, progress lines,
// then a summary line per URL in completion order.
#include <algorithm>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "progress.hpp"

namespace httpxx::cli {

namespace {

using namespace std::chrono_literals;

struct Entry {
  std::string url{};
  std::string origin{};  // "http://host:port", empty if the URL is invalid or relative
  std::string target{};  // path and query
  Transfer transfer{};
  Response response{};  // empty if the request failed
  Exit exit = Exit::ok;
};

// Waits for one request of the set and counts its body as it streams in.
// Errors are kept on the entry: one failed URL does not stop the others.
Task<void> fetch_one(PendingResponse pending, Entry& entry, std::vector<Entry*>& finished) {
  try {
    Response response = co_await pending.get_response();
    entry.transfer.total = expected_body_size(response);
    auto chunks = response.stream();
    while (auto chunk = co_await chunks.next()) entry.transfer.received += chunk->size();
    entry.response = response;
    entry.exit = exit_for_status(response.status_code());
  } catch (const std::exception& e) {
    entry.transfer.error = error_line(e, false);
    entry.exit = exit_for_error(e);
  }
  entry.transfer.finished = Clock::now();
  finished.push_back(&entry);
}

}  // namespace

Task<int> run_parallel(Command command) {
  AsyncClient client = make_client(command.client);
  Printer out(std::cout, command.colour);

  // Sized once: the fetch tasks hold references to the entries.
  std::vector<Entry> entries(command.urls.size());
  std::vector<Entry*> finished;
  auto parallel = client.parallel();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    Entry& entry = entries[i];
    entry.url = command.urls[i];
    entry.transfer.label = entry.url;
    try {
      RequestOptions options = command.request;
      options.stream = true;
      URL url(entry.url);
      entry.origin = url.is_absolute() ? url.origin() : "";
      entry.target = url.target();
      PendingResponse pending =
          parallel.request(command.method, std::move(url), std::move(options));
      spawn(fetch_one(std::move(pending), entry, finished));
    } catch (const std::exception& e) {  // an invalid URL: nothing was started
      entry.transfer.error = error_line(e, false);
      entry.exit = exit_for_error(e);
      entry.transfer.finished = Clock::now();
      finished.push_back(&entry);
    }
  }

  // Progress labels: when every URL has the same origin, the paths say enough.
  if (std::all_of(entries.begin(), entries.end(), [&](const Entry& e) {
        return e.origin == entries.front().origin && !e.origin.empty();
      })) {
    for (Entry& entry : entries) entry.transfer.label = entry.target;
  }
  std::vector<const Transfer*> shown;
  for (const Entry& entry : entries) shown.push_back(&entry.transfer);
  ProgressBoard board(std::cerr, command.progress_width);
  // The fetch tasks run on this loop while this one sleeps; polling keeps
  // this loop simple and redraws at a steady pace.
  while (finished.size() < entries.size()) {
    if (command.progress) board.draw(shown);
    co_await sleep(command.progress ? 100ms : 10ms);
  }
  if (command.progress) board.draw(shown);
  co_await parallel.close();

  std::size_t url_width = 0;
  for (const Entry& entry : entries) url_width = std::max(url_width, entry.url.size());
  std::size_t status_width = 0;
  for (const Entry& entry : entries) {
    if (entry.response.valid()) {
      status_width = std::max(status_width, 4 + entry.response.reason_phrase().size());
    }
  }
  for (const Entry* entry : finished) {
    const Transfer& t = entry->transfer;
    const bool ok = entry->response.valid();
    out.summary(entry->url, url_width, ok ? &entry->response : nullptr, status_width, t.received,
                *t.finished - t.started, t.error);
  }
  co_await client.close();
  const auto failed = std::find_if(entries.begin(), entries.end(),
                                   [](const Entry& e) { return e.exit != Exit::ok; });
  co_return static_cast<int>(failed == entries.end() ? Exit::ok : failed->exit);
}

}  // namespace httpxx::cli
