// Runs a blocking wasm doctest program (built by preset wasm-tests) under
// Node.js against the test server, for the node --test drivers in tests/js/.
//
//   const result = await runWasmDoctest('tests/wasm/httpxx_wasm_fetch_tests.js', srv, ['-tc=…']);
//   // { code, signal, stdout, stderr, summary: { total, passed, failed, skipped, assertions } }

import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The build of the blocking wasm programs: $HTTPXX_WASM_TESTS_BUILD or build/wasm-tests. */
export const buildDir = process.env.HTTPXX_WASM_TESTS_BUILD ?? path.join(root, 'build/wasm-tests');

/** A URL on 127.0.0.1 where nothing listens (a port just released). */
export async function closedUrl() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/`;
}

/** The environment with-server.mjs gives a command, for a server from startServer(). */
export function serverEnv(srv) {
  const env = {
    HTTPXX_TEST_HTTP: srv.http,
    HTTPXX_TEST_HTTPS: srv.https,
    HTTPXX_TEST_RAW: srv.raw,
    HTTPXX_TEST_CERTS: srv.certs.dir,
    // fetch (undici) trusts the test CA only this way: it is read at start-up.
    NODE_EXTRA_CA_CERTS: srv.certs.ca,
  };
  for (const [name, port] of Object.entries(srv.tls)) {
    env[`HTTPXX_TEST_TLS_${name.toUpperCase()}`] = `https://127.0.0.1:${port}`;
  }
  return env;
}

/** Parses doctest's summary lines; null if absent. */
export function doctestSummary(stdout) {
  const plain = stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const cases = plain.match(/test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed\s*\|\s*(\d+) skipped/);
  const asserts = plain.match(/assertions:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed/);
  if (!cases) return null;
  const [total, passed, failed, skipped] = cases.slice(1).map(Number);
  return { total, passed, failed, skipped, assertions: asserts ? Number(asserts[1]) : 0 };
}

/** Runs `program` (relative to the build dir) with node; never blocks this process's event loop. */
export function runWasmDoctest(program, srv, args = [], { timeoutMs = 300_000, env = {} } = {}) {
  const file = path.join(buildDir, program);
  return new Promise((resolve, reject) => {
    // undici's response-head limit is Node's --max-http-header-size (16 KiB
    // by default); the test server sends larger ones, as browsers accept.
    const node = [process.execPath, '--max-http-header-size=1048576'];
    const child = spawn(node[0], [...node.slice(1), file, '--no-colors', ...args], {
      env: { ...process.env, ...serverEnv(srv), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, summary: doctestSummary(stdout) });
    });
  });
}
