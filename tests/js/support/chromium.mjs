// Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven
// by playwright-core, with a fresh profile, and a static file server on
// 127.0.0.1 reached as "localhost" (so that requests to the test server on
// 127.0.0.1 are cross-origin, as in real pages).
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

export const chromiumPath = process.env.HTTPXX_CHROMIUM ?? '/usr/bin/chromium';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
};

/** Why the browser tests cannot run here, or false. */
export async function whyNoChromium() {
  try {
    await import('playwright-core');
  } catch {
    return 'playwright-core is not installed (scripts/setup.sh installs it)';
  }
  return existsSync(chromiumPath) ? false : `no Chromium at ${chromiumPath} (scripts/setup.sh installs it)`;
}

/**
 * Launches Chromium; resolves to { context, close }. `ignoreHTTPSErrors` makes it accept the
 * test server's certificates (signed by the test CA, which the browser does not trust).
 */
export async function launchChromium({ ignoreHTTPSErrors = false } = {}) {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(os.tmpdir(), 'httpxx-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    ignoreHTTPSErrors,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Serves folders: `mounts` maps a URL prefix ('/httpxx/') to a directory; '/'
 * is `page` (default: an empty page). Resolves to { url, close }.
 */
export async function serveStatic(mounts, { page = '<!doctype html><title>httpxx tests</title>' } = {}) {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === '/') {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end(page);
    }
    if (pathname === '/favicon.ico') {
      res.writeHead(204);
      return res.end();
    }
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!pathname.startsWith(prefix)) continue;
      const file = path.join(dir, path.normalize(pathname.slice(prefix.length)).replace(/^(\.\.[/\\])+/, ''));
      if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) break;
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      return createReadStream(file).pipe(res);
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    return res.end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://localhost:${server.address().port}/`,
    close: async () => {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
