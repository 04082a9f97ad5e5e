// Run a command with the test server up:
//
//   node tests/server/with-server.mjs -- CMD ARGS...
//
// CMD inherits stdio and gets these environment variables:
//   HTTPXX_TEST_HTTP         http://127.0.0.1:PORT
//   HTTPXX_TEST_HTTPS        https://127.0.0.1:PORT      (certificate from $HTTPXX_TEST_CERTS/ca.crt)
//   HTTPXX_TEST_H2           https://127.0.0.1:PORT      the same routes over HTTP/2 (ALPN h2, or http/1.1)
//   HTTPXX_TEST_H2C          http://127.0.0.1:PORT       the same routes over HTTP/2 with prior knowledge
//   HTTPXX_TEST_H2_RAW       http://127.0.0.1:PORT       raw-frame HTTP/2 server, h2c with prior knowledge
//                            (hostile frames at /case/NAME, see h2_raw_cases.mjs)
//   HTTPXX_TEST_RAW          127.0.0.1:PORT              (raw-TCP malformed-response server)
//   HTTPXX_TEST_RAW_TLS      127.0.0.1:PORT              (the same cases over TLS, server.crt)
//   HTTPXX_TEST_CERTS        directory holding the certificates (see certs.mjs for the file names)
//   HTTPXX_TEST_TLS_<NAME>   https://127.0.0.1:PORT for each bad-certificate listener:
//                            EXPIRED NOTYET WRONGHOST SELFSIGNED UNKNOWNCA INCOMPLETE_CHAIN TLS10ONLY
//   HTTPXX_TEST_TLS_CUT_<NAME> https://127.0.0.1:PORT for each cut-handshake listener (tls_cut.mjs):
//                            HELLO_CLOSE HELLO_RESET MID_HANDSHAKE PLAIN_HTTP
//   HTTPXX_TEST_PROXY        http://127.0.0.1:PORT      forwarding proxy (proxy.mjs)
//   HTTPXX_TEST_PROXY_AUTH   http://127.0.0.1:PORT      the same, requiring Basic proxyuser:proxypass
//   HTTPXX_TEST_SERVER_JSON  the full JSON line server.mjs prints
// The server is stopped when CMD exits; the exit code is CMD's (128+N if killed by signal N).
// SIGINT/SIGTERM/SIGHUP received here are forwarded to CMD.

import { spawn } from 'node:child_process';
import os from 'node:os';
import { startServer } from './server.mjs';

const sep = process.argv.indexOf('--');
const cmd = sep >= 0 ? process.argv.slice(sep + 1) : process.argv.slice(2);
if (cmd.length === 0) {
  process.stderr.write('usage: node with-server.mjs -- CMD [ARGS...]\n');
  process.exit(2);
}

const srv = await startServer();
const { stop, ...info } = srv;
const env = {
  ...process.env,
  HTTPXX_TEST_HTTP: srv.http,
  HTTPXX_TEST_HTTPS: srv.https,
  HTTPXX_TEST_H2: srv.h2,
  HTTPXX_TEST_H2C: srv.h2c,
  HTTPXX_TEST_H2_RAW: srv.h2Raw,
  HTTPXX_TEST_RAW: srv.raw,
  HTTPXX_TEST_RAW_TLS: srv.rawTls,
  HTTPXX_TEST_CERTS: srv.certs.dir,
  HTTPXX_TEST_PROXY: srv.proxy,
  HTTPXX_TEST_PROXY_AUTH: srv.proxyAuth,
  HTTPXX_TEST_SERVER_JSON: JSON.stringify(info),
};
for (const [name, port] of Object.entries(srv.tls)) env[`HTTPXX_TEST_TLS_${name.toUpperCase()}`] = `https://127.0.0.1:${port}`;
for (const [name, port] of Object.entries(srv.tlsCut)) env[`HTTPXX_TEST_TLS_CUT_${name.toUpperCase()}`] = `https://127.0.0.1:${port}`;

const child = spawn(cmd[0], cmd.slice(1), { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));

child.on('error', async (e) => {
  process.stderr.write(`with-server: cannot run ${cmd[0]}: ${e.message}\n`);
  await stop();
  process.exit(127);
});
child.on('exit', async (code, signal) => {
  await stop();
  process.exit(code ?? 128 + (os.constants.signals[signal] ?? 0));
});
