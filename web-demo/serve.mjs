// Serves the web demo: starts the demo server (the bundled test server) on
// 127.0.0.1 and a static server for the page and httpxx's JS module.
//
//     node web-demo/serve.mjs [--port N]   (after: cmake --build --preset wasm)
//
// The page is on http://localhost:N/ (N = any free port unless given); the
// demo server on 127.0.0.1, a free port.
//
// Also used by tests/js/web_demo.test.mjs through startWebDemo().
import { createReadStream, existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/server/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
};

/** Starts both servers; resolves to { url, api, stop }. */
export async function startWebDemo({ jsDir = path.join(root, 'build/wasm/js'), port = 0 } = {}) {
  if (!existsSync(path.join(jsDir, 'httpxx.mjs'))) {
    throw new Error(`${jsDir}/httpxx.mjs is missing: build it with cmake --build --preset wasm`);
  }
  const api = await startServer();
  const web = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/config.json') {
      res.writeHead(200, { 'content-type': TYPES['.json'] });
      return res.end(JSON.stringify({ api: api.http }));
    }
    const file = url.pathname.startsWith('/httpxx/')
      ? path.join(jsDir, path.basename(url.pathname))
      : path.join(here, url.pathname === '/' ? 'index.html' : path.basename(url.pathname));
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => web.listen(port, '127.0.0.1', resolve));
  // The page is served from "localhost" and the API from 127.0.0.1: every
  // request is cross-origin, as it usually is in real pages (CORS applies).
  return {
    url: `http://localhost:${web.address().port}/`,
    api: api.http,
    stop: async () => {
      web.closeAllConnections?.();
      await new Promise((resolve) => web.close(resolve));
      await api.stop();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('usage: node web-demo/serve.mjs [--port N]');
    process.exit(2);
  }
  const demo = await startWebDemo({ port });
  console.log(`httpxx web demo: open ${demo.url}  (demo server: ${demo.api}; Ctrl-C stops)`);
  const stop = async () => {
    await demo.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
