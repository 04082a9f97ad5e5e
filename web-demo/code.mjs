// The code panel: the JavaScript the page runs (the call with the visitor's
// settings, then downloadAll's own source) and the same work written against
// the C++ API. The end-to-end test compiles the C++ text as shown.
import { downloadAll } from './run.mjs';

/** `value` as a JavaScript literal (strings in single quotes, as the project writes them). */
function jsLiteral(value) {
  if (typeof value !== 'string') return String(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `value` as a C++ string literal. */
function cppLiteral(value) {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\?\?/g, '?\\?')}"`;
}

/** The JavaScript the page runs for `settings`. */
export function javascriptCode(settings) {
  const urls = settings.urls.map((url) => `    ${jsLiteral(url)},`).join('\n');
  return `import { AsyncClient } from 'httpxx';  // this page: ./httpxx/httpxx.mjs

await downloadAll(AsyncClient, {
  base_url: ${jsLiteral(settings.base_url)},
  urls: [
${urls}
  ],
  timeout: ${settings.timeout === null ? 'null' : settings.timeout},
  max_concurrency: ${settings.max_concurrency},
}, view);  // view: the page's waterfall (web-demo/waterfall.mjs)

${downloadAll.toString()}
`;
}

/** The same downloads with the C++ API, for `settings`. */
export function cppCode(settings) {
  const timeout = settings.timeout === null ? 'httpxx::Timeout::none()' : `${settings.timeout}ms`;
  const parallel = settings.max_concurrency > 0
    ? `client.parallel({.max_concurrency = ${settings.max_concurrency}})`
    : 'client.parallel()  /* no limit */';
  const urls = settings.urls.map((url) => `           ${cppLiteral(url)},`).join('\n');
  return `#include <httpxx/httpxx.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>

httpxx::Task<void> download_all() {
  using namespace std::chrono_literals;
  httpxx::AsyncClient client({.base_url = ${cppLiteral(settings.base_url)},
                              .timeout = ${timeout}});
  auto parallel = ${parallel};
  for (const char* url : {
${urls}
       }) {
    try {
      (void)parallel.get(url, {.stream = true});  // starts now, or waits for a slot
    } catch (const httpxx::InvalidURL& e) {
      std::printf("%s: %s\\n", url, e.what());
    }
  }
  // Heads in completion order. Unlike the page, which streams every body as
  // soon as its head is in, this loop streams one body at a time.
  while (parallel.has_pending()) {
    try {
      httpxx::Response r = co_await parallel.next_response();
      std::uint64_t size = 0;
      auto chunks = r.stream();
      while (auto chunk = co_await chunks.next()) size += chunk->size();
      std::printf("%d %s: %llu bytes\\n", r.status_code(), r.url().str().c_str(),
                  static_cast<unsigned long long>(size));
    } catch (const httpxx::Error& e) {  // ReadTimeout, ConnectError, …
      std::printf("%s: %s\\n", e.has_request() ? e.request().url().str().c_str() : "?", e.what());
    }
  }
  co_await parallel.close();
  co_await client.close();
}

int main() { httpxx::run(download_all()); }  // in a browser: httpxx::spawn(download_all())
`;
}
