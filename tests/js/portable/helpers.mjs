// Helpers shared by the portable case files (cases_*.mjs): they use only what
// both Node.js and a browser page have.

/** Collects an async iterable into an array. */
export async function collect(iterable) {
  const out = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/** Joins Uint8Arrays into one. */
export function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function makeHelpers(env) {
  const { httpxx, base } = env;
  const browser = env.platform === 'browser';

  /**
   * A case body run with a context whose client(options) makes an AsyncClient
   * on the test server (5 s timeout) and whose defer(fn) registers a cleanup.
   * Every client made and every deferred function is closed/run afterwards,
   * last first, whether the case passed or not; a cleanup failure fails a case
   * that passed otherwise, and never hides the case's own failure.
   */
  const run = (body) => async () => {
    const cleanups = [];
    const ctx = {
      client(options = {}) {
        const c = new httpxx.AsyncClient({ base_url: base, timeout: 5000, ...options });
        cleanups.push(() => c.close());
        return c;
      },
      defer(fn) {
        cleanups.push(fn);
      },
    };
    let failure = null;
    try {
      await body(ctx);
    } catch (error) {
      failure = { error };
    }
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  };

  /**
   * A fresh instance of the module's private core (httpxx_core.mjs, next to
   * httpxx.mjs), as a caller bypassing httpxx.mjs sees it. Under Node.js the
   * .wasm bytes are handed over as httpxx.mjs does; a page lets the core fetch
   * its .wasm next to itself.
   */
  const loadCore = async () => {
    const create = (await import(new URL('./httpxx_core.mjs', env.moduleUrl).href)).default;
    if (browser) return create({});
    const { readFile } = await import('node:fs/promises');
    return create({ wasmBinary: await readFile(new URL('./httpxx_core.wasm', env.moduleUrl)) });
  };

  return { httpxx, base, browser, run, loadCore };
}
