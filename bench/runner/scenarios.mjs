// The scenarios of issue #8, their contenders, counts, targets, and the command that runs one
// contender once. run.mjs runs every (scenario, contender) pair once per round.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMALL_FILES } from './nginx.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const WASM_FETCH = path.join(here, '../wasm_fetch.mjs');
const WASM_FETCH_BROWSER = path.join(here, '../wasm_fetch_browser.mjs');

/** Bytes of /big: 1 GiB, or 8 MiB in --smoke. */
export const bigBytes = (smoke) => (smoke ? 8 : 1024) * 1024 * 1024;

/**
 * Every scenario. `metric` is the field of a contender's JSON line that is compared (`better`:
 * which way is good); `subject` is httpxx's contender, compared with each `peers` entry
 * (ratio = subject / peer, `target` the lowest acceptable ratio of a higher-is-better metric).
 * `limits` are absolute bounds on the subject. `connections`: how many connections nginx must have
 * accepted during a run (else the run failed: keep-alive broken, or E reusing a connection); not
 * checked for wrk, nor in F, where undici's pool decides.
 * `n(full, smoke)` picks the count of the mode.
 */
export function scenarios(smoke) {
  const n = (full, small) => (smoke ? small : full);
  const wrkSeconds = n(3, 1);
  // 50 in flight: keep-alive works if the pool stays near 50 connections (a broken one opens one
  // per request). libcurl's multi interface now and then replaces a connection, hence the slack.
  const pooled = { max: 60 };
  return [
    {
      id: 'A', title: 'A. 1 connection, keep-alive, sequential GETs of 64 B',
      path: '/64b', expect: SMALL_FILES['64b'], mode: 'seq', count: n(20000, 50), concurrency: 1, wrkSeconds,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl', 'cpp-httplib', 'wrk'], connections: { max: 1 },
      peers: [{ peer: 'libcurl', target: 1.0 }, { peer: 'cpp-httplib' }, { peer: 'wrk' }],
    },
    {
      id: 'B', title: 'B. 50 concurrent GETs of 64 B over a pool, one thread',
      path: '/64b', expect: SMALL_FILES['64b'], mode: 'parallel', count: n(50000, 100), concurrency: 50, wrkSeconds,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl', 'wrk'], connections: pooled,
      peers: [{ peer: 'libcurl', target: 1.0 }, { peer: 'wrk', target: 0.5 }],
    },
    {
      id: 'C10k', title: 'C. 50 concurrent GETs of 10 KB',
      path: '/10k', expect: SMALL_FILES['10k'], mode: 'parallel', count: n(30000, 100), concurrency: 50, wrkSeconds,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl', 'wrk'], connections: pooled,
      peers: [{ peer: 'libcurl', target: 1.0 }, { peer: 'wrk' }],
    },
    {
      id: 'C64k', title: 'C. 50 concurrent GETs of 64 KB',
      path: '/64k', expect: SMALL_FILES['64k'], mode: 'parallel', count: n(10000, 100), concurrency: 50, wrkSeconds,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl', 'wrk'], connections: pooled,
      peers: [{ peer: 'libcurl', target: 1.0 }, { peer: 'wrk' }],
    },
    {
      id: 'D', title: `D. One streamed download of ${smoke ? '8 MiB' : '1 GiB'}, chunks discarded`,
      path: '/big', expect: bigBytes(smoke), mode: 'stream', count: 1, concurrency: 1,
      metric: 'mib_per_s', unit: 'MiB/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl'], connections: { max: 1 },
      peers: [{ peer: 'libcurl', target: 0.95 }],
      limits: [{ metric: 'peak_rss_kib', max: 16 * 1024, label: 'peak RSS <= 16 MiB' }],
    },
    {
      // The async path: AsyncClient and ByteStream against the same libcurl run as D.
      id: 'D-async', title: `D-async. The same download through AsyncClient (co_await stream().next())`,
      path: '/big', expect: bigBytes(smoke), mode: 'stream', modes: { httpxx: 'stream-async' }, count: 1, concurrency: 1,
      metric: 'mib_per_s', unit: 'MiB/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl'], connections: { max: 1 },
      peers: [{ peer: 'libcurl', target: 1.0 }],
      limits: [{ metric: 'peak_rss_kib', max: 16 * 1024, label: 'peak RSS <= 16 MiB' }],
    },
    {
      id: 'E', title: 'E. HTTPS, a new connection (full TLS handshake) per 64 B GET',
      path: '/64b', expect: SMALL_FILES['64b'], mode: 'tls-new', tls: true, count: n(1000, 20), concurrency: 1,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl'], connections: { min: n(1000, 20), max: n(1000, 20) },
      peers: [{ peer: 'libcurl', target: 1.0 }],
    },
    {
      id: 'E-client', title: 'E-client. HTTPS, a new client (Client / fresh easy handle) per 64 B GET',
      path: '/64b', expect: SMALL_FILES['64b'], mode: 'tls-client', tls: true, count: n(1000, 20), concurrency: 1,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl'], connections: { min: n(1000, 20), max: n(1000, 20) },
      peers: [{ peer: 'libcurl', target: 0.9 }],
    },
    ...[['H2', '64b', '64 B', 100, n(50000, 200)], ['H2-64k', '64k', '64 KB', 100, n(10000, 200)],
      ['H2-1000', '64b', '64 B', 1000, n(50000, 2000)]].map(([id, file, size, conc, count]) => ({
      id, title: `H2. HTTP/2: ${conc} concurrent GETs of ${size}, multiplexed on one TLS connection`,
      path: `/${file}`, expect: SMALL_FILES[file], mode: 'parallel-h2', tls: true, h2: true, count, concurrency: conc,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl', 'h2load'], connections: { max: 1 }, perInFlight: true,
      peers: [{ peer: 'libcurl', target: 1.1 }, { peer: 'h2load', target: 0.8 }],
    })),
    {
      id: 'H2-fresh', title: 'H2-fresh. Rounds of 100 GETs of 64 B sent at once, each round by a new client: HTTP/2 (one TLS connection a round) vs HTTP/1.1 (100)',
      path: '/64b', expect: SMALL_FILES['64b'], mode: 'fresh-h2', tls: true, h2: true, count: n(5000, 200), concurrency: 100,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx',
      contenders: ['httpxx', 'httpxx-h1'],
      peers: [{ peer: 'httpxx-h1' }],
    },
    ...[['F', '64b', '64 B', n(10000, 100)], ['F10k', '10k', '10 KB', n(10000, 100)],
      ['F64k', '64k', '64 KB', n(5000, 100)]].map(([id, file, size, count]) => ({
      id, title: `F. Node.js: 50 concurrent GETs of ${size}, httpxx wasm vs fetch() (undici)`,
      path: `/${file}`, expect: SMALL_FILES[file], mode: 'wasm', count, concurrency: 50,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx-wasm',
      contenders: ['httpxx-wasm', 'undici-fetch'],
      peers: [{ peer: 'undici-fetch', target: 0.95 }],
    })),
    // The same in headless Chromium: a page on another origin (nginx's /cors/ files carry
    // Access-Control-Allow-Origin); Chromium's pool (6 connections a host) serves both.
    ...[['FC', '64b', '64 B', n(3000, 50)], ['FC10k', '10k', '10 KB', n(3000, 50)],
      ['FC64k', '64k', '64 KB', n(2000, 50)]].map(([id, file, size, count]) => ({
      id, title: `F. Chromium: 50 concurrent GETs of ${size}, httpxx wasm vs the page's fetch()`,
      path: `/cors/${file}`, expect: SMALL_FILES[file], mode: 'wasm', count, concurrency: 50,
      metric: 'rps', unit: 'req/s', better: 'higher', subject: 'httpxx-wasm-chromium',
      contenders: ['httpxx-wasm-chromium', 'chromium-fetch'],
      peers: [{ peer: 'chromium-fetch', target: 0.9 }],
    })),
    {
      id: 'G-seq', title: 'G. Allocations per keep-alive request, sequential (Client / easy handle)',
      path: '/64b', expect: SMALL_FILES['64b'], mode: 'seq', alloc: true, count: n(5000, 50), warmup: n(500, 10), concurrency: 1,
      metric: 'allocs_per_request', unit: 'allocations', better: 'lower', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl'], connections: { max: 1 },
      peers: [{ peer: 'libcurl' }],
      limits: [{ metric: 'allocs_per_request', max: 10, label: '<= 10 allocations per request' }],
    },
    {
      id: 'G-par', title: 'G. Allocations per keep-alive request, 50 concurrent (parallel() / multi)',
      path: '/64b', expect: SMALL_FILES['64b'], mode: 'parallel', alloc: true, count: n(10000, 100), warmup: n(1000, 50), concurrency: 50,
      metric: 'allocs_per_request', unit: 'allocations', better: 'lower', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl'], connections: pooled,
      peers: [{ peer: 'libcurl' }],
      limits: [{ metric: 'allocs_per_request', max: 10, label: '<= 10 allocations per request' }],
    },
    {
      id: 'G-inflight', title: `G. Peak memory with ${n(1000, 50)} requests in flight (test server /delay-ms/${n(1000, 100)})`,
      server: 'test', path: `/delay-ms/${n(1000, 100)}`, expect: -1, mode: 'parallel', count: n(1000, 50), concurrency: n(1000, 50),
      metric: 'peak_rss_kib', unit: 'KiB', better: 'lower', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl'],
      peers: [{ peer: 'libcurl' }],
    },
    {
      id: 'G-inflight10k', title: `G. Peak memory with ${n(10000, 100)} requests in flight (test server /delay-ms/${n(1000, 100)})`,
      server: 'test', path: `/delay-ms/${n(1000, 100)}`, expect: -1, mode: 'parallel', count: n(10000, 100), concurrency: n(10000, 100),
      metric: 'peak_rss_kib', unit: 'KiB', better: 'lower', subject: 'httpxx',
      contenders: ['httpxx', 'libcurl'],
      peers: [{ peer: 'libcurl' }],
    },
  ];
}

/**
 * The command running `contender` once in scenario `s`, and how its output is read
 * ('json': one JSON line; 'wrk': wrk's report). ctx: { buildDir, jsDir, origins: { nginx,
 * nginxTls, test }, caFile }.
 */
export function command(s, contender, ctx) {
  const origin = s.server === 'test' ? ctx.origins.test : s.h2 ? ctx.origins.nginxH2
    : s.tls ? ctx.origins.nginxTls : ctx.origins.nginx;
  const url = origin + s.path;
  const common = ['--expect', String(s.expect)];
  if (s.tls) common.push('--ca', ctx.caFile);
  if (s.warmup) common.push('--warmup', String(s.warmup));
  const counts = [String(s.count), String(s.concurrency)];
  const bin = (name) => path.join(ctx.buildDir, 'bench', name);
  switch (contender) {
    case 'httpxx':
      return { parse: 'json', cmd: [bin(s.alloc ? 'httpxx_alloc_bench' : 'httpxx_bench'), s.modes?.httpxx ?? s.mode, url, ...counts, ...common] };
    case 'httpxx-h1':
      // The same program over HTTP/1.1 (H2-fresh's comparison of the protocols).
      return { parse: 'json', cmd: [bin('httpxx_bench'), 'fresh-h1', url, ...counts, ...common] };
    case 'libcurl':
      return { parse: 'json', cmd: [bin('curl_bench'), s.mode, url, ...counts, ...common, ...(s.alloc ? ['--count-allocs'] : [])] };
    case 'cpp-httplib':
      return { parse: 'json', cmd: [bin('httplib_bench'), s.mode, url, ...counts, ...common] };
    case 'wrk':
      return { parse: 'wrk', cmd: ['wrk', '-t1', `-c${s.concurrency}`, `-d${s.wrkSeconds}s`, url] };
    case 'h2load':
      // One connection, CONC streams at once: the ceiling of a multiplexing client.
      return { parse: 'h2load', cmd: ['h2load', '-n', String(s.count), '-c', '1', '-m', String(s.concurrency), url] };
    case 'httpxx-wasm':
    case 'undici-fetch':
      return {
        parse: 'json',
        cmd: [process.execPath, WASM_FETCH, contender === 'httpxx-wasm' ? 'httpxx' : 'fetch', url, ...counts, ...common, '--js-dir', ctx.jsDir],
      };
    case 'httpxx-wasm-chromium':
    case 'chromium-fetch':
      return {
        parse: 'json',
        cmd: [process.execPath, WASM_FETCH_BROWSER, contender === 'httpxx-wasm-chromium' ? 'httpxx' : 'fetch', url, ...counts, ...common, '--js-dir', ctx.jsDir],
      };
    default:
      throw new Error(`unknown contender ${contender}`);
  }
}

/** Reads h2load's report into the fields of the JSON line (bodies are not checked by h2load). */
export function parseH2load(text) {
  const m = text.match(/finished in [\d.]+m?s, ([\d.]+) req\/s/);
  const r = text.match(/requests: (\d+) total, \d+ started, \d+ done, (\d+) succeeded, (\d+) failed, (\d+) errored/);
  if (!m || !r) throw new Error(`unreadable h2load output: ${text.slice(0, 300)}`);
  const status = text.match(/status codes: (\d+) 2xx/);
  const ok = status ? Number(status[1]) : Number(r[2]);
  return { client: 'h2load', requests: Number(r[1]), ok, errors: Number(r[1]) - ok, rps: Number(m[1]) };
}

/** Reads wrk's report into the fields of the JSON line (bodies are not checked by wrk). */
export function parseWrk(text) {
  const num = (re) => {
    const m = text.match(re);
    return m ? Number(m[1]) : null;
  };
  const requests = num(/(\d+) requests in/);
  const rps = num(/Requests\/sec:\s+([\d.]+)/);
  if (requests === null || rps === null) throw new Error(`unreadable wrk output: ${text.slice(0, 300)}`);
  const non2xx = num(/Non-2xx or 3xx responses:\s+(\d+)/) ?? 0;
  const socket = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const errors = non2xx + socketErrors;
  return { client: 'wrk', requests, ok: requests - non2xx, errors, rps };
}
