// Request bodies: files (multipart), FormData, Blob, streamed uploads
// (ReadableStream, async iterables) and their failures, Blobs in parallels.
// A portable case file: see js_api_cases.mjs.
import { check } from './check.mjs';
import { makeHelpers } from './helpers.mjs';

export function defineBodyCases(test, env) {
  const { browser, run } = makeHelpers(env);

  test('files: strings, bytes, Blobs, Files and [filename, content, type], with data fields', run(async ({ client }) => {
    const c = client();
    const r = await c.post('/post', {
      data: { field: 'value' },
      files: {
        plain: 'hello',
        bytes: ['b.bin', new Uint8Array([0, 1, 2]), 'application/x-test'],
        blob: new Blob(['blob body'], { type: 'text/plain' }),
        file: new File(['file body'], 'f.txt', { type: 'text/markdown' }),
      },
    });
    const doc = await r.json();
    check.match(doc.headers['content-type'], /^multipart\/form-data; boundary=/);
    check.deepEqual(doc.form, { field: 'value' });
    check.equal(doc.files.plain.filename, 'upload');
    check.equal(doc.files.plain.content, 'hello');
    check.equal(doc.files.bytes.filename, 'b.bin');
    check.equal(doc.files.bytes.content_type, 'application/x-test');
    check.equal(doc.files.bytes.content_base64, 'AAEC');
    check.equal(doc.files.blob.filename, 'blob');
    check.equal(doc.files.blob.content, 'blob body');
    check.equal(doc.files.blob.content_type, 'text/plain');
    check.equal(doc.files.file.filename, 'f.txt');
    check.equal(doc.files.file.content, 'file body');
    check.equal(doc.files.file.content_type, 'text/markdown');
    // Pairs (or a Map) repeat a field name.
    const two = await (await c.post('/post', { files: new Map([['m', new Blob(['from a map'])]]) })).json();
    check.equal(two.files.m.content, 'from a map');
    const repeated = await (await c.post('/post', { files: [['f', 'one'], ['f', ['b.txt', 'two']]] })).json();
    check.deepEqual(repeated.files.f.map((x) => x.content), ['one', 'two']);
  }));

  test('a FormData content is multipart (with or without files); a Blob content keeps its type', run(async ({ client }) => {
    const c = client();
    const form = new FormData();
    form.append('name', 'httpxx');
    form.append('tags', 'a');
    form.append('tags', 'b');
    form.append('doc', new File(['{"a":1}'], 'a.json', { type: 'application/json' }));
    const doc = await (await c.post('/post', { content: form })).json();
    check.deepEqual(doc.form, { name: 'httpxx', tags: ['a', 'b'] });
    check.equal(doc.files.doc.content, '{"a":1}');
    check.equal(doc.files.doc.filename, 'a.json');
    const fieldsOnly = new FormData();
    fieldsOnly.append('only', 'field');
    const doc2 = await (await c.post('/post', { content: fieldsOnly })).json();
    check.match(doc2.headers['content-type'], /^multipart\/form-data/);
    check.deepEqual(doc2.form, { only: 'field' });
    const blob = await c.post('/echo-body', { content: new Blob(['<p>hi</p>'], { type: 'text/html' }) });
    check.equal(blob.getHeader('content-type'), 'text/html');
    check.equal(await blob.text(), '<p>hi</p>');
  }));

  test('a ReadableStream or an async iterable is streamed as the upload', run(async ({ client }) => {
    const c = client();
    async function* pieces() {
      for (let i = 0; i < 5; ++i) yield new Uint8Array(1000).fill(65 + i);
      yield 'tail';
    }
    const up = await (await c.post('/upload', { content: pieces() })).json();
    check.equal(up.received_bytes, 5004);
    // Node.js's fetch streams the upload (chunked). Chromium's streams
    // request bodies over HTTP/2 only (other browsers not at all), so there
    // the module collects the source first and sends it with a length.
    check.equal(up.chunked, !browser);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('from a '));
        controller.enqueue(new TextEncoder().encode('ReadableStream'));
        controller.close();
      },
    });
    const echo = await (await c.post('/anything', { content: stream, headers: { 'Content-Type': 'text/plain' } })).json();
    check.equal(echo.body, 'from a ReadableStream');
    // fetch chooses the framing of a streamed body (chunked in Node.js, a
    // length for a collected body in a browser), whatever Content-Length says.
    const sized = await (await c.put('/anything', { content: pieces(), headers: { 'Content-Length': '5004' } })).json();
    check.equal(sized.body_length, 5004);
  }));

  test('a failing upload source rejects the request with its own error', run(async ({ client }) => {
    const c = client();
    const boom = new Error('source failed');
    async function* failing() {
      yield 'a';
      throw boom;
    }
    await check.rejects(c.post('/upload', { content: failing() }), boom);
    async function* wrong() { yield 42; }
    await check.rejects(c.post('/upload', { content: wrong() }), { name: 'TypeError', message: /chunk must be a string or bytes/ });
    // The client is still usable.
    check.equal((await c.get('/get')).status, 200);
  }));

  test('a parallel request streams a Blob content; a Blob file needs its bytes first', run(async ({ client, defer }) => {
    const p = client().parallel();
    defer(() => p.close());
    const one = p.post('/echo-body', { content: new Blob(['parallel blob']) });
    check.equal(await (await one.getResponse()).text(), 'parallel blob');
    check.throws(() => p.post('/post', { files: { f: new Blob(['x']) } }), { name: 'TypeError', message: /cannot be read synchronously/ });
  }));
}
