// --extern-pre-js of httpxx_core.mjs, an ES module. Emscripten 3.1.6's
// Node.js code path uses CommonJS `require` and `__dirname`, which ES modules
// lack: under Node.js they are made here from import.meta.url. Browsers and
// workers never reach that path.
let require;
let __dirname;
if (typeof process !== 'undefined' && process.versions && process.versions.node) {
  const { createRequire } = await import('node:module');
  const { dirname } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  require = createRequire(import.meta.url);
  __dirname = dirname(fileURLToPath(import.meta.url));
}
