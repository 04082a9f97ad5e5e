// Copies the built JS module (target httpxx_js) into dist/, the folder the
// npm package ships (package.json "exports" and "files"). Meant for the
// package's "prepack" script:
//
//   cmake --preset wasm && cmake --build --preset wasm --target httpxx_js
//   node platform/wasm/bindings/pack_dist.mjs [build/wasm/js]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const from = path.resolve(root, process.argv[2] ?? 'build/wasm/js');
const to = path.join(root, 'dist');
const files = ['httpxx.mjs', 'httpxx_core.mjs', 'httpxx_core.wasm'];

const missing = files.filter((f) => !fs.existsSync(path.join(from, f)));
if (missing.length) {
  console.error(`pack_dist: ${missing.join(', ')} missing in ${from}; build them first:\n` +
    '  cmake --preset wasm && cmake --build --preset wasm --target httpxx_js');
  process.exit(1);
}
fs.rmSync(to, { recursive: true, force: true });
fs.mkdirSync(to);
for (const f of files) fs.copyFileSync(path.join(from, f), path.join(to, f));
console.log(`pack_dist: ${files.join(', ')} -> ${path.relative(root, to)}/`);
