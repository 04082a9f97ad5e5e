// Tests of the command-line client `httpxx` (cli/): the built binary, run against the test server.
// The binary is build/native/cli/httpxx, or the path in HTTPXX_CLI.
// Run: node --test tests/js/cli.test.mjs

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BINARY = process.env.HTTPXX_CLI ?? path.join(root, 'build/native/cli/httpxx');
const ANSI = /\x1b\[/;

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

/**
 * Runs the CLI with its output piped (never spawnSync: the server lives in this process).
 * Resolves { code, stdout, stderr, ms }.
 */
function cli(args, { timeout = 20_000 } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: signal ? `signal ${signal}` : code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started,
      });
    });
  });
}

/** Splits the output of one exchange into its head lines and its body. */
function parts(stdout) {
  const blank = stdout.indexOf('\n\n');
  assert.ok(blank > 0, `no blank line after the head in:\n${stdout}`);
  return { head: stdout.slice(0, blank).split('\n'), body: stdout.slice(blank + 2) };
}

/** The echo document the server sent back, from the CLI's pretty-printed body. */
function echo(stdout) {
  return JSON.parse(parts(stdout).body);
}

describe('httpxx (the CLI) with piped output', () => {
  test('a GET prints the status line, the headers, a blank line and the JSON body indented by 4', async () => {
    const r = await cli([`${srv.http}/get`]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const { head, body } = parts(r.stdout);
    assert.equal(head[0], 'HTTP/1.1 200 OK');
    assert.ok(head.includes('Content-Type: application/json'), head.join('\n'));
    assert.match(body, /^\{\n {4}"method": "GET",\n {4}"url": "\/get",\n/);
    assert.equal(JSON.parse(body).path, '/get');
  });

  test('params and headers reach the server, repeated ones in order', async () => {
    const r = await cli([`${srv.http}/get`, '-p', 'q', 'c++', '--params', 'q', 'two words',
      '-H', 'X-Test', 'yes', '--headers', 'X-Other', 'a b']);
    assert.equal(r.code, 0, r.stderr);
    const doc = echo(r.stdout);
    assert.deepEqual(doc.args, { q: ['c++', 'two words'] });
    assert.equal(doc.headers['x-test'], 'yes');
    assert.equal(doc.headers['x-other'], 'a b');
  });

  test('--json sends a JSON body with POST by default', async () => {
    const r = await cli([`${srv.http}/post`, '--json', '{"name": "Ada", "tags": [1, 2.5, true, null]}']);
    assert.equal(r.code, 0, r.stderr);
    const doc = echo(r.stdout);
    assert.equal(doc.method, 'POST');
    assert.equal(doc.headers['content-type'], 'application/json');
    assert.deepEqual(doc.json, { name: 'Ada', tags: [1, 2.5, true, null] });
  });

  test('--data sends a form; -m picks the method', async () => {
    const r = await cli(['-m', 'put', `${srv.http}/put`, '--data', 'a', '1', '--data', 'b', 'x y', '--data', 'a', '2']);
    assert.equal(r.code, 0, r.stderr);
    const doc = echo(r.stdout);
    assert.equal(doc.method, 'PUT');
    assert.equal(doc.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(doc.form, { a: ['1', '2'], b: 'x y' });
  });

  test('--content sends the text as it is', async () => {
    const r = await cli([`${srv.http}/anything`, '--content', 'raw body\n', '--method', 'PATCH']);
    assert.equal(r.code, 0, r.stderr);
    const doc = echo(r.stdout);
    assert.equal(doc.method, 'PATCH');
    assert.equal(doc.body, 'raw body\n');
  });

  test('--auth sends Basic credentials (base64 with 0, 1 and 2 padding characters)', async () => {
    for (const [user, pass] of [['user', 'pass'], ['ab', 'cd'], ['a', 'bc'], ['Ada', 'pä ss:w']]) {
      const url = `${srv.http}/basic-auth/${encodeURIComponent(user)}/${encodeURIComponent(pass)}`;
      const r = await cli([url, '--auth', user, pass]);
      assert.equal(r.code, 0, `${user}:${pass}: ${r.stdout}${r.stderr}`);
      assert.deepEqual(echo(r.stdout), { authenticated: true, user });
    }
    const wrong = await cli([`${srv.http}/basic-auth/user/pass`, '--auth', 'user', 'nope']);
    assert.equal(wrong.code, 1, 'a 401 exits with 1');
    assert.equal(parts(wrong.stdout).head[0], 'HTTP/1.1 401 Unauthorized');
  });

  test('without --follow-redirects a redirect is printed and exits 1; with it, every head of the chain', async () => {
    const plain = await cli([`${srv.http}/redirect/2`]);
    assert.equal(plain.code, 1);
    assert.equal(plain.stdout.split('\n')[0], 'HTTP/1.1 302 Found');
    assert.ok(plain.stdout.includes('Location: /redirect/1'));

    const followed = await cli(['--follow-redirects', `${srv.http}/redirect/2`]);
    assert.equal(followed.code, 0, followed.stderr);
    const statusLines = followed.stdout.split('\n').filter((l) => l.startsWith('HTTP/1.1 '));
    assert.deepEqual(statusLines, ['HTTP/1.1 302 Found', 'HTTP/1.1 302 Found', 'HTTP/1.1 200 OK']);
    const body = followed.stdout.slice(followed.stdout.lastIndexOf('\n\n{') + 2);
    assert.equal(JSON.parse(body).path, '/get');
  });

  test('--timeout: a slow server gives one error line on stderr and exit status 1', async () => {
    const r = await cli(['--timeout', '0.3', `${srv.http}/delay-ms/5000`]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^error: ReadTimeout: .+\n$/);
    assert.ok(r.ms < 3000, `took ${r.ms} ms`);
  });

  test('request errors name their exception class', async () => {
    const invalid = await cli(['http://127.0.0.1:99999/']);
    assert.equal(invalid.code, 1);
    assert.equal(invalid.stdout, '');
    assert.match(invalid.stderr, /^error: InvalidURL: .*99999.*\n$/);

    const relative = await cli(['example.com/path']);
    assert.equal(relative.code, 1);
    assert.match(relative.stderr, /^error: UnsupportedProtocol: .+\n$/);

    const refused = await cli([`http://127.0.0.1:${srv.rawPort}/case/empty_response`]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error: RemoteProtocolError: .+\n$/);
  });

  test('--verify is the default (the test CA is not trusted); --no-verify accepts the certificate', async () => {
    const verified = await cli([`${srv.https}/get`]);
    assert.equal(verified.code, 1);
    assert.match(verified.stderr, /^error: ConnectError: .+\n$/);
    const unverified = await cli(['--no-verify', `${srv.https}/get`]);
    assert.equal(unverified.code, 0, unverified.stderr);
    assert.equal(echo(unverified.stdout).scheme, 'https');
  });

  test('usage errors exit with 2, a one-line reason and the short usage', async () => {
    const cases = [
      [[], /missing URL/],
      [['--bogus', `${srv.http}/get`], /no such option: --bogus/],
      [[`${srv.http}/get`, '-p', 'only-name'], /-p needs NAME VALUE/],
      [[`${srv.http}/get`, `${srv.http}/post`], /add --parallel/],
      [[`${srv.http}/post`, '--json', '{}', '--content', 'x'], /at most one of --json, --data and --content/],
      [[`${srv.http}/get`, '--timeout', 'soon'], /--timeout needs a positive number/],
      [[`${srv.http}/get`, '--timeout', '-1'], /--timeout needs a positive number/],
      [[`${srv.http}/post`, '--json', '{"a":'], /--json: invalid JSON/],
      [[`${srv.http}/get`, '--follow-redirects=yes'], /does not take '=VALUE'/],
      [['--parallel', '--download', 'f', `${srv.http}/get`], /cannot be combined/],
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

  test('--help prints every option and exits 0', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    for (const option of ['--method', '--params', '--headers', '--json', '--data', '--content', '--auth',
      '--follow-redirects', '--timeout', '--verify', '--no-verify', '--verbose', '--download', '--parallel', '--help']) {
      assert.ok(r.stdout.includes(option), `${option} missing from the help`);
    }
  });

  test('--name=value works for options of one value', async () => {
    const r = await cli([`${srv.http}/anything`, '--method=DELETE', '--timeout=2']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(echo(r.stdout).method, 'DELETE');
  });

  test('--download writes the exact bytes to the file, prints the head, and no progress when piped', async () => {
    const file = path.join(tmp, 'bytes.bin');
    const size = 300_000;
    const r = await cli(['--download', file, `${srv.http}/bytes/${size}`]);
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
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).gzipped, true);
  });

  test('--download into a missing directory is an error', async () => {
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

  test('--parallel reports each failure on its own line and exits 1', async () => {
    const r = await cli(['--parallel', '--timeout', '0.5', `${srv.http}/status/404`, `${srv.http}/delay-ms/5000`,
      'http://127.0.0.1:99999/', `${srv.http}/get`]);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 4, r.stdout);
    const byUrl = Object.fromEntries(lines.map((l) => [l.split(/\s+/)[0], l]));
    assert.match(byUrl[`${srv.http}/status/404`], /404 Not Found/);
    assert.match(byUrl[`${srv.http}/delay-ms/5000`], /error: ReadTimeout: /);
    assert.match(byUrl['http://127.0.0.1:99999/'], /error: InvalidURL: /);
    assert.match(byUrl[`${srv.http}/get`], /200 OK/);
    assert.equal(lines.at(-1).split(/\s+/)[0], `${srv.http}/delay-ms/5000`, 'the timeout finishes last');
  });

  test('-v shows the request head before the response head', async () => {
    const r = await cli(['-v', `${srv.http}/get`, '-p', 'x', '1', '-H', 'X-Test', 'yes']);
    assert.equal(r.code, 0, r.stderr);
    const blocks = r.stdout.split('\n\n');
    const request = blocks[0].split('\n');
    const response = blocks[1].split('\n');
    assert.equal(request[0], 'GET /get?x=1 HTTP/1.1');
    assert.ok(request.includes(`Host: 127.0.0.1:${srv.httpPort}`), blocks[0]);
    assert.ok(request.includes('X-Test: yes'), blocks[0]);
    assert.ok(request.some((l) => l.startsWith('User-Agent: httpxx/')), blocks[0]);
    assert.equal(response[0], 'HTTP/1.1 200 OK');
    assert.ok(response.includes('Content-Type: application/json'));
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

  test('bodies: text as it is, binary as a placeholder, HEAD as nothing', async () => {
    const text = await cli([`${srv.http}/status/404`]);
    assert.equal(parts(text.stdout).body, 'status 404\n');
    const binary = await cli([`${srv.http}/bytes/10`]);
    assert.equal(parts(binary.stdout).body, '<10 bytes of binary data>\n');
    const head = await cli(['-m', 'HEAD', `${srv.http}/get`]);
    assert.equal(head.code, 0);
    assert.equal(parts(head.stdout).body, '');
  });

  test('no ANSI escape ever reaches a pipe', async () => {
    const runs = await Promise.all([
      cli([`${srv.http}/get`]),
      cli(['-v', '--follow-redirects', `${srv.http}/redirect/1`]),
      cli([`${srv.http}/status/500`]),
      cli(['--download', path.join(tmp, 'ansi.bin'), `${srv.http}/drip?numbytes=400&duration=0.4&chunks=4`]),
      cli(['--parallel', `${srv.http}/get`, `${srv.http}/status/404`, `${srv.http}/bytes/100000`]),
      cli(['--timeout', '0.2', `${srv.http}/delay-ms/2000`]),
      cli(['--bogus']),
    ]);
    for (const r of runs) {
      assert.doesNotMatch(r.stdout, ANSI);
      assert.doesNotMatch(r.stderr, ANSI);
    }
  });
});

// `script` (util-linux) runs a command on a pseudo-terminal: stdout and stderr are both the tty.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
function onTerminal(args) {
  return new Promise((resolve, reject) => {
    const command = [BINARY, ...args].map(quote).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TERM: 'xterm', NO_COLOR: '' } });
    const out = [];
    child.stdout.on('data', (c) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(out).toString('utf8') }));
  });
}

describe('httpxx (the CLI) on a terminal', { skip: !hasScript && 'util-linux script is not installed' }, () => {
  test('the status is coloured by class and header names are cyan', async () => {
    const ok = await onTerminal([`${srv.http}/get`]);
    assert.equal(ok.code, 0);
    assert.ok(ok.output.includes('HTTP/1.1 \x1b[32m200 OK\x1b[0m'), ok.output);
    assert.ok(ok.output.includes('\x1b[36mContent-Type\x1b[0m: application/json'));
    const missing = await onTerminal([`${srv.http}/status/404`]);
    assert.ok(missing.output.includes('\x1b[31m404 Not Found\x1b[0m'));
    const redirect = await onTerminal([`${srv.http}/redirect/1`]);
    assert.ok(redirect.output.includes('\x1b[33m302 Found\x1b[0m'));
  });

  test('--download redraws a progress bar with bytes, rate and percentage', async () => {
    const file = path.join(tmp, 'tty.bin');
    const r = await onTerminal(['--download', file, `${srv.http}/bytes/2000000`]);
    assert.equal(r.code, 0, r.output);
    assert.equal(fs.statSync(file).size, 2_000_000);
    assert.match(r.output, /\x1b\[2K.*tty\.bin +\[#+\] 100% {2}1\.9 MiB {2}[\d.]+ [KMG]?i?B\/s {2}done in [\d.]+ s\r?\n/);
    // script's terminal reports no size, so the CLI assumes 80 columns: no line may wrap.
    for (const line of r.output.split(/\r?\n/).filter((l) => l.includes('\x1b[2K'))) {
      const frame = line.slice(line.lastIndexOf('\x1b[2K') + 4);
      assert.ok(frame.length <= 79, `${frame.length} columns: ${frame}`);
    }
  });

  test('--parallel draws one progress line per URL, then the summaries', async () => {
    const r = await onTerminal(['--parallel', `${srv.http}/delay-ms/300`, `${srv.http}/bytes/50000`]);
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /\x1b\[2A/, 'the block of two lines is redrawn in place');
    assert.match(r.output, /\/bytes\/50000 +\[#+\] 100%/);
    assert.match(r.output, /\/delay-ms\/300 +\[#+\] 100%/);
    assert.ok(r.output.indexOf(`${srv.http}/bytes/50000 `) < r.output.indexOf(`${srv.http}/delay-ms/300 `));
  });
});
