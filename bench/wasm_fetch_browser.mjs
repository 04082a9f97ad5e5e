// Scenario F in headless Chromium: COUNT GETs with CONC in flight from a page, either through
// httpxx's wasm module (AsyncClient + parallel(), each finished request replaced by the next) or
// through the page's own fetch() in a loop of CONC workers, bodies read whole and their size
// checked. The page is served from "localhost" and the URL is on 127.0.0.1, so requests are
// cross-origin (nginx sends Access-Control-Allow-Origin); Chromium's own pool (6 connections per
// host over HTTP/1.1) applies to both contenders alike. Prints the JSON line of the native bench
// programs (bench_util.hpp); peak_rss_kib is 0 (the page's memory is not this process's).
//
//   node bench/wasm_fetch_browser.mjs httpxx|fetch URL COUNT CONC [--expect BYTES] [--js-dir DIR]
//
// Arguments: bench/runner/fetch_args.mjs.
import { launchChromium, serveStatic } from '../tests/js/support/chromium.mjs';
import { parseFetchArgs } from './runner/fetch_args.mjs';

// Runs in the page; returns { ok, errors, bytes, seconds, first_error }.
async function inPage({ which, url, count, conc, expect }) {
  const out = { ok: 0, errors: 0, bytes: 0, seconds: 0 };
  const check = (status, size) => {
    if (status === 200 && (expect < 0 ? size > 0 : size === expect)) {
      out.ok++;
      out.bytes += size;
    } else {
      out.errors++;
      out.first_error ??= `status ${status}, ${size} bytes`;
    }
  };
  const fail = (e) => {
    out.errors++;
    out.first_error ??= `${e?.name}: ${e?.message}`.slice(0, 300);
  };
  if (which === 'httpxx') {
    const httpxx = await import('/js/httpxx.mjs');
    const client = new httpxx.AsyncClient({ timeout: 30000 });
    const start = performance.now();
    const p = client.parallel({ max_concurrency: conc });
    let sent = 0;
    for (; sent < Math.min(count, conc); sent++) p.get(url);
    while (p.hasPending()) {
      try {
        const r = await p.nextResponse();
        check(r.status, (await r.bytes()).length);
      } catch (e) {
        fail(e);
      }
      if (sent < count) {
        p.get(url);
        sent++;
      }
    }
    await p.close();
    out.seconds = (performance.now() - start) / 1000;
    await client.close();
  } else {
    const start = performance.now();
    let sent = 0;
    const worker = async () => {
      while (sent < count) {
        sent++;
        try {
          const r = await fetch(url);
          check(r.status, (await r.arrayBuffer()).byteLength);
        } catch (e) {
          fail(e);
        }
      }
    };
    await Promise.all(Array.from({ length: conc }, worker));
    out.seconds = (performance.now() - start) / 1000;
  }
  return out;
}

const args = parseFetchArgs(process.argv.slice(2), 'bench/wasm_fetch_browser.mjs');
const web = await serveStatic({ '/js/': args.jsDir });
const chromium = await launchChromium();
let result;
try {
  const page = await chromium.context.newPage();
  await page.goto(web.url);
  const r = await page.evaluate(inPage, { which: args.which, url: args.url, count: args.count, conc: args.conc, expect: args.expect });
  result = {
    client: args.which === 'httpxx' ? 'httpxx-wasm-chromium' : 'chromium-fetch',
    scenario: 'parallel', requests: args.count, ...r,
    rps: r.seconds > 0 ? r.ok / r.seconds : 0,
    mib_per_s: r.seconds > 0 ? r.bytes / r.seconds / 1048576 : 0,
    peak_rss_kib: 0, start_rss_kib: 0,
  };
} finally {
  await chromium.close();
  await web.close();
}
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exitCode = result.errors === 0 && result.ok === result.requests ? 0 : 1;
