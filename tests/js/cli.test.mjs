// Tests of the command-line client `httpxx` (cli/) with piped output: the built binary, run
// against the test server. The binary is build/native/cli/httpxx, or the path in HTTPXX_CLI.
// On a terminal (colours, progress bars), installed, and its man page: cli_terminal.test.mjs.
// Run: node --test tests/js/cli.test.mjs

import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../server/server.mjs';
import { ANSI, BINARY, cli, parts } from './support/cli.mjs';

let srv;
let tmp;

before(async () => {
  assert.ok(fs.existsSync(BINARY), `${BINARY} is missing: build it with cmake --build --preset native`);
  srv = await startServer();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'httpxx-cli-'));
});
after(async () => {
  await srv?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The echo document the server sent back (the whole stdout: piped, only the body is printed). */
const echo = (r) => JSON.parse(r.stdout);

/** A port nothing listens on. */
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('httpxx (the CLI): what it prints on a pipe', () => {
  test('piped, a GET prints only the body, exactly as received (so `| jq .` works)', async () => {
    const r = await cli([`${srv.http}/get`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.equal(JSON.parse(r.stdout).path, '/get');
    assert.match(r.stdout, /^\{\n {2}"method": "GET",\n/, 'as the server sent it (indented by 2), not re-formatted');
    const bytes = await cli([`${srv.http}/bytes/3000`]);
    assert.equal(bytes.out.length, 3000);
    for (let i = 0; i < 3000; i++) {
      if (bytes.out[i] !== ((i * 31 + 7) & 255)) assert.fail(`byte ${i} is ${bytes.out[i]}`);
    }
  });

  test('--print hb: the status line, the headers, a blank line and the body', async () => {
    const r = await cli(['--print', 'hb', `${srv.http}/get`]);
    assert.equal(r.code, 0, r.stderr);
    const { head, body } = parts(r.stdout);
    assert.equal(head[0], 'HTTP/1.1 200 OK');
    assert.ok(head.includes('Content-Type: application/json'), head.join('\n'));
    assert.equal(JSON.parse(body).path, '/get');
  });

  test('--print h: the head only; --print H: the request head only', async () => {
    const h = await cli(['--print=h', `${srv.http}/get`]);
    assert.equal(h.code, 0, h.stderr);
    assert.match(h.stdout, /^HTTP\/1\.1 200 OK\n(.+\n)+\n$/);
    const H = await cli(['--print', 'H', `${srv.http}/get`, '-h', 'X-Test', 'yes']);
    assert.match(H.stdout, /^GET \/get HTTP\/1\.1\n(.+\n)+\n$/);
    assert.ok(H.stdout.includes('\nX-Test: yes\n'));
  });

  test('--pretty always: JSON indented by 4, binary bodies as a placeholder; never: as received', async () => {
    const json = await cli(['--pretty', 'always', `${srv.http}/get`]);
    assert.match(json.stdout, /^\{\n {4}"method": "GET",\n {4}"url": "\/get",\n/);
    const binary = await cli(['--pretty=always', `${srv.http}/bytes/10`]);
    assert.equal(binary.stdout, '<10 bytes of binary data>\n');
    const text = await cli(['--pretty=always', `${srv.http}/status/404`]);
    assert.equal(text.stdout, 'status 404\n');
    const head = await cli(['--print', 'hb', '--pretty', 'always', '-m', 'HEAD', `${srv.http}/get`]);
    assert.equal(parts(head.stdout).body, '');
    const raw = await cli(['--pretty', 'never', `${srv.http}/bytes/10`]);
    assert.equal(raw.out.length, 10);
  });

  test('-v prints the request head and body, then the response head and body', async () => {
    const r = await cli(['-v', `${srv.http}/post`, '-p', 'x', '1', '-H', 'X-Test', 'yes', '-j', '{"a":1}']);
    assert.equal(r.code, 0, r.stderr);
    const blocks = r.stdout.split('\n\n');
    const request = blocks[0].split('\n');
    assert.equal(request[0], 'POST /post?x=1 HTTP/1.1');
    assert.ok(request.includes(`Host: 127.0.0.1:${srv.httpPort}`), blocks[0]);
    assert.ok(request.includes('X-Test: yes'), blocks[0]);
    assert.ok(request.some((l) => l.startsWith('User-Agent: httpxx/')), blocks[0]);
    assert.equal(blocks[1], '{"a":1}');
    assert.equal(blocks[2].split('\n')[0], 'HTTP/1.1 200 OK');
    assert.deepEqual(JSON.parse(blocks.slice(3).join('\n\n')).json, { a: 1 });
  });

  test('--http2 speaks HTTP/2 (h2c on http://); -v names the version each request went in', async () => {
    const r = await cli(['-v', '--http2', `${srv.h2c}/get`]);
    assert.equal(r.code, 0, r.stderr);
    const blocks = r.stdout.split('\n\n');
    assert.equal(blocks[0].split('\n')[0], 'GET /get HTTP/2');
    assert.equal(blocks[1].split('\n')[0], 'HTTP/2 200 OK');
    assert.equal(JSON.parse(blocks.slice(2).join('\n\n')).http_version, '2.0');
    const ca = ['--cacert', `${srv.certs.dir}/ca.crt`];
    const h2 = await cli([...ca, '--print', 'h', `${srv.h2}/get`]);
    assert.equal(h2.stdout.split('\n')[0], 'HTTP/2 200 OK', 'https offers h2 by default');
    const h1 = await cli([...ca, '--http1', '--print', 'h', `${srv.h2}/get`]);
    assert.equal(h1.stdout.split('\n')[0], 'HTTP/1.1 200 OK');
  });

  test('-v shows each request as it was sent: with the Authorization header --auth added', async () => {
    const r = await cli(['-v', `${srv.http}/basic-auth/ada/secret`, '--auth', 'ada', 'secret']);
    assert.equal(r.code, 0, r.stderr);
    const request = r.stdout.split('\n\n')[0].split('\n');
    assert.equal(request[0], 'GET /basic-auth/ada/secret HTTP/1.1');
    assert.ok(request.includes('Authorization: Basic YWRhOnNlY3JldA=='), request.join('\n'));
    const failed = await cli(['-v', '--timeout', '0.3', `${srv.http}/delay-ms/3000`]);
    assert.equal(failed.code, 7);
    assert.match(failed.stdout, /^GET \/delay-ms\/3000 HTTP\/1\.1\n(.+\n)+\n$/, 'shown even without a response');
  });

  test('-v with redirects shows each request between the responses', async () => {
    const r = await cli(['-v', '--follow-redirects', `${srv.http}/redirect/2`]);
    assert.equal(r.code, 0, r.stderr);
    const firstLines = r.stdout.split('\n\n').map((b) => b.split('\n')[0]);
    assert.deepEqual(firstLines.slice(0, 6), [
      'GET /redirect/2 HTTP/1.1', 'HTTP/1.1 302 Found',
      'GET /redirect/1 HTTP/1.1', 'HTTP/1.1 302 Found',
      'GET /get HTTP/1.1', 'HTTP/1.1 200 OK',
    ]);
  });

  test('no ANSI escape reaches a pipe, unless --color always', async () => {
    const runs = await Promise.all([
      cli([`${srv.http}/get`]),
      cli(['-v', '--follow-redirects', `${srv.http}/redirect/1`]),
      cli(['--print', 'hb', '--pretty', 'always', `${srv.http}/status/500`]),
      cli(['--download', path.join(tmp, 'ansi.bin'), `${srv.http}/drip?numbytes=400&duration=0.4&chunks=4`]),
      cli(['--parallel', `${srv.http}/get`, `${srv.http}/status/404`, `${srv.http}/bytes/100000`]),
      cli(['--timeout', '0.2', `${srv.http}/delay-ms/2000`]),
      cli(['--bogus']),
    ]);
    for (const r of runs) {
      assert.doesNotMatch(r.stdout, ANSI);
      assert.doesNotMatch(r.stderr, ANSI);
    }
    const forced = await cli(['--color=always', '--print', 'hb', '--pretty', 'always', `${srv.http}/get`]);
    assert.ok(forced.stdout.startsWith('HTTP/1.1 \x1b[32m200 OK\x1b[0m\n'), forced.stdout);
    assert.ok(forced.stdout.includes('\x1b[36mContent-Type\x1b[0m: application/json'));
    const error = await cli(['--color', 'always', 'http://127.0.0.1:99999/']);
    assert.ok(error.stderr.startsWith('\x1b[31merror\x1b[0m: InvalidURL: '), error.stderr);
  });
});

describe('httpxx (the CLI): what it sends', () => {
  test('params and headers reach the server, repeated ones in order; -h NAME VALUE is a header', async () => {
    const r = await cli([`${srv.http}/get`, '-p', 'q', 'c++', '--params', 'q', 'two words',
      '-h', 'X-Test', 'yes', '--headers', 'X-Other', 'a b', '-H', 'X-Third', '3']);
    assert.equal(r.code, 0, r.stderr);
    const doc = echo(r);
    assert.deepEqual(doc.args, { q: ['c++', 'two words'] });
    assert.equal(doc.headers['x-test'], 'yes');
    assert.equal(doc.headers['x-other'], 'a b');
    assert.equal(doc.headers['x-third'], '3');
  });

  test('-j/--json sends a JSON body with POST by default', async () => {
    const r = await cli([`${srv.http}/post`, '-j', '{"name": "Ada", "tags": [1, 2.5, true, null]}']);
    assert.equal(r.code, 0, r.stderr);
    const doc = echo(r);
    assert.equal(doc.method, 'POST');
    assert.equal(doc.headers['content-type'], 'application/json');
    assert.deepEqual(doc.json, { name: 'Ada', tags: [1, 2.5, true, null] });
  });

  test('--json @FILE and @- read the document from a file or stdin', async () => {
    const file = path.join(tmp, 'doc.json');
    fs.writeFileSync(file, '{"from": "file"}\n');
    const fromFile = await cli([`${srv.http}/post`, '--json', `@${file}`]);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.deepEqual(echo(fromFile).json, { from: 'file' });
    const fromStdin = await cli([`${srv.http}/post`, '-j', '@-'], { input: '[1, 2]' });
    assert.deepEqual(echo(fromStdin).json, [1, 2]);
    const invalid = await cli([`${srv.http}/post`, '-j', '@-'], { input: '{"a":' });
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /^error: --json: invalid JSON in stdin: /);
  });

  test('-d/--data sends a form; -m picks the method', async () => {
    const r = await cli(['-m', 'put', `${srv.http}/put`, '-d', 'a', '1', '--data', 'b', 'x y', '--data', 'a', '2']);
    assert.equal(r.code, 0, r.stderr);
    const doc = echo(r);
    assert.equal(doc.method, 'PUT');
    assert.equal(doc.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(doc.form, { a: ['1', '2'], b: 'x y' });
  });

  test('-c/--content sends the text as it is, or a file (@FILE), stdin (@-), or @… itself (@@…)', async () => {
    const text = await cli([`${srv.http}/anything`, '-c', 'raw body\n', '--method', 'PATCH']);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(echo(text).method, 'PATCH');
    assert.equal(echo(text).body, 'raw body\n');
    const file = path.join(tmp, 'body.txt');
    fs.writeFileSync(file, 'from a file');
    assert.equal(echo(await cli([`${srv.http}/anything`, '--content', `@${file}`])).body, 'from a file');
    assert.equal(echo(await cli([`${srv.http}/anything`, '-c', '@-'], { input: 'from stdin' })).body, 'from stdin');
    assert.equal(echo(await cli([`${srv.http}/anything`, '-c', '@@handle'])).body, '@handle');
    const missing = await cli([`${srv.http}/anything`, '-c', `@${tmp}/nope`]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^error: --content: cannot read '.*nope': No such file or directory\n$/);
  });

  test('-f/--files uploads files as multipart/form-data, with the --data fields', async () => {
    const file = path.join(tmp, 'notes.txt');
    fs.writeFileSync(file, 'hello file');
    const r = await cli([`${srv.http}/post`, '-f', 'upload', file, '-d', 'title', 'Notes',
      '--files', 'piped', '-'], { input: 'from stdin' });
    assert.equal(r.code, 0, r.stderr);
    const doc = echo(r);
    assert.match(doc.headers['content-type'], /^multipart\/form-data; boundary=/);
    assert.equal(doc.form.title, 'Notes');
    assert.deepEqual(Object.keys(doc.files).sort(), ['upload'], JSON.stringify(doc));
    assert.equal(doc.files.upload.filename ?? doc.files.upload[0]?.filename, 'notes.txt', JSON.stringify(doc.files));
    assert.equal(doc.form.piped, 'from stdin', 'stdin goes without a filename: a field');
  });

  test('--cookies are sent, and kept across redirects', async () => {
    const r = await cli([`${srv.http}/redirect-to?url=/cookies`, '--follow-redirects', '--cookies', 'a', '1',
      '--cookies', 'b', 'two']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(echo(r).cookies, { a: '1', b: 'two' });
  });

  test('--auth sends Basic credentials (base64 with 0, 1 and 2 padding characters)', async () => {
    for (const [user, pass] of [['user', 'pass'], ['ab', 'cd'], ['a', 'bc'], ['Ada', 'pä ss:w']]) {
      const url = `${srv.http}/basic-auth/${encodeURIComponent(user)}/${encodeURIComponent(pass)}`;
      const r = await cli([url, '--auth', user, pass]);
      assert.equal(r.code, 0, `${user}:${pass}: ${r.stdout}${r.stderr}`);
      assert.deepEqual(echo(r), { authenticated: true, user });
    }
    const wrong = await cli(['--print', 'h', `${srv.http}/basic-auth/user/pass`, '--auth', 'user', 'nope']);
    assert.equal(wrong.code, 4, 'a 401 exits with 4');
    assert.equal(parts(wrong.stdout).head[0], 'HTTP/1.1 401 Unauthorized');
  });

  test('--auth-type digest answers the challenge; -v shows the 401 and the second request', async () => {
    const url = `${srv.http}/digest-auth/auth/ada/secret/SHA-256`;
    const r = await cli([url, '--auth', 'ada', 'secret', '--auth-type', 'digest']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.deepEqual(echo(r), { authenticated: true, user: 'ada', algorithm: 'SHA-256', qop: 'auth', nc: 1 });
    const v = await cli(['--print', 'Hh', url, '--auth', 'ada', 'secret', '--auth-type=digest']);
    const firstLines = v.stdout.split('\n\n').map((b) => b.split('\n')[0]);
    assert.deepEqual(firstLines.slice(0, 4), [
      'GET /digest-auth/auth/ada/secret/SHA-256 HTTP/1.1', 'HTTP/1.1 401 Unauthorized',
      'GET /digest-auth/auth/ada/secret/SHA-256 HTTP/1.1', 'HTTP/1.1 200 OK',
    ]);
    assert.match(v.stdout, /\nAuthorization: Digest username="ada", /);
    const basic = await cli([url, '--auth', 'ada', 'secret']);
    assert.equal(basic.code, 4, 'Basic credentials do not answer a Digest challenge');
  });

  test('--proxy sends the request through the proxy', async () => {
    const r = await cli(['--print', 'hb', '--proxy', srv.proxy, `${srv.http}/get`]);
    assert.equal(r.code, 0, r.stderr);
    const { head, body } = parts(r.stdout);
    assert.ok(head.some((l) => /^x-proxied-by: httpxx-test-proxy$/i.test(l)), head.join('\n'));
    assert.match(JSON.parse(body).headers.via, /httpxx-test-proxy/);
    const bad = await cli(['--proxy', 'socks5://127.0.0.1:1', `${srv.http}/get`]);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /^error: .*proxy/i);
  });

  test('--no-verify accepts any certificate; --cacert trusts the test CA instead', async () => {
    const unverified = await cli(['--no-verify', `${srv.https}/get`]);
    assert.equal(unverified.code, 0, unverified.stderr);
    assert.equal(echo(unverified).scheme, 'https');
    const trusted = await cli(['--cacert', srv.certs.ca, `${srv.https}/get`]);
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.equal(echo(trusted).scheme, 'https');
    const missing = await cli(['--cacert', path.join(tmp, 'nope.pem'), `${srv.https}/get`]);
    assert.equal(missing.code, 2, missing.stderr);
  });

  test('--name=value works for options of one value', async () => {
    const r = await cli([`${srv.http}/anything`, '--method=DELETE', '--timeout=2']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(echo(r).method, 'DELETE');
  });
});

describe('httpxx (the CLI): downloads and parallel requests', () => {
  test('--download writes the exact bytes to the file, and no progress when piped', async () => {
    const file = path.join(tmp, 'bytes.bin');
    const size = 300_000;
    const r = await cli(['--print', 'hb', '--download', file, `${srv.http}/bytes/${size}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '', 'no progress bar on a pipe');
    const { head, body } = parts(r.stdout);
    assert.equal(head[0], 'HTTP/1.1 200 OK');
    assert.equal(body, '', 'the body goes to the file only');
    const bytes = fs.readFileSync(file);
    assert.equal(bytes.length, size);
    for (let i = 0; i < size; i++) {
      if (bytes[i] !== ((i * 31 + 7) & 255)) assert.fail(`byte ${i} is ${bytes[i]}`);
    }
  });

  test('--download of a gzip-encoded body writes the decoded bytes', async () => {
    const file = path.join(tmp, 'gzip.json');
    const r = await cli(['--download', file, `${srv.http}/gzip`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).gzipped, true);
  });

  test('--download into a missing directory is an error (exit 1)', async () => {
    const r = await cli(['--download', path.join(tmp, 'no/such/dir/f'), `${srv.http}/bytes/10`]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: cannot open .* for writing: No such file or directory\n$/);
  });

  test('--parallel prints one summary line per URL, in completion order', async () => {
    const urls = [`${srv.http}/delay-ms/600`, `${srv.http}/delay-ms/300`, `${srv.http}/bytes/1000`];
    const r = await cli(['--parallel', ...urls]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, r.stdout);
    // Reversed: the requests ran at the same time (one after another, they would keep their order).
    assert.deepEqual(lines.map((l) => l.split(/\s+/)[0]), [urls[2], urls[1], urls[0]]);
    for (const line of lines) assert.match(line, /\s200 OK\s+\S+ (B|KiB)\s+\d+ ms$/);
    assert.match(lines[0], /\s1000 B\s/);
  });

  test('--parallel reports each failure on its own line; the exit status is the first failure\'s', async () => {
    const r = await cli(['--parallel', '--timeout', '0.5', `${srv.http}/status/404`, `${srv.http}/delay-ms/5000`,
      'http://127.0.0.1:99999/', `${srv.http}/get`]);
    assert.equal(r.code, 4, 'the 404 comes first on the command line');
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 4, r.stdout);
    const byUrl = Object.fromEntries(lines.map((l) => [l.split(/\s+/)[0], l]));
    assert.match(byUrl[`${srv.http}/status/404`], /404 Not Found/);
    assert.match(byUrl[`${srv.http}/delay-ms/5000`], /error: ReadTimeout: /);
    assert.match(byUrl['http://127.0.0.1:99999/'], /error: InvalidURL: /);
    assert.match(byUrl[`${srv.http}/get`], /200 OK/);
    assert.equal(lines.at(-1).split(/\s+/)[0], `${srv.http}/delay-ms/5000`, 'the timeout finishes last');
    const timeoutFirst = await cli(['--parallel', '--timeout', '0.3', `${srv.http}/delay-ms/3000`, `${srv.http}/status/500`]);
    assert.equal(timeoutFirst.code, 7);
  });
});

describe('httpxx (the CLI): exit statuses and usage', () => {
  test('each kind of outcome has its exit status', async () => {
    const port = await closedPort();
    const cases = [
      [[`${srv.http}/get`], 0, ''],
      [[`${srv.http}/redirect/1`], 3, ''],
      [[`${srv.http}/status/404`], 4, ''],
      [[`${srv.http}/status/503`], 5, ''],
      [['--follow-redirects', `${srv.http}/redirect/25`], 6, /^error: TooManyRedirects: /],
      [['--timeout', '0.3', `${srv.http}/delay-ms/5000`], 7, /^error: ReadTimeout: /],
      [[`http://127.0.0.1:${port}/`], 8, /^error: ConnectError: /],
      [[`${srv.https}/get`], 9, /^error: ConnectError: TLS connection to .* certificate verify failed/],
      [[`http://127.0.0.1:${srv.rawPort}/case/reset_immediately`], 10, /^error: ReadError: /],
      [[`http://127.0.0.1:${srv.rawPort}/case/empty_response`], 11, /^error: RemoteProtocolError: /],
      [['http://127.0.0.1:99999/'], 2, /^error: InvalidURL: .*99999/],
      [['example.com/path'], 2, /^error: UnsupportedProtocol: /],
    ];
    const runs = await Promise.all(cases.map(([args]) => cli(args)));
    runs.forEach((r, i) => {
      const [args, code, stderr] = cases[i];
      assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
      if (stderr === '') assert.equal(r.stderr, '', args.join(' '));
      else assert.match(r.stderr, stderr, args.join(' '));
      if (stderr !== '') assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
    });
  });

  test('--timeout: a slow server gives one error line on stderr, quickly', async () => {
    const r = await cli(['--timeout', '0.3', `${srv.http}/delay-ms/5000`]);
    assert.equal(r.code, 7);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^error: ReadTimeout: .+\n$/);
    assert.ok(r.ms < 3000, `took ${r.ms} ms`);
  });

  test('usage errors exit with 2, a one-line reason and the short usage', async () => {
    const cases = [
      [[], /missing URL/],
      [['--bogus', `${srv.http}/get`], /no such option: --bogus/],
      [[`${srv.http}/get`, '-p', 'only-name'], /-p needs NAME VALUE/],
      [[`${srv.http}/get`, `${srv.http}/post`], /add --parallel/],
      [[`${srv.http}/post`, '--json', '{}', '--content', 'x'], /at most one of --json, --data\/--files and --content/],
      [[`${srv.http}/get`, '--timeout', 'soon'], /--timeout needs a positive number/],
      [[`${srv.http}/get`, '--timeout', '-1'], /--timeout needs a positive number/],
      [[`${srv.http}/post`, '--json', '{"a":'], /--json: invalid JSON/],
      [[`${srv.http}/get`, '--follow-redirects=yes'], /does not take '=VALUE'/],
      [['--parallel', '--download', 'f', `${srv.http}/get`], /cannot be combined/],
      [[`${srv.http}/get`, '--print', 'x'], /--print takes the letters H, B, h, b/],
      [[`${srv.http}/get`, '--color', 'pink'], /--color takes auto, always or never/],
      [[`${srv.http}/get`, '--auth', 'a', 'b', '--auth-type', 'ntlm'], /--auth-type takes basic or digest/],
      [[`${srv.http}/post`, '-c', '@-', '-f', 'f', '-'], /at most one of/],
    ];
    for (const [args, reason] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n');
      assert.match(lines[0], /^error: /);
      assert.match(lines[0], reason);
      assert.match(r.stderr, /usage: httpxx \[OPTIONS\] URL/);
    }
  });

  test('--help (and -h alone, or before a URL) prints every option and exits 0', async () => {
    for (const args of [['--help'], ['-h'], ['-h', `${srv.http}/get`], [`${srv.http}/get`, '-h']]) {
      const r = await cli(args);
      assert.equal(r.code, 0, args.join(' '));
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^httpxx \d+\.\d+\.\d+: an HTTP client for the command line/);
      for (const option of ['--method', '--params', '--headers', '--content', '--data', '--files', '--json',
        '--cookies', '--auth', '--auth-type', '--proxy', '--timeout', '--follow-redirects', '--no-verify',
        '--cacert', '--verbose', '--print', '--pretty', '--color', '--download', '--parallel', '--version']) {
        assert.ok(r.stdout.includes(option), `${option} missing from the help`);
      }
      assert.match(r.stdout, /\nexit status:\n {2}0 {3}/);
    }
  });

  test('docs/cli.md shows the help as it is', async () => {
    const r = await cli(['--help']);
    const doc = fs.readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
    const block = doc.match(/## Options\n\n```\n([\s\S]*?)```\n/);
    assert.ok(block, 'no help block under "## Options"');
    assert.equal(block[1], r.stdout, 'paste the output of httpxx --help into docs/cli.md');
  });

  test('--version prints the project version', async () => {
    const r = await cli(['--version']);
    assert.equal(r.code, 0);
    const pkg = fs.readFileSync(new URL('../../CMakeLists.txt', import.meta.url), 'utf8');
    const version = pkg.match(/project\(httpxx VERSION ([\d.]+)/)[1];
    assert.equal(r.stdout, `httpxx ${version}\n`);
  });
});
