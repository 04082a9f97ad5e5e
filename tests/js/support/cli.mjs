// Helpers for the tests of the command-line client `httpxx` (cli.test.mjs, cli_terminal.test.mjs).
// The binary is build/native/cli/httpxx, or the path in HTTPXX_CLI.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BINARY = process.env.HTTPXX_CLI ?? path.join(root, 'build/native/cli/httpxx');
export const ANSI = /\x1b\[/;

/**
 * Runs the CLI with its output piped (never spawnSync: the server lives in this process).
 * `input` (a string or Buffer) is written to its stdin; without it stdin is closed.
 * Resolves { code, stdout, stderr, out (stdout as a Buffer), ms }.
 */
export function cli(args, { timeout = 20_000, input, env } = {}) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(BINARY, args, {
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      env: env ? { ...process.env, ...env } : process.env,
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out);
      resolve({
        code: signal ? `signal ${signal}` : code,
        out: stdout,
        stdout: stdout.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started,
      });
    });
  });
}

/** Splits the output of one exchange printed with `--print hb` into its head lines and its body. */
export function parts(stdout) {
  const blank = stdout.indexOf('\n\n');
  if (blank <= 0) throw new Error(`no blank line after the head in:\n${stdout}`);
  return { head: stdout.slice(0, blank).split('\n'), body: stdout.slice(blank + 2) };
}
