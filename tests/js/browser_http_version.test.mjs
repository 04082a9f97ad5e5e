// The HTTP version the JS module reports in headless Chromium, which negotiates it by itself
// (HTTP/2 through ALPN over TLS) and tells it only through resource timing (nextHopProtocol,
// for a cross-origin server only when it sends Timing-Allow-Origin). The page is on
// "localhost"; the test server's listeners on 127.0.0.1 are other origins: its HTTP/2 one
// (TLS, ALPN h2), its HTTP/1.1 ones (clear and TLS). Chromium is told to accept the test CA's
// certificates. Needs playwright-core and Debian's chromium (scripts/setup.sh installs both).
// Run: node --test tests/js/browser_http_version.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { browserEnv } from './support/browser_env.mjs';
import { whyNoChromium } from './support/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jsDir = process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js');
const missing = await whyNoChromium()
  || (!existsSync(path.join(jsDir, 'httpxx.mjs')) && `${jsDir}/httpxx.mjs is missing (target httpxx_js)`);

// Runs in the page: the httpVersion of responses from each origin, in order, as plain data.
async function scenario({ h2, http, https }) {
  const httpxx = await import('./httpxx.mjs');
  // The page empties its resource timing buffer and keeps it empty (a page may): the versions
  // must come from the module's own observer and the navigation entry, not from the buffer.
  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(0);
  const client = new httpxx.AsyncClient({ timeout: 5000 });
  const allow = { params: { 'Timing-Allow-Origin': '*' } };
  const version = async (url, options = {}) => {
    const r = await client.get(url, options);
    const v = r.httpVersion;
    await r.read();
    return v;
  };
  const out = {};
  // HTTP/2: nothing is known of the origin until a response allows timing; then the
  // responses after it, streamed or not, get the origin's protocol.
  out.h2Before = await version(`${h2}/get`);
  out.h2BeforeStreamed = await version(`${h2}/get`, { stream: true });
  out.h2Allowed = await version(`${h2}/response-headers`, allow);
  out.h2Streamed = await version(`${h2}/get`, { stream: true });
  out.h2After = await version(`${h2}/get`);
  // HTTP/1.1 in clear text and over TLS (the HTTPS listener offers no h2).
  out.httpAllowed = await version(`${http}/response-headers`, allow);
  out.httpsAllowed = await version(`${https}/response-headers`, allow);
  out.httpsStreamed = await version(`${https}/get`, { stream: true });
  // The page's own origin: its navigation says HTTP/1.1 before any response of it.
  out.sameOrigin = await version(new URL('httpxx.mjs', location.href).href, { stream: true });
  out.timelineBuffer = performance.getEntriesByType('resource').length;
  await client.close();
  return out;
}

const env = browserEnv({ mounts: { '/': jsDir }, ignoreHTTPSErrors: true, skip: missing });

test('in Chromium httpVersion is resource timing\'s protocol of the origin: HTTP/2, HTTP/1.1, or "" before it is known', async () => {
  assert.equal(missing, false, `cannot run the browser test: ${missing}`);
  const page = await env.chromium.context.newPage();
  await page.goto(env.web.url);
  const out = await page.evaluate(scenario, { h2: env.srv.h2, http: env.srv.http, https: env.srv.https });
  assert.deepEqual(out, {
    h2Before: '',
    h2BeforeStreamed: '',
    h2Allowed: 'HTTP/2',
    h2Streamed: 'HTTP/2',
    h2After: 'HTTP/2',
    httpAllowed: 'HTTP/1.1',
    httpsAllowed: 'HTTP/1.1',
    httpsStreamed: 'HTTP/1.1',
    sameOrigin: 'HTTP/1.1',
    timelineBuffer: 0,
  });
});
