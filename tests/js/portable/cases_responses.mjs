// Reading responses: lines(), textStream(), raw(), stream() consumed or
// closed, nextRequest and history, max_decoded_size and max_read_size,
// the HTTP version, encodings and status predicates. A portable case file:
// see js_api_cases.mjs.
import { check } from './check.mjs';
import { collect, concat, makeHelpers } from './helpers.mjs';

export function defineResponseCases(test, env) {
  const { httpxx, base, browser, run } = makeHelpers(env);

  test('lines() yields lines without endings; textStream() yields decoded text', run(async ({ client }) => {
    const c = client();
    const r = await c.get('/drip-lines', { params: { lines: 4, interval_ms: 10 }, stream: true });
    check.deepEqual(await collect(r.lines()), ['line 0', 'line 1', 'line 2', 'line 3']);
    const latin = await c.get('/latin1', { stream: true });
    check.equal((await collect(latin.textStream())).join(''), 'café naïve résumé\n');
    const many = await c.get('/stream/3', { stream: true });
    const lines = await collect(many.lines());
    check.deepEqual(lines.map((l) => JSON.parse(l).id), [0, 1, 2]);
    // After read(), they come from the cached body.
    const read = await c.get('/stream/2');
    check.equal((await collect(read.lines())).length, 2);
  }));

  test('raw() gives the body as fetch delivered it (decoded: fetch undoes gzip)', run(async ({ client }) => {
    const c = client();
    const r = await c.get('/gzip', { stream: true });
    const raw = await collect(r.raw());
    check.ok(raw.every((chunk) => chunk instanceof Uint8Array));
    check.equal(JSON.parse(new TextDecoder().decode(concat(raw))).gzipped, true);
    const read = await c.get('/gzip');
    await check.rejects(read.raw().next(), 'StreamConsumed');
  }));

  test('stream() on a consumed body is StreamConsumed, on a closed one StreamClosed', run(async ({ client }) => {
    const c = client();
    const r = await c.get('/stream-bytes/2000', { stream: true, params: { chunk_size: 500 } });
    const chunks = await collect(r.stream());
    check.equal(chunks.reduce((n, x) => n + x.length, 0), 2000);
    await check.rejects(r.stream().next(), 'StreamConsumed');
    await check.rejects(r.lines().next(), 'StreamConsumed');
    const closed = await c.get('/bytes/10', { stream: true });
    await closed.close();
    await check.rejects(closed.stream().next(), 'StreamClosed');
  }));

  test('an unfollowed redirect has nextRequest; a followed one has history', run(async ({ client }) => {
    const c = client();
    const r = await c.get('/redirect/2');
    const seeOther = await c.post('/redirect-to', { params: { url: '/get', status_code: 303 }, content: 'x' });
    const followed = await c.get('/redirect/2', { follow_redirects: true });
    if (browser) {
      // fetch follows every redirect itself and shows none of them
      // (redirect: 'manual' gives an opaque response): no redirect is left
      // to describe, and no hop is known.
      check.equal(r.status, 200);
      check.equal(r.url, `${base}/get`);
      check.equal(r.nextRequest, null);
      check.equal(r.history.length, 0);
      check.equal(seeOther.status, 200);
      check.equal(seeOther.nextRequest, null);
      // The 303 made fetch change the POST to a GET without a body.
      const landed = await seeOther.json();
      check.deepEqual([landed.method, landed.path, landed.body_length], ['GET', '/get', 0]);
      check.equal(followed.history.length, 0);
    } else {
      check.equal(r.status, 302);
      check.equal(r.nextRequest.method, 'GET');
      check.equal(r.nextRequest.url, `${base}/redirect/1`);
      check.ok(Array.isArray(r.nextRequest.headers));
      check.equal(seeOther.nextRequest.method, 'GET');
      check.deepEqual(followed.history.map((h) => h.url), [`${base}/redirect/2`, `${base}/redirect/1`]);
    }
    check.equal(followed.url, `${base}/get`);
    check.equal(followed.nextRequest, null);
    check.equal((await c.get('/get')).nextRequest, null);
  }));

  test('max_decoded_size is passed to the client: a larger body is a DecodingError', run(async ({ client }) => {
    // In a browser fetch decodes the gzip itself: the limit applies to what
    // it delivers, which is the same decoded size.
    const c = client({ max_decoded_size: 1000 });
    check.equal((await (await c.get('/bytes/1000')).bytes()).length, 1000);
    await check.rejects(c.get('/gzip-bomb', { params: { mb: 1 } }), 'DecodingError');
  }));

  test('by default a 64 MiB gzip bomb is a DecodingError, read whole or streamed', run(async ({ client }) => {
    const c = client();
    await check.rejects(c.get('/gzip-bomb', { params: { mb: 64 } }),
      { name: 'DecodingError', message: /max_decoded_size/ });
    const r = await c.get('/gzip-bomb', { params: { mb: 64 }, stream: true });
    let bytes = 0;
    let largest = 0;
    let failure = null;
    try {
      for await (const chunk of r.stream()) {
        bytes += chunk.length;
        largest = Math.max(largest, chunk.length);
      }
    } catch (e) {
      failure = e;
    }
    check.ok(failure instanceof httpxx.DecodingError, String(failure));
    check.ok(bytes <= 32 * 1024 * 1024 && bytes > 30 * 1024 * 1024, `streamed ${bytes} bytes`);
    check.ok(largest <= 64 * 1024, `largest piece ${largest}`);
    check.equal((await c.get('/get')).status, 200);
  }));

  test('max_read_size refuses a larger body read whole (ResponseTooLarge), never a stream', run(async ({ client }) => {
    const c = client({ max_read_size: 100000 });
    check.equal((await (await c.get('/bytes/100000')).bytes()).length, 100000);
    const error = await check.rejects(c.get('/bytes/100001'),
      { name: 'ResponseTooLarge', message: /max_read_size \(the limit of 100000 bytes/ });
    check.ok(error instanceof httpxx.ResponseTooLarge && error instanceof httpxx.RequestError);
    check.equal(error.request.url, `${base}/bytes/100001`);
    await check.rejects(c.get('/stream-bytes/300000'), 'ResponseTooLarge');
    const streamed = await c.get('/bytes/300000', { stream: true });
    check.equal(concat(await collect(streamed.stream())).length, 300000);
    const unread = await c.get('/bytes/300000', { stream: true });
    await check.rejects(unread.read(), 'ResponseTooLarge');
    const unlimited = client({ maxReadSize: 0 });
    check.equal((await (await unlimited.get('/bytes/300000')).bytes()).length, 300000);
  }));

  test('httpVersion is the runtime\'s: as received under Node.js; in a browser resource timing\'s, else ""', run(async ({ client }) => {
    const c = client();
    if (!browser) {
      check.equal((await c.get('/get')).httpVersion, 'HTTP/1.1');
      check.equal((await c.get('/get', { stream: true })).httpVersion, 'HTTP/1.1');
      check.equal((await c.get('/http10')).httpVersion, 'HTTP/1.0');
      return;
    }
    // The page and the test server are different origins: without Timing-Allow-Origin the
    // browser's resource timing does not name the protocol (no case before this one has the
    // test server send that field).
    check.equal((await c.get('/get')).httpVersion, '');
    // With it, the entry of a body read whole is there when the head is handed over…
    const allowed = await c.get('/response-headers', { params: { 'Timing-Allow-Origin': '*' } });
    check.equal(allowed.httpVersion, 'HTTP/1.1');
    // …and later responses of that origin, streamed ones too, get the protocol it reported.
    const streamed = await c.get('/get', { stream: true });
    check.equal(streamed.httpVersion, 'HTTP/1.1');
    await streamed.read();
  }));

  test('encoding, charsetEncoding and the status predicates follow the C++ Response', run(async ({ client }) => {
    const c = client();
    const latin = await c.get('/latin1');
    check.equal(latin.charsetEncoding, 'iso-8859-1');
    check.equal(latin.encoding, 'iso-8859-1');
    check.equal(await latin.text(), 'café naïve résumé\n');
    const bytes = await c.get('/latin1', { stream: true });
    bytes.encoding = 'utf-8';
    check.match((await collect(bytes.textStream())).join(''), /caf\uFFFD/);
    const missing = await c.get('/status/404');
    check.ok(missing.isClientError && !missing.isServerError && !missing.isInformational);
    check.ok((await c.get('/status/503')).isServerError);
    // A browser's fetch followed the redirect: the response is its target.
    const redirect = await c.get('/redirect/1');
    check.equal(redirect.hasRedirectLocation, !browser);
    check.equal(redirect.isSuccess, browser);
    check.equal((await c.get('/get')).charsetEncoding, null);
  }));
}
