// Scenario F under Node.js: COUNT GETs with CONC in flight, either through httpxx's wasm module
// (AsyncClient + parallel(), each finished request replaced by the next) or through plain fetch()
// (undici) in a JS loop of CONC workers. Bodies are read fully and their size checked. Prints the
// JSON line of the native bench programs (bench/bench_util.hpp). `node-http` runs the same loop
// on Node's own http.request with a keep-alive agent: the floor of httpxx under Node.js, whose
// transport rides on node:http there (bench/FINDINGS.md); F's peer stays fetch(), the HTTP client
// Node.js users reach for first.
//
//   node bench/wasm_fetch.mjs httpxx|fetch|node-http URL COUNT CONC [--expect BYTES] [--js-dir DIR]
//
// Arguments: bench/runner/fetch_args.mjs.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFetchArgs } from './runner/fetch_args.mjs';

/** A "Name:  N kB" field of /proc/self/status (VmHWM: the peak RSS of this program's own address
 * space; resourceUsage().maxRSS would keep the peak of the forked runner before exec). */
function procStatusKib(name) {
  const m = fs.readFileSync('/proc/self/status', 'utf8').match(new RegExp(`^${name}:\\s*(\\d+)`, 'm'));
  return m ? Number(m[1]) : 0;
}

const args = parseFetchArgs(process.argv.slice(2), 'bench/wasm_fetch.mjs', ['httpxx', 'fetch', 'node-http']);
const result = {
  client: { httpxx: 'httpxx-wasm', fetch: 'undici-fetch', 'node-http': 'node-http' }[args.which],
  scenario: 'parallel', requests: args.count, ok: 0, errors: 0, bytes: 0,
  seconds: 0, rps: 0, mib_per_s: 0, peak_rss_kib: 0, start_rss_kib: procStatusKib('VmRSS'),
};

function check(status, size) {
  const good = status === 200 && (args.expect < 0 ? size > 0 : size === args.expect);
  if (good) {
    result.ok++;
    result.bytes += size;
  } else {
    fail(`status ${status}, ${size} bytes`);
  }
}

function fail(why) {
  result.errors++;
  result.first_error ??= String(why).slice(0, 300);
}

async function viaHttpxx() {
  const httpxx = await import(pathToFileURL(path.join(args.jsDir, 'httpxx.mjs')));
  const client = new httpxx.AsyncClient({ timeout: 30000 });
  const start = performance.now();
  const p = client.parallel({ max_concurrency: args.conc });
  let sent = 0;
  for (; sent < Math.min(args.count, args.conc); sent++) p.get(args.url);
  while (p.hasPending()) {
    try {
      const r = await p.nextResponse();
      check(r.status, (await r.bytes()).length);
    } catch (e) {
      fail(`${e.name}: ${e.message}`);
    }
    if (sent < args.count) {
      p.get(args.url);
      sent++;
    }
  }
  await p.close();
  result.seconds = (performance.now() - start) / 1000;
  await client.close();
}

/** One GET through `get` (resolves to [status, body length]) in each of CONC workers. */
async function inWorkers(get) {
  const start = performance.now();
  let sent = 0;
  const worker = async () => {
    while (sent < args.count) {
      sent++;
      try {
        const [status, size] = await get();
        check(status, size);
      } catch (e) {
        fail(`${e.name}: ${e.message}${e.cause ? ` (${e.cause.message})` : ''}`);
      }
    }
  };
  await Promise.all(Array.from({ length: args.conc }, worker));
  result.seconds = (performance.now() - start) / 1000;
}

const viaFetch = () => inWorkers(async () => {
  const r = await fetch(args.url);
  return [r.status, (await r.arrayBuffer()).byteLength];
});

function viaNodeHttp() {
  const agent = new http.Agent({ keepAlive: true });
  const get = () => new Promise((resolve, reject) => {
    const request = http.get(args.url, { agent }, (response) => {
      const parts = [];
      response.on('data', (part) => parts.push(part));
      response.on('end', () => resolve([response.statusCode, Buffer.concat(parts).length]));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
  return inWorkers(get).finally(() => agent.destroy());
}

// CPU time of this process over the run: on a busy machine a steadier measure of the cost per
// request than the wall clock (the run is single-threaded and CPU-bound).
const cpuStart = process.cpuUsage();
await ({ httpxx: viaHttpxx, fetch: viaFetch, 'node-http': viaNodeHttp }[args.which])();
const cpu = process.cpuUsage(cpuStart);
result.cpu_seconds = (cpu.user + cpu.system) / 1e6;
result.rps = result.seconds > 0 ? result.ok / result.seconds : 0;
result.mib_per_s = result.seconds > 0 ? result.bytes / result.seconds / 1048576 : 0;
result.peak_rss_kib = procStatusKib('VmHWM');
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exitCode = result.errors === 0 && result.ok === result.requests ? 0 : 1;
