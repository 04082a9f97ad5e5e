// Tests of the command-line client `httpxx` (cli/) where a terminal matters: colours, the default
// output, progress bars redrawn in place (under util-linux `script` for the exact bytes, and in a
// real terminal, tmux, for what the screen shows), and `cmake --install` with the man page.
// The binary is build/native/cli/httpxx, or the path in HTTPXX_CLI.
// Run: node --test tests/js/cli_terminal.test.mjs

import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startServer } from '../server/server.mjs';
import { ANSI, BINARY } from './support/cli.mjs';

const run = promisify(execFile);
let srv;
let tmp;

before(async () => {
  assert.ok(fs.existsSync(BINARY), `${BINARY} is missing: build it with cmake --build --preset native`);
  srv = await startServer();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'httpxx-cli-tty-'));
});
after(async () => {
  await srv?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const has = (command, args = ['--version']) => spawnSync(command, args, { encoding: 'utf8' }).status === 0;
const quote = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
const ttyEnv = () => {
  const env = { ...process.env, TERM: 'xterm' };
  delete env.NO_COLOR;
  return env;
};

// `script` (util-linux) runs a command on a pseudo-terminal: stdout and stderr are both the tty.
function onTerminal(args) {
  return new Promise((resolve, reject) => {
    const command = [BINARY, ...args].map(quote).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'], env: ttyEnv() });
    const out = [];
    child.stdout.on('data', (c) => out.push(c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(out).toString('utf8') }));
  });
}

describe('httpxx (the CLI) on a pseudo-terminal (script)', { skip: !has('script') && 'util-linux script is not installed' }, () => {
  test('the head and the body are shown; the status is coloured by class and header names are cyan', async () => {
    const ok = await onTerminal([`${srv.http}/get`]);
    assert.equal(ok.code, 0);
    assert.ok(ok.output.includes('HTTP/1.1 \x1b[32m200 OK\x1b[0m'), ok.output);
    assert.ok(ok.output.includes('\x1b[36mContent-Type\x1b[0m: application/json'));
    assert.match(ok.output, /\{\r?\n {4}\x1b\[\d+m"method"/, 'JSON indented, keys coloured');
    const missing = await onTerminal([`${srv.http}/status/404`]);
    assert.ok(missing.output.includes('\x1b[31m404 Not Found\x1b[0m'));
    const redirect = await onTerminal([`${srv.http}/redirect/1`]);
    assert.ok(redirect.output.includes('\x1b[33m302 Found\x1b[0m'));
    const binary = await onTerminal([`${srv.http}/bytes/70000`]);
    assert.match(binary.output, /\r?\n<70000 bytes of binary data>\r?\n/);
  });

  test('--color never and --print b turn colours and the head off on a terminal', async () => {
    const never = await onTerminal(['--color=never', `${srv.http}/get`]);
    assert.doesNotMatch(never.output, ANSI);
    assert.match(never.output, /^HTTP\/1\.1 200 OK\r?\n/);
    const body = await onTerminal(['--print', 'b', '--color', 'never', `${srv.http}/get`]);
    assert.match(body.output, /^\{\r?\n {4}"method": "GET",/);
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

// A real terminal: a tmux server of its own (-L), one window 100 columns wide, a shell in it.
// Commands are typed with send-keys; the screen is read with capture-pane (-e keeps the colours).
const SOCKET = `httpxx-cli-test-${process.pid}`;
const tmux = (...args) => run('tmux', ['-L', SOCKET, ...args], { env: ttyEnv() });

/** Types `command` into the shell, waits until it has finished, and returns the screen and its exit status. */
async function typed(command, { colours = false } = {}) {
  await tmux('send-keys', '-t', 'cli', 'clear', 'Enter');
  await tmux('clear-history', '-t', 'cli');
  // The output is what comes between the lines "[start]" and "[exit N]" that the shell prints
  // around the command: however the typed line wraps (its length depends on the paths), the
  // markers' own output lines stand alone.
  await tmux('send-keys', '-t', 'cli', '-l', `echo "[start]"; ${command}; echo "[exit $?]"`);
  await tmux('send-keys', '-t', 'cli', 'Enter');
  for (let waited = 0; waited < 20_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { stdout } = await tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'cli', ...(colours ? ['-e'] : []));
    // -S - includes what scrolled off the screen.
    const starts = [...stdout.matchAll(/^\[start\]$/gm)];
    if (starts.length === 0) continue;
    const start = starts.at(-1);
    const output = stdout.slice(start.index + start[0].length + 1);
    const done = output.match(/^\[exit (\d+)\]/m);
    if (done) {
      const screen = output.slice(0, done.index).split('\n').map((l) => l.trimEnd()).join('\n');
      return { screen, code: Number(done[1]) };
    }
  }
  assert.fail(`no end of: ${command}`);
}

describe('httpxx (the CLI) in a real terminal (tmux)', { skip: !has('tmux', ['-V']) && 'tmux is not installed' }, () => {
  before(async () => {
    await tmux('new-session', '-d', '-s', 'cli', '-x', '100', '-y', '40', 'bash --norc --noprofile');
    await tmux('send-keys', '-t', 'cli', `PS1='$ '; cd ${quote(tmp)}`, 'Enter');
  });
  after(async () => {
    await tmux('kill-server').catch(() => {});
  });

  test('a GET shows the coloured head and the indented, coloured JSON body', async () => {
    const { screen, code } = await typed(`${BINARY} ${srv.http}/get`, { colours: true });
    assert.equal(code, 0, screen);
    assert.match(screen, /HTTP\/1\.1 \x1b\[32m200 OK/);
    assert.match(screen, /\x1b\[36mContent-Type\x1b\[(0|39)m: application\/json/);
    assert.match(screen, /^\{$/m);
    assert.match(screen, /^ {4}\x1b\[\d+m"method"/m);
  });

  test('NO_COLOR turns colours off, --color always turns them back on', async () => {
    const plain = await typed(`NO_COLOR=1 ${BINARY} ${srv.http}/status/404`, { colours: true });
    assert.equal(plain.code, 4);
    assert.match(plain.screen, /HTTP\/1\.1 404 Not Found/);
    assert.doesNotMatch(plain.screen.slice(plain.screen.indexOf('HTTP/1.1')), ANSI);
    const forced = await typed(`NO_COLOR=1 ${BINARY} --color always ${srv.http}/status/404`, { colours: true });
    assert.match(forced.screen, /HTTP\/1\.1 \x1b\[31m404 Not Found/);
  });

  test('piped into another command, only the body goes through', async () => {
    const { screen, code } = await typed(`${BINARY} ${srv.http}/get | head -c 200 | tr -d '\\n'; echo`);
    assert.equal(code, 0, screen);
    assert.doesNotMatch(screen, /HTTP\/1\.1/);
    assert.match(screen, /\{\s*"method": ?"GET"/);
  });

  test('--download leaves one finished progress line that fits the 100 columns', async () => {
    const { screen, code } = await typed(`${BINARY} --print h --download big.bin ${srv.http}/bytes/20000000`);
    assert.equal(code, 0, screen);
    assert.equal(fs.statSync(path.join(tmp, 'big.bin')).size, 20_000_000);
    const lines = screen.split('\n').filter((l) => l.startsWith('big.bin'));
    assert.equal(lines.length, 1, `redrawn in place, not repeated:\n${screen}`);
    assert.match(lines[0], /^big\.bin +\[#+\] 100% {2}19\.1 MiB {2}[\d.]+ [KMG]?i?B\/s {2}done in [\d.]+ s$/);
    assert.ok(lines[0].length <= 99, `${lines[0].length} columns`);
    assert.match(screen, /HTTP\/1\.1 200 OK\n/);
  });

  test('--parallel leaves one progress line per URL, then the summaries in completion order', async () => {
    const { screen, code } = await typed(
      `${BINARY} --parallel ${srv.http}/delay-ms/400 ${srv.http}/bytes/300000 ${srv.http}/status/404`);
    assert.equal(code, 4, screen);
    const progress = screen.split('\n').filter((l) => /^\/\S+ +\S/.test(l));
    assert.deepEqual(progress.map((l) => l.split(' ')[0]), ['/delay-ms/400', '/bytes/300000', '/status/404'], screen);
    const summaries = screen.split('\n').filter((l) => l.startsWith(srv.http));
    assert.equal(summaries.length, 3, screen);
    assert.match(summaries.at(-1), /\/delay-ms\/400 +200 OK/);
  });
});

describe('httpxx (the CLI) installed', () => {
  const build = path.resolve(path.dirname(BINARY), '..');
  const installable = fs.existsSync(path.join(build, 'cmake_install.cmake')) && has('cmake');

  test('cmake --install puts the CLI in bin/ and its man page in share/man/man1', { skip: !installable && 'no build tree' }, async () => {
    const prefix = path.join(tmp, 'prefix');
    await run('cmake', ['--install', build, '--component', 'cli', '--prefix', prefix]);
    const installed = path.join(prefix, 'bin/httpxx');
    const { stdout } = await run(installed, ['--version']);
    assert.match(stdout, /^httpxx \d+\.\d+\.\d+\n$/);
    const page = fs.readFileSync(path.join(prefix, 'share/man/man1/httpxx.1'), 'utf8');
    assert.match(page, /^\.TH HTTPXX 1 /m);
    // Every option of the help is in the man page.
    const help = (await run(installed, ['--help'])).stdout;
    const options = [...help.matchAll(/^ {2}(?:-\S+, )*(?: {4})?--([a-z0-9-]+)/gm)].map((m) => m[1]);
    assert.ok(options.length >= 20, help);
    for (const option of options) assert.ok(page.includes(`\\fB\\-\\-${option.replace(/-/g, '\\-')}\\fR`), option);

    if (has('man', ['--version'])) {
      const rendered = await run('man', ['-l', path.join(prefix, 'share/man/man1/httpxx.1')],
        { env: { ...process.env, MANWIDTH: '80', MANPAGER: 'cat', PAGER: 'cat' } });
      const text = rendered.stdout.replace(/.\x08/g, '');
      assert.match(text, /EXIT STATUS/);
      assert.match(text, /--auth-type basic\|digest/);
    }
  });
});
