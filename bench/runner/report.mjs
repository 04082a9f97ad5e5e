// From the runs of every round to medians, ratios and targets (summarize), and from those to
// docs/BENCHMARKS.md (renderMarkdown) and the chart's rows (chartRows).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function median(values) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * runs: [{ round, scenario, contender, ok, result, error }]. A run that failed (exit status, an
 * error, a wrong body) is left out of the medians and counted in `failed`.
 */
export function summarize(scenarios, runs) {
  return scenarios.map((s) => {
    const contenders = {};
    for (const c of s.contenders) {
      const mine = runs.filter((r) => r.scenario === s.id && r.contender === c);
      const good = mine.filter((r) => r.ok);
      const values = good.map((r) => r.result[s.metric]).filter((v) => typeof v === 'number');
      const rss = good.map((r) => r.result.peak_rss_kib).filter((v) => typeof v === 'number');
      const growth = good.filter((r) => typeof r.result.start_rss_kib === 'number').map((r) => r.result.peak_rss_kib - r.result.start_rss_kib);
      contenders[c] = {
        median: median(values),
        min: values.length ? Math.min(...values) : null,
        max: values.length ? Math.max(...values) : null,
        values,
        peakRssKib: median(rss),
        rssGrowthKib: median(growth),
        connections: median(good.map((r) => r.result.connections).filter((v) => typeof v === 'number')),
        runs: mine.length,
        failed: mine.length - good.length,
        errors: mine.filter((r) => !r.ok).map((r) => r.error),
      };
    }
    const subject = contenders[s.subject];
    const comparisons = s.peers.map(({ peer, target }) => {
      const a = subject.median;
      const b = contenders[peer].median;
      const ratio = a !== null && b !== null && b !== 0 ? a / b : null;
      const met = target === undefined || ratio === null ? undefined : ratio >= target;
      return { peer, ratio, target, met: target !== undefined && ratio === null ? false : met };
    });
    const limits = (s.limits ?? []).map(({ metric, max, label }) => {
      const value = metric === s.metric ? subject.median : subject.peakRssKib;
      return { label, metric, value, max, met: value !== null && value <= max };
    });
    return { id: s.id, title: s.title, metric: s.metric, unit: s.unit, better: s.better, subject: s.subject, concurrency: s.concurrency, perInFlight: s.perInFlight === true, contenders, comparisons, limits };
  });
}

/** The chart's rows: every comparison of a higher-is-better metric. */
export function chartRows(summary) {
  return summary.filter((s) => s.better === 'higher').flatMap((s) =>
    s.comparisons.map((c) => ({ label: `${s.id}: ${s.subject} / ${c.peer}`, ratio: c.ratio, target: c.target, met: c.met })));
}

const fmt = (v, digits = 0) => (v === null || v === undefined ? 'n/a' : v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }));
const fmtRatio = (v) => (v === null || v === undefined ? 'n/a' : `${v.toFixed(2)}x`);
const mib = (kib) => (kib === null || kib === undefined ? 'n/a' : `${(kib / 1024).toFixed(1)} MiB`);
const verdict = (met) => (met === undefined ? '' : met ? 'met' : '**missed**');
const digitsOf = (s) => (s.metric === 'allocs_per_request' ? 2 : s.metric === 'mib_per_s' ? 1 : 0);
const valueOf = (s, v) => (s.metric === 'peak_rss_kib' ? mib(v) : fmt(v, digitsOf(s)));

/** docs/BENCHMARKS.md. info: { date, rounds, smoke, machine, loadBefore, loadAfter, order }. */
export function renderMarkdown(summary, info) {
  const m = info.machine;
  const lines = [];
  const add = (...l) => lines.push(...l);
  add('# Benchmarks', '');
  add(`Written by \`bash bench/run.sh\` on ${info.date}${info.smoke ? ' (smoke run: tiny counts, not a measurement)' : ''}: medians of ${info.rounds} round${info.rounds === 1 ? '' : 's'}. `
    + 'A ratio is httpxx / peer: above 1.0 httpxx is faster; for allocations and memory, below 1.0 httpxx uses less. '
    + 'Rerun it rather than editing this page.', '');
  add(`Load average (1 min) before the run: ${info.loadBefore.toFixed(2)}, after: ${info.loadAfter.toFixed(2)}. `
    + 'On a machine shared with other work the numbers are noisy; the interleaving spreads that noise over every contender alike.', '');

  add('## Machine', '', '| | |', '| --- | --- |');
  add(`| CPU | ${m.cpu} |`, `| cores (nproc) | ${m.cores} |`, `| memory | ${m.memory} |`, `| kernel | ${m.kernel} |`, `| OS | ${m.os} |`);
  add(`| httpxx build | ${m.build}, g++ |`);
  for (const [name, version] of Object.entries(m.versions)) add(`| ${name} | ${version} |`);
  add('');

  add('## Summary', '', '![httpxx / peer, higher is better](benchmarks.svg)', '');
  add('| scenario | comparison | value | target | |', '| --- | --- | --- | --- | --- |');
  for (const s of summary) {
    for (const c of s.comparisons) {
      add(`| ${s.id} | ${s.subject} / ${c.peer} (${s.better} is better) | ${fmtRatio(c.ratio)} | ${c.target === undefined ? '' : `>= ${c.target.toFixed(2)}x`} | ${verdict(c.met)} |`);
    }
    for (const l of s.limits) {
      const value = l.metric === 'peak_rss_kib' ? mib(l.value) : fmt(l.value, 2);
      add(`| ${s.id} | ${s.subject} ${l.metric === 'peak_rss_kib' ? 'peak RSS' : l.metric.replaceAll('_', ' ')} | ${value} | ${l.label} | ${verdict(l.met)} |`);
    }
  }
  add('');

  add('## Results', '');
  for (const s of summary) {
    add(`### ${s.title}`, '');
    const unit = s.metric === 'peak_rss_kib' ? 'peak RSS' : s.unit;
    add(`| contender | median ${unit} | min | max | peak RSS | RSS growth | connections | failed runs |`, '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [name, c] of Object.entries(s.contenders)) {
      const rss = name === 'wrk' ? ' | ' : `${mib(c.peakRssKib)} | ${mib(c.rssGrowthKib)}`;
      const conns = c.connections === null ? '' : fmt(c.connections);
      add(`| ${name} | ${valueOf(s, c.median)} | ${valueOf(s, c.min)} | ${valueOf(s, c.max)} | ${rss} | ${conns} | ${c.failed} of ${c.runs} |`);
    }
    if ((s.metric === 'peak_rss_kib' || s.perInFlight) && s.concurrency > 1) {
      // What each request in flight costs: the RSS growth shared out.
      const each = Object.entries(s.contenders).map(([name, c]) =>
        `${name} ${c.rssGrowthKib === null ? 'n/a' : `${(c.rssGrowthKib / s.concurrency).toFixed(1)} KiB`}`);
      add('', `RSS growth per request in flight (${fmt(s.concurrency)}): ${each.join(', ')}.`);
    }
    const errors = Object.entries(s.contenders).flatMap(([name, c]) => c.errors.slice(0, 1).map((e) => `${name}: ${e}`));
    if (errors.length) add('', ...errors.map((e) => `- failure: ${e.replaceAll('|', '/')}`));
    add('');
  }

  add(METHOD);
  // What was optimised and what remains: kept by hand in bench/FINDINGS.md, carried into every
  // generated page.
  const findings = path.join(path.dirname(fileURLToPath(import.meta.url)), '../FINDINGS.md');
  if (fs.existsSync(findings)) add('', fs.readFileSync(findings, 'utf8').trimEnd());
  return `${lines.join('\n')}\n`;
}

const METHOD = `## Method

One command, \`bash bench/run.sh\`, builds the bench programs (preset \`native-release\`, and the
\`wasm\` preset's JS module if it is missing) and runs \`node bench/run.mjs\`, which:

- starts nginx (Debian's package) in the foreground on 127.0.0.1, on free ports, with the config
  \`bench/nginx/nginx.conf.in\`: one worker, \`access_log off\`, \`sendfile on\`, a keep-alive
  limit of 10^9 requests, everything (files, temp dirs, logs, pid) in a temporary directory. It
  serves files made at start: \`/64b\`, \`/10k\`, \`/64k\` and \`/big\` (1 GiB, a sparse file made
  with truncate, so read as zeros from the page cache), over HTTP and over HTTPS on another port;
- makes a CA and a server certificate for IP 127.0.0.1 (EC P-256) with \`openssl\`; clients trust
  the CA file and verify the server;
- runs ROUNDS rounds (default 5). In each round every contender of every scenario runs once, in a
  random order, so that background load falls on all contenders alike. Each run is a fresh
  process printing one JSON line. The tables give the median over the rounds; a ratio is
  median(httpxx) / median(peer);
- checks every response in every C++ and JS program: status 200 and the exact body size. A run with
  any wrong response counts as failed and is left out of the medians (wrk, the ceiling, checks
  nothing but the status);
- counts the connections nginx accepted during each run (\`stub_status\`, the "connections"
  column): a run fails if a keep-alive scenario opened more than one connection per slot (1 in A,
  D and G-seq, 50 in B, C and G-par) or if E did not open one per request. F is not checked:
  there Node's pools decide (undici's for plain \`fetch()\`, a keep-alive \`http.Agent\` for
  httpxx's wasm build); wrk opens one extra connection before its run;
- writes \`bench/results/latest.json\` (every run), this page and \`docs/benchmarks.svg\`.

\`bash bench/run.sh --rounds 3\` changes the rounds, \`--only A,E\` picks scenarios. \`--smoke\` runs
tiny counts once (an 8 MiB file for D) into a temporary directory and only checks that every
contender ran and got correct bodies; the test suite runs it (\`tests/js/bench_smoke.test.mjs\`).

Every client runs on one thread; nginx has one worker process.

| scenario | httpxx | peers |
| --- | --- | --- |
| A | \`httpxx::Client::get\` (blocking), one pooled keep-alive connection | libcurl: one easy handle reused, \`curl_easy_perform\`, body appended to a \`std::string\`; cpp-httplib: \`httplib::Client\` with keep-alive; \`wrk -t1 -c1\` |
| B, C | \`AsyncClient\` + \`client.parallel({.max_concurrency = 50})\`, pool limits 50 connections / 50 keep-alive; each finished response is replaced by a new request | libcurl multi: 50 easy handles, each re-added as soon as its transfer finishes, \`CURLMOPT_MAX_HOST_CONNECTIONS\` 50, \`curl_multi_perform\` + \`curl_multi_poll\`; \`wrk -t1 -c50\` |
| D | \`Client::get(url, {.stream = true})\`, \`response.stream()\` chunks counted and dropped | libcurl: one easy handle, a write callback that counts and drops (libcurl's default buffer size) |
| D-async | \`co_await AsyncClient::get(url, {.stream = true})\`, \`co_await stream().next()\` chunks counted and dropped | libcurl as in D |
| E | \`Client\` with \`limits.max_keepalive_connections = 0\`: the connection is closed after each response, so each request connects and handshakes | libcurl: \`CURLOPT_FORBID_REUSE\`, \`CURLOPT_SSL_SESSIONID_CACHE\` 0 |
| E-client | a new \`Client\` (with \`ca_file\`) per request, destroyed after it: the client, its TLS context (from the process-wide cache) and a full handshake | libcurl: a fresh easy handle per request (\`curl_easy_init\` … \`curl_easy_cleanup\`), with \`CURLOPT_CAINFO\` |
| H2 | \`AsyncClient\` with \`http1 = false\` (HTTP/2 required) + \`parallel()\` of 100 (1 000 in H2-1000) requests in flight, each finished one replaced: one TLS connection, every request a stream on it (nginx \`http2\`, \`http2_max_concurrent_streams 1000\`) | libcurl multi: \`CURL_HTTP_VERSION_2TLS\`, \`CURLPIPE_MULTIPLEX\`, \`CURLOPT_PIPEWAIT\`, one connection (\`CURLMOPT_MAX_HOST_CONNECTIONS\` 1), the same replacement loop; \`h2load -c 1 -m 100\` (the ceiling; no body checks) |
| H2-fresh | rounds of 100 GETs sent at once by \`parallel()\`, each round by a new \`AsyncClient\` (cold pool, new TLS connections): \`http2\` only | the same program with \`http1\` only (\`httpxx-h1\`): 100 connections and handshakes a round |
| F | under Node.js, the wasm JS module (\`AsyncClient\` + \`parallel({max_concurrency: 50})\`, the same replacement loop, \`response.bytes()\`) | \`fetch()\` (Node's undici) in 50 async workers, \`arrayBuffer()\` |
| G allocations | \`httpxx_alloc_bench\`: the same program linked with a counting global \`operator new\` (every form); counts every C++ allocation in the process during the measured requests (httpxx, Asio, the body strings), after a warm-up on the same client | libcurl: \`curl_global_init_mem\` with counting callbacks (malloc, calloc, realloc, strdup) |
| G in flight | \`parallel()\` with \`max_concurrency\` and the pool limit at 1 000 (10 000 in G-inflight10k); the report also gives the RSS growth per request in flight | libcurl multi with 1 000 (10 000) easy handles |

Why these peers: libcurl is the C client most C++ programs use, and the targets are set against it;
cpp-httplib is the most used header-only C++ client (blocking only, so it appears in A); wrk is a
load generator that does nothing with the responses: the ceiling of what one thread gets from this
nginx. In F, httpxx's wasm transport runs on \`node:http\` under Node.js (in Chromium on the
page's \`fetch()\`, so FC is the cost of httpxx's layers over the fetch it uses); F's peer stays
\`fetch()\`, the client Node.js users reach for first, and \`node bench/wasm_fetch.mjs node-http …\`
measures the \`http.request\` floor by hand.

**TLS sessions (E).** httpxx has no TLS session cache (each new connection makes a full
handshake), so libcurl's session-ID cache is switched off (\`CURLOPT_SSL_SESSIONID_CACHE\` 0) and
nginx runs with \`ssl_session_cache off\` and \`ssl_session_tickets off\`: both clients make a full
handshake per request. With its cache on, libcurl would resume sessions and be faster.

**Allocations (G).** The two counts do not cover the same ground: httpxx's count is every
\`operator new\` in the process, including the \`std::string\` holding each body; libcurl's is only
libcurl's own \`malloc\` family (the program's body string is not counted). TLS is not involved.
Peak memory with requests in flight uses the Node.js test server's \`/delay-ms/1000\` (each response
waits one second; nginx cannot delay a response without extra modules), started by the runner;
the value is the program's peak RSS (\`VmHWM\` of \`/proc/self/status\`), which includes its
libraries. (\`getrusage\`'s \`ru_maxrss\` is not used: Linux carries it over \`exec\`, so a
program started by Node.js would report at least the peak of the forked runner.) In every table, "peak RSS" is that value (median over the rounds) and "RSS growth" is
the peak minus the RSS when the program started (after its libraries were loaded).

Targets (issue #8): A, B, C, E >= 1.0x libcurl; B >= 0.5x wrk; D >= 0.95x libcurl with a peak RSS
<= 16 MiB whatever the body size; F >= 0.9x undici; <= 10 allocations per keep-alive request.
`;
