// The npm package of the wasm module: npm/pack.mjs makes the tarball (the
// built module, its types, the JS README and the LICENSE), a scratch project
// installs it, a consumer script imports 'httpxx' and makes real requests
// against the test server, and a TypeScript program compiles against it.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const tarball = execFileSync(process.execPath, [path.join(root, 'npm/pack.mjs'), work], { encoding: 'utf8' })
    .trim().split('\n').pop();
  assert.ok(tarball.endsWith('.tgz'), `npm/pack.mjs made no tarball: ${tarball}`);
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
  for (const file of ['package/dist/httpxx.mjs', 'package/dist/httpxx_core.wasm', 'package/types/httpxx.d.ts',
    'package/README.md', 'package/LICENSE']) {
    assert.ok(listing.includes(file), `${file} is not in the package`);
  }

  const consumer = path.join(work, 'consumer');
  execFileSync('mkdir', ['-p', consumer]);
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));
  npm(['install', '--offline', tarball], consumer);
  const installed = path.join(consumer, 'node_modules/httpxx');
  // The README is the one for JS users; the LICENSE is the repository's.
  const readme = readFileSync(path.join(installed, 'README.md'), 'utf8');
  for (const part of ['npm install httpxx', "from 'httpxx'", 'Node.js 20', 'top-level `await`', 'require(']) {
    assert.ok(readme.includes(part), `the package's README lacks ${part}`);
  }
  assert.ok(!readme.includes('cmake'), "the package's README is the C++ one");
  assert.equal(readFileSync(path.join(installed, 'LICENSE'), 'utf8'), readFileSync(path.join(root, 'LICENSE'), 'utf8'));

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

  // CommonJS, as the README says: require() fails, a dynamic import works.
  writeFileSync(path.join(consumer, 'main.cjs'), `
    try { require('httpxx'); console.log('require worked'); } catch (e) { console.log(e.code); }
    import('httpxx').then(async ({ AsyncClient }) => {
      const client = new AsyncClient();
      console.log((await client.get(process.argv[2] + '/get')).status);
      await client.close();
    });
  `);
  const { stdout: cjs } = await promisify(execFile)(process.execPath, ['main.cjs', srv.http],
    { cwd: consumer, encoding: 'utf8' });
  assert.match(cjs, /^ERR_REQUIRE_(ESM|ASYNC_MODULE)\n200\n$/);

  // TypeScript: the package's declarations, found through its "exports".
  writeFileSync(path.join(consumer, 'main.ts'), `
    import { AsyncClient, ReadTimeout, type Response } from 'httpxx';
    const client = new AsyncClient({ base_url: 'http://127.0.0.1:8000', timeout: { connect: 1000, read: null } });
    try {
      const r: Response = await client.get('/get', { params: { q: 'ts' } });
      const status: number = r.status;
      console.log(status, await r.json());
    } catch (e) {
      if (e instanceof ReadTimeout) console.log(e.request?.url);
    }
    await client.close();
  `);
  writeFileSync(path.join(consumer, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
      lib: ['es2022', 'dom', 'dom.iterable', 'dom.asynciterable'], types: [] },
    files: ['main.ts'],
  }));
  try {
    await promisify(execFile)(path.join(root, 'node_modules/.bin/tsc'), ['-p', consumer], { cwd: consumer });
  } catch (e) {
    assert.fail(`tsc failed against the installed package:\n${e.stdout}${e.stderr}`);
  }
});
