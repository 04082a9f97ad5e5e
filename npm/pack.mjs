// Makes the npm package: the built JS module, its TypeScript declarations, the README for
// JavaScript users (npm/README.md) and the LICENSE, staged in build/npm-package with a
// package.json made from the repository's (without its scripts and development
// dependencies), then packed there. The repository root is not packed as it stands: npm always
// ships a package root's README, and the root's is the C++ library's.
//
//   cmake --preset wasm && cmake --build --preset wasm --target httpxx_js
//   npm run package [-- DESTINATION]          (or: node npm/pack.mjs [DESTINATION])
//
// Prints the tarball's path. Publishing: npm publish build/npm-package.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = path.join(root, 'build/npm-package');
const destination = path.resolve(process.argv[2] ?? '.');

// dist/: the module as built (pack_dist.mjs knows its files and says how to build them).
execFileSync(process.execPath, [path.join(root, 'platform/wasm/bindings/pack_dist.mjs')], { stdio: 'inherit' });

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const { scripts, devDependencies, private: _, ...published } = manifest;

fs.rmSync(stage, { recursive: true, force: true });
for (const file of published.files) {
  fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
  fs.copyFileSync(path.join(root, file), path.join(stage, file));
}
fs.copyFileSync(path.join(root, 'npm/README.md'), path.join(stage, 'README.md'));
fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(published, null, 2) + '\n');

fs.mkdirSync(destination, { recursive: true });
const out = execFileSync('npm', ['pack', stage, '--pack-destination', destination, '--ignore-scripts', '--json',
  '--loglevel=error'], { cwd: root, encoding: 'utf8' });
console.log(path.join(destination, JSON.parse(out)[0].filename));
