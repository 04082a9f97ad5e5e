// types/httpxx.d.ts must not drift from the bindings (httpxx.mjs): the same
// exported values, the same option names; and a TypeScript file using every
// option compiles against it with `tsc --noEmit --strict`.
// Run: node --test tests/js/bindings_types.test.mjs
// The module comes from $HTTPXX_JS_DIR, else build/wasm/js (preset wasm).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const jsDir = process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js');
const modulePath = path.join(jsDir, 'httpxx.mjs');
const dts = readFileSync(path.join(root, 'types/httpxx.d.ts'), 'utf8');
const source = readFileSync(path.join(root, 'platform/wasm/bindings/httpxx.mjs'), 'utf8');

let httpxx;
before(async () => {
  assert.ok(existsSync(modulePath), `${modulePath} is missing: cmake --build --preset wasm --target httpxx_js`);
  httpxx = await import(pathToFileURL(modulePath));
});

/** The member names of `export interface name { ... }` in the .d.ts. */
function interfaceMembers(name) {
  const start = dts.indexOf(`export interface ${name} {`);
  assert.ok(start >= 0, `interface ${name} is missing from httpxx.d.ts`);
  const body = dts.slice(start, dts.indexOf('\n}', start));
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]).sort();
}

/** Option names (both spellings) of one kind, from httpxx.mjs's `optionNames` table. */
function moduleOptionNames(kind) {
  const table = source.slice(source.indexOf('const optionNames = {'), source.indexOf('\n};', source.indexOf('const optionNames = {')));
  const start = table.indexOf(`  ${kind}: {`);
  assert.ok(start >= 0, `optionNames.${kind} not found in httpxx.mjs`);
  const body = table.slice(start + kind.length + 5, table.indexOf('}', start));
  const names = [];
  for (const [, snake, alias] of body.matchAll(/(\w+): (?:'(\w+)'|null)/g)) names.push(snake, ...(alias ? [alias] : []));
  return names.sort();
}

test('the module exports exactly the values the .d.ts declares', () => {
  const declared = [...dts.matchAll(/^export (?:declare )?(?:class|function|const|let) (\w+)/gm)].map((m) => m[1]).sort();
  assert.deepEqual(Object.keys(httpxx).sort(), declared);
});

test('the .d.ts declares the option names httpxx.mjs accepts, for clients, requests, send() and parallels', () => {
  for (const [iface, kind] of [['ClientOptions', 'client'], ['RequestOptions', 'request'], ['SendOptions', 'send'], ['ParallelOptions', 'parallel']]) {
    assert.deepEqual(interfaceMembers(iface), moduleOptionNames(kind), `${iface} vs optionNames.${kind}`);
  }
});

test('every option name the .d.ts declares is accepted by the module (none is unknown)', async () => {
  const unknown = /unknown option/;
  for (const name of interfaceMembers('ClientOptions')) {
    assert.doesNotThrow(() => new httpxx.AsyncClient({ [name]: undefined }).close(), unknown, name);
  }
  const client = new httpxx.AsyncClient();
  for (const name of interfaceMembers('ParallelOptions')) {
    await assert.doesNotReject(client.parallel({ [name]: undefined }).close(), unknown, name);
  }
  const p = client.parallel();
  for (const name of interfaceMembers('RequestOptions')) {
    // An invalid URL fails after the options were read: any error but "unknown option" will do.
    assert.throws(() => p.get('http://exa mple/', { [name]: undefined }), (e) => !unknown.test(e.message), name);
  }
  const built = client.buildRequest('GET', 'http://127.0.0.1:1/');
  for (const name of interfaceMembers('SendOptions')) {
    // A refused connection: any error but "unknown option" will do.
    await assert.rejects(client.send(built, { [name]: undefined }), (e) => !unknown.test(e.message), name);
  }
  await p.close();
  await client.close();
});

test('a TypeScript program using every option compiles with tsc --noEmit --strict', async () => {
  const tsc = path.join(root, 'node_modules/.bin/tsc');
  assert.ok(existsSync(tsc), 'typescript is missing: npm ci');
  try {
    await promisify(execFile)(tsc, ['-p', path.join(root, 'tests/js/types'), '--noEmit', '--strict'], { cwd: root });
  } catch (e) {
    assert.fail(`tsc failed:\n${e.stdout}${e.stderr}`);
  }
});
