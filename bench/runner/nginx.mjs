// The server of the benchmarks: nginx (Debian's package) in the foreground, with the config
// bench/nginx/nginx.conf.in, the files it serves and a certificate chain made here.

import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitForPort } from './processes.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TEMPLATE = path.join(here, '../nginx/nginx.conf.in');

/** The static files: URL path -> size in bytes (`big` is given by the caller). */
export const SMALL_FILES = { '64b': 64, '10k': 10 * 1024, '64k': 64 * 1024 };

/** Writes the files nginx serves under dir/www; /big is sparse (truncate), read back as zeros. */
function makeFiles(dir, bigBytes) {
  const www = path.join(dir, 'www');
  fs.mkdirSync(www, { recursive: true });
  for (const [name, size] of Object.entries(SMALL_FILES)) {
    fs.writeFileSync(path.join(www, name), Buffer.alloc(size, 'x'));
  }
  const big = path.join(www, 'big');
  fs.closeSync(fs.openSync(big, 'w'));
  fs.truncateSync(big, bigBytes);
  // Read it once, so that no contender of D pays for filling the page cache.
  const fd = fs.openSync(big, 'r');
  const buffer = Buffer.alloc(1 << 20);
  while (fs.readSync(fd, buffer, 0, buffer.length, null) > 0);
  fs.closeSync(fd);
}

/**
 * A CA and a server certificate for IP 127.0.0.1 signed by it (EC P-256, valid 2 days), made
 * with the openssl CLI into dir/certs. Clients trust certs/ca.crt.
 */
function makeCerts(dir) {
  const certs = path.join(dir, 'certs');
  fs.mkdirSync(certs, { recursive: true });
  const openssl = (...args) => execFileSync('openssl', args, { cwd: certs, stdio: ['ignore', 'ignore', 'pipe'] });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...newKey, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2',
    '-subj', '/CN=httpxx bench CA', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...newKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(path.join(certs, 'server.ext'),
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial',
    '-days', '2', '-sha256', '-extfile', 'server.ext', '-out', 'server.crt');
  return path.join(certs, 'ca.crt');
}

/**
 * Makes everything under `dir` (a fresh temporary directory), starts nginx and waits until both
 * ports accept connections. Resolves to { http, https, h2, caFile, stop }; `http`/`https`/`h2` (HTTP/2) are
 * origins ("http://127.0.0.1:PORT"); `stop()` ends nginx.
 */
export async function startNginx(dir, { bigBytes }) {
  makeFiles(dir, bigBytes);
  const caFile = makeCerts(dir);
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) fs.mkdirSync(path.join(dir, 'temp', t), { recursive: true });
  const httpPort = await freePort();
  let httpsPort = await freePort();
  while (httpsPort === httpPort) httpsPort = await freePort();
  let h2Port = await freePort();
  while (h2Port === httpPort || h2Port === httpsPort) h2Port = await freePort();
  // Run as root (CI), the workers would become `nobody`, who cannot read a 0700 temp dir.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  const config = fs.readFileSync(TEMPLATE, 'utf8')
    .replaceAll('@DIR@', dir).replaceAll('@USER@', user)
    .replaceAll('@HTTP_PORT@', String(httpPort)).replaceAll('@HTTPS_PORT@', String(httpsPort))
    .replaceAll('@H2_PORT@', String(h2Port));
  const confFile = path.join(dir, 'nginx.conf');
  fs.writeFileSync(confFile, config);

  const errorLog = path.join(dir, 'error.log');
  // -e: the log used before the config is read (the default, /var/log/nginx, may be unwritable).
  const child = spawn('nginx', ['-p', dir, '-c', confFile, '-e', errorLog], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.once('close', resolve));
  const failed = new Promise((_, reject) => {
    child.once('error', (e) => reject(new Error(`cannot run nginx: ${e.message}`)));
    exited.then((code) => {
      const log = fs.existsSync(errorLog) ? fs.readFileSync(errorLog, 'utf8') : '';
      reject(new Error(`nginx exited (${code}): ${stderr}${log}`));
    });
  });
  failed.catch(() => {}); // only observed while starting
  await Promise.race([Promise.all([waitForPort(httpPort), waitForPort(httpsPort), waitForPort(h2Port)]), failed]);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  return { http: `http://127.0.0.1:${httpPort}`, https: `https://127.0.0.1:${httpsPort}`, h2: `https://127.0.0.1:${h2Port}`, caFile, stop, errorLog };
}
