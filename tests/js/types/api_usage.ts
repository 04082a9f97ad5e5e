// Compiled by tests/js/bindings_types.test.mjs with `tsc --noEmit --strict`: every option and
// method of the JS API used as a caller would, against types/httpxx.d.ts. Never run.
import {
  AsyncClient, BasicAuth, DigestAuth, Cookies, HTTPStatusError, HttpxxError, Parallel,
  PendingResponse, Request, Response, StreamConsumed,
} from '../../../types/httpxx.js';
import type {
  ClientOptions, Cookie, EventHooks, HookRequest, NextRequest, ParallelOptions, RequestOptions,
  SendOptions,
} from '../../../types/httpxx.js';

const hooks: EventHooks = {
  request: [
    (request: HookRequest) => { request.headers.set('X-A', request.method + request.url); },
    async (request) => { await Promise.resolve(request.headers.get('host')); },
  ],
  response: [async (response: Response) => { response.raiseForStatus(); await response.read(); }],
};

const clientOptions: ClientOptions = {
  base_url: 'http://127.0.0.1:8000',
  headers: { 'X-Many': ['1', '2'], 'X-One': 1 },
  params: [['q', 'x']],
  timeout: { connect: 1000, read: null, write: 2000, pool: 3000 },
  follow_redirects: true,
  max_redirects: 5,
  default_encoding: 'latin-1',
  max_decoded_size: 1 << 20,
  cookies: { session: 'abc' },
  auth: new BasicAuth('u', 'p'),
  event_hooks: hooks,
  verify: true,
  trust_env: true,
  retries: 0,
  http1: true,
  http2: true,
};
const camel: ClientOptions = {
  baseUrl: new URL('http://127.0.0.1:8000'),
  followRedirects: false,
  maxRedirects: 0,
  defaultEncoding: 'utf-8',
  maxDecodedSize: 0,
  eventHooks: {},
  caFile: undefined,
  caDir: undefined,
  cert: { certFile: 'client.crt', keyFile: 'client.key', password: 'secret' },
  trustEnv: true,
  cookies: [{ name: 'a', value: '1', domain: 'example.org', path: '/' }],
  auth: ['user', 'pass'],
  timeout: null,
};

async function main(): Promise<void> {
  const client = new AsyncClient(clientOptions);
  const other = new AsyncClient({ ...camel, cookies: client.cookies, auth: new DigestAuth('u', 'p') });
  const controller = new AbortController();
  async function* chunks(): AsyncGenerator<string | Uint8Array> {
    yield 'a';
    yield new Uint8Array([98]);
  }
  const form = new FormData();
  form.append('field', 'value');
  const requests: RequestOptions[] = [
    { params: new URLSearchParams({ a: '1' }), headers: new Headers({ 'X-A': '1' }), content: 'text' },
    { content: new Uint8Array(2) },
    { content: new ArrayBuffer(2) },
    { content: new Blob(['x'], { type: 'text/plain' }) },
    { content: form },
    { content: new ReadableStream<Uint8Array>() },
    { content: chunks() },
    { json: { any: ['thing'] } },
    { data: { a: '1' }, files: { f: 'content', g: ['g.txt', new Uint8Array(1), 'text/plain'], h: new Blob(['h']) } },
    { files: [['f', new File(['x'], 'x.txt')], ['f', [undefined, 'no name']]] },
    { timeout: 100, stream: true, follow_redirects: false, followRedirects: true },
    { cookies: [['once', '1']], auth: (request: HookRequest) => { request.headers.set('Authorization', 'Bearer t'); return request; } },
    { signal: controller.signal },
  ];
  for (const options of requests) {
    const r: Response = await client.request('POST', '/anything', options);
    const status: number = r.status;
    const next: NextRequest | null = r.nextRequest;
    const cookies: Cookie[] = r.cookies;
    const history: Response[] = r.history;
    console.log(status, next?.headers, cookies.map((c) => c.expires?.getTime()), history.length,
      r.reasonPhrase, r.httpVersion, r.headers, r.url, r.request.method, r.elapsed, r.isClosed,
      r.isStreamConsumed, r.isSuccess, r.isRedirect, r.isError, r.getHeader('a'));
    for await (const chunk of r.stream()) console.log(chunk.byteLength);
    for await (const chunk of r.raw()) console.log(chunk.byteLength);
    for await (const text of r.textStream()) console.log(text.length);
    for await (const line of r.lines()) console.log(line.toUpperCase());
    const bytes: Uint8Array = await r.bytes();
    const read: Uint8Array = await r.read();
    const text: string = await r.text();
    console.log(bytes, read, text, await r.json());
    await r.close();
  }
  await client.get('/get');
  await client.post('/post');
  await client.put('/put');
  await client.patch('/patch');
  await client.delete('/delete');
  await client.head('/get');
  await client.options('/get');

  const built: Request = client.buildRequest('POST', '/post', { json: { a: 1 } });
  built.headers.set('X-Built', '1');
  console.log(built.method, built.url, built.content.byteLength);
  const sendOptions: SendOptions = { stream: true, follow_redirects: true, timeout: 10, auth: ['u', 'p'], signal: controller.signal };
  await client.send(built, sendOptions);
  await client.send(built, { followRedirects: false });
  client.headers = { 'X-Client': '1' };
  const clientHeaders: Array<[string, string]> = client.headers;
  console.log(clientHeaders);

  const jar: Cookies = client.cookies;
  jar.set('a', '1', { domain: 'example.org', path: '/' });
  const value: string | null = jar.get('a', { domain: 'example.org' });
  const removed: number = jar.delete('a');
  const has: boolean = jar.has('a');
  const all: Cookie[] = [...jar];
  const size: number = jar.size;
  const object: Record<string, string> = jar.toObject();
  jar.clear();
  console.log(value, removed, has, all, size, object);

  const parallelOptions: ParallelOptions = { max_concurrency: 2, signal: controller.signal };
  const p: Parallel = client.parallel(parallelOptions);
  const q: Parallel = client.parallel({ maxConcurrency: 0 });
  const one: PendingResponse = p.get('/a');
  p.post('/b'); p.put('/c'); p.patch('/d'); p.delete('/e'); p.head('/f'); p.options('/g');
  p.request('GET', new URL('http://127.0.0.1/'), { stream: true });
  p.send(built, { stream: true });
  console.log(one.request.url, one.done, p.hasPending(), p.running());
  console.log((await one.getResponse()).status, (await p.nextResponse()).status, (await p.gather()).length);
  await p.close();
  await q.close();

  try {
    (await client.get('/status/404')).raiseForStatus();
  } catch (e) {
    if (e instanceof HTTPStatusError) console.log(e.status, e.response?.status, e.request?.url);
    if (e instanceof StreamConsumed || e instanceof HttpxxError) console.log(e.name);
  }
  console.log(client.isClosed);
  await client.close();
  await other.close();
}

// The declarations refuse what the module refuses.
// @ts-expect-error a misspelt option
new AsyncClient({ auht: ['u', 'p'] });
// @ts-expect-error retries cannot be honoured in WebAssembly
new AsyncClient({ retries: 3 });
// @ts-expect-error a client certificate is a file name or { cert_file, key_file, password }
new AsyncClient({ cert: { file: 'client.pem' } });
// @ts-expect-error an async auth function
new AsyncClient({ auth: async (r: HookRequest) => r });
// @ts-expect-error a misspelt request option
void new AsyncClient().get('/', { parms: {} });
// @ts-expect-error the wrong type
void new AsyncClient().get('/', { stream: 'yes' });
// @ts-expect-error a misspelt parallel option
new AsyncClient().parallel({ max_concurency: 1 });

void main;
