// Test certificates for the httpxx test server, made with the `openssl` CLI.
//
// Everything is generated once into `os.tmpdir()/httpxx-test-certs-<hash>` (the hash covers this
// file's source, so editing the generator regenerates) and reused by later processes while the
// main server certificate is still valid for at least 7 more days. Generation happens in a fresh
// temporary directory that is then renamed into place, so concurrent test processes never see a
// half-written directory.
//
// Files (all PEM; keys are EC P-256, unencrypted):
//   ca.crt / ca.key                    test CA (trust this one)
//   server.crt / server.key            leaf for IP 127.0.0.1 + DNS localhost, signed by ca     -> main HTTPS port
//   expired.crt / .key                 signed by ca, valid 2020-01-01 .. 2020-01-02
//   notyet.crt / .key                  signed by ca, valid 2090-01-01 .. 2091-01-01
//   wronghost.crt / .key               signed by ca, CN + SAN other.example only
//   selfsigned.crt / .key              self-signed leaf for 127.0.0.1 / localhost
//   unknown-ca.crt / .key              a CA nobody trusts
//   unknownca.crt / .key               leaf for 127.0.0.1 / localhost signed by unknown-ca
//   intermediate.crt / .key            intermediate CA signed by ca
//   incomplete.crt / .key              leaf signed by intermediate (served WITHOUT the intermediate)
//   incomplete-chain.crt               incomplete.crt + intermediate.crt (the full chain, for reference)
//   client-ca.crt / .key               CA the HTTPS server trusts for client certificates
//   client.crt / client.key            client certificate (CN "httpxx test client") signed by client-ca
//   client.pem                         client.crt + client.key in one file
//   other-client.crt / .key            client certificate signed by unknown-ca (not accepted)

import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OPENSSL_CNF = `
[ ca ]
default_ca = CA_default
[ CA_default ]
database = index.txt
new_certs_dir = newcerts
serial = serial
default_md = sha256
policy = policy_any
unique_subject = no
[ policy_any ]
commonName = supplied
[ req ]
distinguished_name = dn
[ dn ]
[ v3_ca ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[ v3_intermediate ]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ server_local ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ server_self ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
subjectKeyIdentifier = hash
[ server_other ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:other.example
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ client ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

/** Every file the generator leaves behind (checked before a cached directory is reused). */
const FILES = ['ca', 'server', 'expired', 'notyet', 'wronghost', 'selfsigned', 'unknown-ca', 'unknownca',
  'intermediate', 'incomplete', 'client-ca', 'client', 'other-client']
  .flatMap((n) => [`${n}.crt`, `${n}.key`]).concat(['incomplete-chain.crt', 'client.pem']);

/** openssl `ca` date format YYYYMMDDHHMMSSZ. */
function asn1Time(d) {
  return d.toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

function generate(dir) {
  const run = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  fs.writeFileSync(path.join(dir, 'openssl.cnf'), OPENSSL_CNF);
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  fs.mkdirSync(path.join(dir, 'newcerts'));
  const key = (name) => run('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  const now = Date.now();
  const DAY = 86400e3;
  const goodStart = asn1Time(new Date(now - DAY));
  const goodEnd = asn1Time(new Date(now + 800 * DAY));

  // A self-signed root (also used for the self-signed leaf, with a server extension section).
  const selfSigned = (name, cn, ext) => {
    key(name);
    run('req', '-config', 'openssl.cnf', '-x509', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`,
      '-days', '3650', '-extensions', ext, '-out', `${name}.crt`);
  };
  // A certificate signed by `issuer` with explicit validity dates (`openssl ca` can backdate).
  const signed = (name, cn, issuer, ext, start = goodStart, end = goodEnd) => {
    key(name);
    run('req', '-config', 'openssl.cnf', '-new', '-key', `${name}.key`, '-subj', `/CN=${cn}`, '-out', `${name}.csr`);
    run('ca', '-batch', '-config', 'openssl.cnf', '-cert', `${issuer}.crt`, '-keyfile', `${issuer}.key`,
      '-in', `${name}.csr`, '-out', `${name}.crt`, '-startdate', start, '-enddate', end,
      '-extensions', ext, '-notext', '-rand_serial');
  };

  selfSigned('ca', 'httpxx test CA', 'v3_ca');
  signed('server', '127.0.0.1', 'ca', 'server_local');
  signed('expired', '127.0.0.1', 'ca', 'server_local', '20200101000000Z', '20200102000000Z');
  signed('notyet', '127.0.0.1', 'ca', 'server_local', '20900101000000Z', '20910101000000Z');
  signed('wronghost', 'other.example', 'ca', 'server_other');
  selfSigned('selfsigned', '127.0.0.1', 'server_self');
  selfSigned('unknown-ca', 'httpxx unknown CA', 'v3_ca');
  signed('unknownca', '127.0.0.1', 'unknown-ca', 'server_local');
  signed('intermediate', 'httpxx test intermediate CA', 'ca', 'v3_intermediate');
  signed('incomplete', '127.0.0.1', 'intermediate', 'server_local');
  selfSigned('client-ca', 'httpxx client CA', 'v3_ca');
  signed('client', 'httpxx test client', 'client-ca', 'client');
  signed('other-client', 'httpxx untrusted client', 'unknown-ca', 'client');

  const read = (f) => fs.readFileSync(path.join(dir, f));
  fs.writeFileSync(path.join(dir, 'incomplete-chain.crt'), Buffer.concat([read('incomplete.crt'), read('intermediate.crt')]));
  fs.writeFileSync(path.join(dir, 'client.pem'), Buffer.concat([read('client.crt'), read('client.key')]));
}

/** True if `dir` holds every file and the server/CA certificates stay valid for 7+ days. */
function usable(dir) {
  try {
    for (const f of FILES) if (!fs.statSync(path.join(dir, f)).isFile()) return false;
    const soon = Date.now() + 7 * 86400e3;
    for (const f of ['ca.crt', 'server.crt', 'client.crt']) {
      const c = new crypto.X509Certificate(fs.readFileSync(path.join(dir, f)));
      if (Date.parse(c.validTo) < soon || Date.parse(c.validFrom) > Date.now()) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Ensure the certificate set exists and return `{ dir, <name>: absolute path, ... }`.
 * `opts.dir` overrides the cache location.
 */
export function ensureCerts(opts = {}) {
  const source = fs.readFileSync(fileURLToPath(import.meta.url));
  const hash = crypto.createHash('sha256').update(source).digest('hex').slice(0, 12);
  const dir = opts.dir ?? path.join(os.tmpdir(), `httpxx-test-certs-${hash}`);
  if (!usable(dir)) {
    const tmp = fs.mkdtempSync(path.join(path.dirname(dir), `${path.basename(dir)}.tmp-`));
    try {
      generate(tmp);
      // Re-check: a concurrent process may have finished first; never remove a good directory.
      if (!usable(dir)) fs.rmSync(dir, { recursive: true, force: true });
      try {
        fs.renameSync(tmp, dir);
      } catch (e) {
        // Another process won the race; use its result if it is complete.
        if (!usable(dir)) throw e;
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
  const p = (f) => path.join(dir, f);
  return {
    dir,
    ca: p('ca.crt'), server_cert: p('server.crt'), server_key: p('server.key'),
    expired_cert: p('expired.crt'), expired_key: p('expired.key'),
    notyet_cert: p('notyet.crt'), notyet_key: p('notyet.key'),
    wronghost_cert: p('wronghost.crt'), wronghost_key: p('wronghost.key'),
    selfsigned_cert: p('selfsigned.crt'), selfsigned_key: p('selfsigned.key'),
    unknown_ca: p('unknown-ca.crt'), unknownca_cert: p('unknownca.crt'), unknownca_key: p('unknownca.key'),
    intermediate_ca: p('intermediate.crt'), incomplete_cert: p('incomplete.crt'), incomplete_key: p('incomplete.key'),
    incomplete_chain: p('incomplete-chain.crt'),
    client_ca: p('client-ca.crt'), client_cert: p('client.crt'), client_key: p('client.key'), client_pem: p('client.pem'),
    other_client_cert: p('other-client.crt'), other_client_key: p('other-client.key'),
  };
}
