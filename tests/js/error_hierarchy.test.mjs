// The error hierarchy has one source, lib/include/httpxx/errors.hpp; the JS
// module (httpxx.mjs, its `errorClasses` table) and its types (httpxx.d.ts)
// must declare the same classes with the same parents. The C++ root
// httpxx::Error is HttpxxError in JS.
// Run: node --test tests/js/error_hierarchy.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => readFileSync(path.join(root, file), 'utf8');

/** errors.hpp: name → parent, from HTTPXX_DECLARE_ERROR(Name, Base) and `class X : public Y`. */
function cppHierarchy() {
  const text = read('lib/include/httpxx/errors.hpp');
  const out = new Map();
  for (const m of text.matchAll(/^HTTPXX_DECLARE_ERROR\((\w+), (\w+)\);/gm)) out.set(m[1], m[2]);
  for (const m of text.matchAll(/^class (\w+) : public (\w+) \{/gm)) {
    if (m[1] !== 'Error') out.set(m[1], m[2]);
  }
  for (const [name, base] of out) if (base === 'Error') out.set(name, 'HttpxxError');
  return out;
}

/** `export class Name extends Base` in a JS or .d.ts text: name → parent. */
function jsHierarchy(text) {
  return new Map([...text.matchAll(/^export class (\w+) extends (\w+)/gm)].map((m) => [m[1], m[2]]));
}

// Classes JS has beyond C++'s: the root, and the two for C++ exceptions that are not httpxx's.
const jsOnly = new Map([['HttpxxError', 'Error'], ['InternalError', 'HttpxxError'], ['OutOfMemoryError', 'InternalError']]);

test('errors.hpp declares a hierarchy the check can read', () => {
  const cpp = cppHierarchy();
  assert.ok(cpp.size >= 25, `only ${cpp.size} classes read from errors.hpp`);
  assert.equal(cpp.get('ReadTimeout'), 'TimeoutException');
  assert.equal(cpp.get('HTTPStatusError'), 'HTTPError');
  assert.equal(cpp.get('HTTPError'), 'HttpxxError');
});

for (const [file, what] of [['platform/wasm/bindings/httpxx.mjs', 'the JS module'], ['types/httpxx.d.ts', 'the types']]) {
  test(`${what} (${file}) declares every error class of errors.hpp, with its parent`, () => {
    const js = jsHierarchy(read(file));
    // The classes descending from HttpxxError (and the root itself).
    const isError = (name) => name === 'HttpxxError' || (js.has(name) && isError(js.get(name)));
    const errors = new Map([...js].filter(([name]) => isError(name)));
    const expected = new Map([...cppHierarchy(), ...jsOnly]);
    assert.deepEqual(Object.fromEntries([...errors].sort()), Object.fromEntries([...expected].sort()));
  });
}

test("the JS module's errorClasses table names every class a C++ error can arrive as", () => {
  const text = read('platform/wasm/bindings/httpxx.mjs');
  const table = text.slice(text.indexOf('const errorClasses = {'), text.indexOf('};', text.indexOf('const errorClasses = {')));
  const names = new Set(table.replace('const errorClasses = {', '').split(',').map((s) => s.trim()).filter(Boolean));
  const expected = new Set([...cppHierarchy().keys(), 'InternalError', 'OutOfMemoryError']);
  assert.deepEqual([...names].sort(), [...expected].sort());
});
