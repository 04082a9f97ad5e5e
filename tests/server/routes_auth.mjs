// Authentication endpoints: Basic, Bearer and Digest (RFC 7616).

import crypto from 'node:crypto';
import { readBody, sendJson } from './http_util.mjs';

const REALM = 'httpxx-test';

/** Decode "Basic base64(user:pass)" -> [user, pass] or null. */
function basicCredentials(header) {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const c = text.indexOf(':');
  return c < 0 ? null : [text.slice(0, c), text.slice(c + 1)];
}

function basicAuth(hidden) {
  return (req, res, ctx, m) => {
    req.resume();
    const [user, pass] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    const cred = basicCredentials(req.headers.authorization);
    if (cred && cred[0] === user && cred[1] === pass) return sendJson(res, 200, { authenticated: true, user });
    if (hidden) return sendJson(res, 404, { error: 'not found' });
    sendJson(res, 401, { authenticated: false }, { 'WWW-Authenticate': 'Basic realm="test"' });
  };
}

// ---------------------------------------------------------------------------------------------
// Digest (RFC 7616). Path: /digest-auth/QOP/USER/PASS/ALGORITHM
//   QOP:       auth | auth-int | none (legacy RFC 2069 form: no qop, no cnonce/nc)
//   ALGORITHM: MD5 | SHA | SHA-256 | SHA-512, each also with -sess (case-insensitive; default MD5
//              if omitted). SHA is SHA-1 and SHA-512 the full SHA-512, as HTTPX and httpbin use
//              them (RFC 7616's SHA-512-256 is not served).
// The server remembers the nonces it issued (per server instance, 10 min) with the highest nc seen
// for each; a request must use a known nonce, the server's opaque, this request's uri, and an nc
// greater than any earlier one for that nonce. A correct response to an unknown (e.g. expired)
// nonce gets a new challenge with stale=true. Success: 200 JSON + Authentication-Info (rspauth).
// ---------------------------------------------------------------------------------------------
// Lower-case name -> the name the challenge sends; the hash is that of the name without -sess.
const ALGORITHMS = Object.fromEntries(
  ['MD5', 'SHA', 'SHA-256', 'SHA-512'].flatMap((a) => [a, `${a}-sess`]).map((a) => [a.toLowerCase(), a]),
);
const HASHES = { 'MD5': 'md5', 'SHA': 'sha1', 'SHA-256': 'sha256', 'SHA-512': 'sha512' };
const NONCE_TTL_MS = 10 * 60 * 1000;

function digestHash(algorithm, text) {
  return crypto.createHash(HASHES[algorithm.toUpperCase().replace(/-SESS$/, '')]).update(text, 'utf8').digest('hex');
}

/** Parse `Digest k=v, k="v", ...` -> { k: v } or null. */
export function parseDigestHeader(header) {
  const m = /^Digest\s+(.*)$/is.exec(header ?? '');
  if (!m) return null;
  const out = {};
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*(?:,|$)/g;
  let p;
  while ((p = re.exec(m[1])) !== null) {
    out[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  }
  return out;
}

/** Issue a challenge with a fresh nonce. */
function challenge(state, algorithm, qop, stale = false) {
  const now = Date.now();
  for (const [n, v] of state.nonces) if (now - v.created > NONCE_TTL_MS) state.nonces.delete(n);
  const nonce = crypto.randomBytes(16).toString('hex');
  state.nonces.set(nonce, { created: now, lastNc: 0 });
  const parts = [`realm="${REALM}"`];
  if (qop !== 'none') parts.push(`qop="${qop}"`);
  parts.push(`algorithm=${algorithm}`, `nonce="${nonce}"`, `opaque="${state.opaque}"`);
  if (stale) parts.push('stale=true');
  return `Digest ${parts.join(', ')}`;
}

/** Expected `response` and the Authentication-Info rspauth for the given parameters. */
function digestResponse(algorithm, qop, user, pass, a, method, body) {
  let ha1 = digestHash(algorithm, `${user}:${REALM}:${pass}`);
  if (algorithm.endsWith('-sess')) ha1 = digestHash(algorithm, `${ha1}:${a.nonce}:${a.cnonce}`);
  const bodyHash = qop === 'auth-int' ? `:${digestHash(algorithm, body)}` : '';
  const ha2 = digestHash(algorithm, `${method}:${a.uri}${bodyHash}`);
  const ha2rsp = digestHash(algorithm, `:${a.uri}${bodyHash}`);
  const tail = (h2) => (qop === 'none' ? `${a.nonce}:${h2}` : `${a.nonce}:${a.nc}:${a.cnonce}:${qop}:${h2}`);
  return { response: digestHash(algorithm, `${ha1}:${tail(ha2)}`), rspauth: digestHash(algorithm, `${ha1}:${tail(ha2rsp)}`) };
}

async function digestAuth(req, res, ctx, m) {
  const body = await readBody(req);
  const qop = m[1].toLowerCase();
  const [user, pass] = [decodeURIComponent(m[2]), decodeURIComponent(m[3])];
  const algorithm = ALGORITHMS[(m[4] ?? 'MD5').toLowerCase()];
  if (!['auth', 'auth-int', 'none'].includes(qop) || !algorithm) {
    return sendJson(res, 400, { error: 'qop must be auth|auth-int|none, algorithm MD5|SHA|SHA-256|SHA-512, or one of them + -sess' });
  }
  const state = ctx.state.digest;
  const deny = (why, stale = false) =>
    sendJson(res, 401, { authenticated: false, reason: why }, { 'WWW-Authenticate': challenge(state, algorithm, qop, stale) });

  const a = parseDigestHeader(req.headers.authorization);
  if (!a) return deny('no Digest authorization');
  if (a.username !== user || a.realm !== REALM) return deny('wrong username or realm');
  if ((a.algorithm ?? 'MD5').toLowerCase() !== algorithm.toLowerCase()) return deny('wrong algorithm');
  if (a.opaque !== state.opaque) return deny('wrong opaque');
  if (a.uri !== req.url) return deny('uri does not match the request-target');
  if (qop !== 'none') {
    if (a.qop !== qop || !a.cnonce || !/^[0-9a-fA-F]{8}$/.test(a.nc ?? '')) return deny('missing or bad qop/cnonce/nc');
  }
  const expected = digestResponse(algorithm, qop, user, pass, a, req.method, body);
  if ((a.response ?? '').toLowerCase() !== expected.response) return deny('wrong response digest');
  const known = state.nonces.get(a.nonce);
  if (!known || Date.now() - known.created > NONCE_TTL_MS) return deny('unknown or expired nonce', true);
  const nc = qop === 'none' ? known.lastNc + 1 : parseInt(a.nc, 16);
  if (nc <= known.lastNc) return deny(`nonce count ${nc} not greater than ${known.lastNc} (replay)`);
  known.lastNc = nc;
  const info = qop === 'none' ? `rspauth="${expected.rspauth}"` : `qop=${qop}, rspauth="${expected.rspauth}", cnonce="${a.cnonce}", nc=${a.nc}`;
  sendJson(res, 200, { authenticated: true, user, algorithm, qop, nc }, { 'Authentication-Info': info });
}

export const routes = [
  // /basic-auth/USER/PASS: 200 {authenticated, user} or 401 + WWW-Authenticate: Basic realm="test".
  { path: /^\/basic-auth\/([^/]+)\/([^/]+)$/, handler: basicAuth(false) },
  // /hidden-basic-auth/USER/PASS: like basic-auth but 404 instead of 401.
  { path: /^\/hidden-basic-auth\/([^/]+)\/([^/]+)$/, handler: basicAuth(true) },
  {
    // /bearer: 200 {authenticated, token} with "Authorization: Bearer TOKEN", else 401 + WWW-Authenticate: Bearer.
    path: /^\/bearer$/,
    handler: (req, res) => {
      req.resume();
      const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (m) return sendJson(res, 200, { authenticated: true, token: m[1] });
      sendJson(res, 401, { authenticated: false }, { 'WWW-Authenticate': 'Bearer realm="test"' });
    },
  },
  { path: /^\/digest-auth\/([^/]+)\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/, handler: digestAuth },
];

/** Per-server digest state (issued nonces, opaque). */
export function newDigestState() {
  return { nonces: new Map(), opaque: crypto.randomBytes(16).toString('hex') };
}
