// The JS API's TLS settings under Node.js (verify, ca_file, ca_dir, cert), over
// the wire against the test server's HTTPS listeners. In a browser they are
// refused (tests/js/portable/cases_options.mjs).
// Run: node --test tests/js/tls_node.test.mjs
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../server/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jsDir = process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js');
const modulePath = path.join(jsDir, 'httpxx.mjs');
assert.ok(existsSync(modulePath), `${modulePath} is missing: cmake --build --preset wasm --target httpxx_js`);
const httpxx = await import(pathToFileURL(modulePath));

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  await srv?.stop();
});

// The response's JSON, or the error's class and message.
async function get(options, url) {
  const client = new httpxx.AsyncClient(options);
  try {
    const r = await client.get(url);
    return { status: r.status, json: await r.json() };
  } catch (e) {
    return { error: e.name, message: e.message };
  } finally {
    await client.close();
  }
}

test('a certificate no trusted CA signed is refused unless verify is false', async () => {
  const url = `https://127.0.0.1:${srv.tls.unknownca}/get`;
  const refused = await get({}, url);
  assert.equal(refused.error, 'ConnectError', JSON.stringify(refused));
  assert.equal((await get({ verify: false }, url)).status, 200);
});

test('ca_file replaces the runtime store: its CA is trusted, the others are not', async () => {
  assert.equal((await get({ ca_file: srv.certs.ca }, `${srv.https}/get`)).status, 200);
  // This process trusts nothing of the test server's by default.
  assert.equal((await get({}, `${srv.https}/get`)).error, 'ConnectError');
  const unknown = `https://127.0.0.1:${srv.tls.unknownca}/get`;
  assert.equal((await get({ caFile: srv.certs.unknown_ca }, unknown)).status, 200);
  assert.equal((await get({ caFile: srv.certs.unknown_ca }, `${srv.https}/get`)).error, 'ConnectError');
});

test('ca_dir: the certificates of a directory are trusted', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'httpxx-ca-dir-'));
  try {
    copyFileSync(srv.certs.ca, path.join(dir, 'ca.pem'));
    assert.equal((await get({ ca_dir: dir }, `${srv.https}/get`)).status, 200);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cert: the client certificate is presented (files apart, or one PEM file)', async () => {
  const url = `${srv.https}/client-cert`;
  const apart = await get({ ca_file: srv.certs.ca, cert: { cert_file: srv.certs.client_cert, keyFile: srv.certs.client_key } }, url);
  assert.equal(apart.json?.authorized, true, JSON.stringify(apart));
  assert.equal(apart.json.subject, 'httpxx test client');
  const one = await get({ caFile: srv.certs.ca, cert: srv.certs.client_pem }, url);
  assert.equal(one.json?.authorized, true, JSON.stringify(one));
  const none = await get({ caFile: srv.certs.ca }, url);
  assert.equal(none.json?.presented, false, JSON.stringify(none));
});

test('a key that does not match the certificate fails at construction', () => {
  assert.throws(() => new httpxx.AsyncClient({ cert: { cert_file: srv.certs.client_cert, key_file: srv.certs.server_key } }),
    /cannot load the TLS settings: .*key values mismatch/);
});
