// The JS module's error classes under Node.js: a failure gives the class the native client
// raises for it (the Node.js error's code decides), and exceptions that are not httpxx's own have classes
// of their own. The C++ side of the same mapping is tested in tests/wasm (test_fetch_transport,
// test_js_errors). Run: node --test tests/js/errors_wasm.test.mjs
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startRawServer } from '../server/raw_server.mjs';
import { closedUrl } from '../wasm/run_doctest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jsDir = process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js');
assert.ok(existsSync(path.join(jsDir, 'httpxx.mjs')),
  `${jsDir}/httpxx.mjs is missing: cmake --preset wasm && cmake --build --preset wasm --target httpxx_js`);
const httpxx = await import(pathToFileURL(path.join(jsDir, 'httpxx.mjs')).href);

let raw;
let odd;

before(async () => {
  raw = await startRawServer(0);
  // A one-digit status code (undici, the global fetch, once turned it into an AssertionError
  // rather than a parser error): still a malformed response.
  odd = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.once('data', () => socket.end('HTTP/1.1 2 OK\r\nContent-Length: 2\r\n\r\nok'));
  });
  await new Promise((resolve) => odd.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  odd?.close();
  await raw?.close();
});

/** The error of GET `url` read to its end (buffered, or streamed). */
async function failure(url, stream = false) {
  // The raw server closes without saying so (no "Connection: close"): give the pool time to see a
  // connection it kept (after a complete but undecodable body) closed before the next request.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const client = new httpxx.AsyncClient({ timeout: 3000 });
  try {
    const r = await client.get(url, { stream });
    await r.read();
    return null;
  } catch (e) {
    return e;
  } finally {
    await client.close();
  }
}

const rawCase = (name) => `http://127.0.0.1:${raw.port}/case/${name}`;

for (const stream of [false, true]) {
  const how = stream ? 'streamed' : 'buffered';

  test(`${how}: malformed responses are RemoteProtocolError`, async () => {
    for (const name of ['conflicting_content_length', 'header_no_colon', 'status_line_garbage',
      'empty_response', 'bad_chunk_size_chars', 'abrupt_close_mid_body']) {
      const e = await failure(rawCase(name), stream);
      assert.ok(e instanceof httpxx.RemoteProtocolError, `${name}: ${e?.name}: ${e?.message}`);
      assert.ok(e instanceof httpxx.ProtocolError);
      assert.equal(e.request.url, rawCase(name));
    }
    const e = await failure(`http://127.0.0.1:${odd.address().port}/`, stream);
    assert.ok(e instanceof httpxx.RemoteProtocolError, `one-digit status: ${e?.name}: ${e?.message}`);
  });

  test(`${how}: a corrupt gzip body is DecodingError`, async () => {
    const e = await failure(rawCase('gzip_bad_data'), stream);
    assert.ok(e instanceof httpxx.DecodingError, `${e?.name}: ${e?.message}`);
    assert.match(e.message, /Z_DATA_ERROR/);
  });

  test(`${how}: a reset is ReadError, a refused connection ConnectError`, async () => {
    // A reset discards what the client has not read yet: on a busy machine even the head of
    // reset_mid_body can be lost, and then the peer only closed without answering. Once the head
    // was in, it must be a ReadError (the socket saw the reset, not an orderly close).
    let e = await failure(rawCase('reset_mid_body'), stream);
    if (/read ECONNRESET/.test(e?.message)) {
      assert.ok(e instanceof httpxx.ReadError, `${e?.name}: ${e?.message}`);
    } else {
      assert.ok(e instanceof httpxx.RemoteProtocolError, `${e?.name}: ${e?.message}`);
    }
    // A reset before any byte: Node.js sees the reset (ECONNRESET) or, when the kernel reports
    // the close first, a peer that closed without answering; natively both can happen too.
    e = await failure(rawCase('reset_immediately'), stream);
    assert.ok(e instanceof httpxx.ReadError || e instanceof httpxx.RemoteProtocolError, `${e?.name}: ${e?.message}`);
    e = await failure(await closedUrl(), stream);
    assert.ok(e instanceof httpxx.ConnectError, `${e?.name}: ${e?.message}`);
    assert.match(e.message, /ECONNREFUSED/);
  });
}

test('exceptions that are not httpxx errors have classes of their own, never the root', () => {
  assert.ok(httpxx.InternalError.prototype instanceof httpxx.HttpxxError);
  assert.ok(httpxx.OutOfMemoryError.prototype instanceof httpxx.InternalError);
  assert.ok(!(httpxx.InternalError.prototype instanceof httpxx.HTTPError));
  assert.equal(new httpxx.OutOfMemoryError('x').name, 'OutOfMemoryError');
  assert.equal(new httpxx.InternalError('x').name, 'InternalError');
});
