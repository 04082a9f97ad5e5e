// The command line of the F programs (bench/wasm_fetch.mjs under Node.js,
// bench/wasm_fetch_browser.mjs in Chromium):
//
//   node PROGRAM httpxx|fetch URL COUNT CONC [--expect BYTES] [--js-dir DIR]
//
// (bench/wasm_fetch.mjs also takes node-http: Node's own http.request, a reference below fetch.)
// The module comes from --js-dir, else $HTTPXX_JS_DIR, else build/wasm/js.
// A bad command line prints the usage and exits 2.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * { which, url, count, conc, expect, jsDir } from `argv`; `program` names the usage line,
 * `clients` the contenders it runs.
 */
export function parseFetchArgs(argv, program, clients = ['httpxx', 'fetch']) {
  const positional = [];
  const opts = { expect: -1, jsDir: process.env.HTTPXX_JS_DIR ?? path.join(root, 'build/wasm/js') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--expect') opts.expect = Number(argv[++i]);
    else if (argv[i] === '--js-dir') opts.jsDir = path.resolve(argv[++i]);
    else positional.push(argv[i]);
  }
  const [which, url, count, conc] = positional;
  if (!clients.includes(which) || !url || !(Number(count) > 0) || !(Number(conc) > 0)) {
    process.stderr.write(`usage: node ${program} ${clients.join('|')} URL COUNT CONC [--expect BYTES] [--js-dir DIR]\n`);
    process.exit(2);
  }
  return { which, url, count: Number(count), conc: Number(conc), ...opts };
}
