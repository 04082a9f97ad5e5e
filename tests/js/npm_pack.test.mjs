// The npm package of the wasm module: `npm pack` makes the tarball (its
// prepack script copies the built module into dist/), a scratch project
// installs it, and a consumer script imports 'httpxx' and makes real
// requests against the test server.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let srv;
let work;

before(async () => {
  srv = await startServer();
  work = mkdtempSync(path.join(os.tmpdir(), 'httpxx-npm-'));
});
after(async () => {
  await srv?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'],
  { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('the packed npm module installs and works in a consumer project', async () => {
  npm(['pack', '--pack-destination', work], root);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'npm pack made no tarball');
  const listing = execFileSync('tar', ['-tzf', path.join(work, tarball)], { encoding: 'utf8' });
  for (const file of ['package/dist/httpxx.mjs', 'package/dist/httpxx_core.wasm', 'package/types/httpxx.d.ts']) {
    assert.ok(listing.includes(file), `${file} is not in the package`);
  }

  const consumer = path.join(work, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  npm(['install', '--offline', path.join(work, tarball)], consumer);
  writeFileSync(path.join(consumer, 'main.mjs'), `
    import { AsyncClient } from 'httpxx';
    const client = new AsyncClient({ base_url: process.argv[2] });
    const r = await client.get('/get', { params: { from: 'npm' } });
    const doc = await r.json();
    const p = client.parallel();
    p.get('/bytes/10'); p.get('/bytes/20');
    const sizes = (await p.gather()).length;
    await p.close();
    await client.close();
    console.log(JSON.stringify({ status: r.status, from: doc.args.from, sizes }));
  `);
  // Asynchronously: the test server runs in this process and must keep serving.
  const { stdout: out } = await promisify(execFile)(process.execPath, ['main.mjs', srv.http],
    { cwd: consumer, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), { status: 200, from: 'npm', sizes: 2 });
});
