// The web demo: parallel downloads through httpxx's JS module, drawn as a
// waterfall, with the code that runs them.
//
// The module is loaded with a dynamic import so that the page can say it is
// loading, show an error if the module (or its .wasm) fails to load, and keep
// the Run button disabled until a client can actually be made. Once loaded,
// the page runs the default list by itself. <html data-state> tells scripts
// (and the end-to-end test) where the page is: loading, ready, running, done
// or failed.
import { cppCode, javascriptCode } from './code.mjs';
import { downloadAll } from './run.mjs';
import { Waterfall } from './waterfall.mjs';

// Paths on the demo server (the bundled test server; its routes follow
// httpbin's). The last one outlasts the default timeout: it shows how an
// error reads.
const DEFAULTS = {
  urls: [
    '/drip?numbytes=400000&duration=1.2&delay=0.3&chunks=24',
    '/stream-bytes/2000000?chunk_size=65536',
    '/delay/0.6',
    '/bytes/150000',
    '/drip?numbytes=60000&duration=0.8&chunks=16',
    '/status/404',
    '/delay/5',
    '/drip?numbytes=20000&duration=0.5&delay=0.2&chunks=10',
  ],
  max_concurrency: 3,
  timeout: 2000,
};

const $ = (selector) => document.querySelector(selector);
let baseUrl = null;

function setState(state, status) {
  document.documentElement.dataset.state = state;
  $('#status').textContent = status;
}

function describe(error) {
  return error && error.name ? `${error.name}: ${error.message}` : String(error);
}

function showDefaults() {
  $('#urls').value = DEFAULTS.urls.join('\n');
  $('#concurrency').value = String(DEFAULTS.max_concurrency);
  $('#timeout').value = String(DEFAULTS.timeout);
}

/** The form's settings for downloadAll(), or { problem } if they cannot run. */
function readSettings() {
  const urls = $('#urls').value.split('\n').map((line) => line.trim()).filter(Boolean);
  const concurrency = $('#concurrency').value.trim();
  const timeout = $('#timeout').value.trim();
  if (urls.length === 0) return { problem: 'add at least one URL' };
  if (!/^\d+$/.test(concurrency)) return { problem: 'max_concurrency must be a whole number (0: no limit)' };
  if (timeout !== '' && (!/^\d+$/.test(timeout) || Number(timeout) === 0)) {
    return { problem: 'the timeout must be a whole number of milliseconds, or empty for none' };
  }
  return {
    base_url: baseUrl,
    urls,
    timeout: timeout === '' ? null : Number(timeout),
    max_concurrency: Number(concurrency),
  };
}

function showCode(settings) {
  $('#code-js').textContent = javascriptCode(settings);
  $('#code-cpp').textContent = cppCode(settings);
}

/** Shows the code for the form as it is now; returns the settings, or null (the problem is shown). */
function refresh() {
  const settings = readSettings();
  $('#controls').classList.toggle('invalid', Boolean(settings.problem));
  $('#controls').title = settings.problem ?? '';
  if (settings.problem) return null;
  showCode(settings);
  return settings;
}

async function run(AsyncClient, waterfall) {
  const settings = refresh();
  if (!settings) {
    setState('ready', `cannot run: ${readSettings().problem}`);
    return;
  }
  const limit = settings.max_concurrency === 0 ? 'no limit' : `at most ${settings.max_concurrency} at once`;
  setState('running', `running ${settings.urls.length} requests, ${limit}…`);
  waterfall.start();
  try {
    await downloadAll(AsyncClient, settings, waterfall.view());
  } finally {
    waterfall.finish();
  }
  setState('done', `done: ${$('#summary').textContent}`);
}

async function load() {
  // Both the module (which instantiates the wasm) and the demo server's
  // address are needed before anything can run.
  const [httpxx, config] = await Promise.all([
    import('./httpxx/httpxx.mjs'),
    fetch('./config.json').then((r) => {
      if (!r.ok) throw new Error(`config.json: HTTP ${r.status}`);
      return r.json();
    }),
  ]);
  return { httpxx, config };
}

showDefaults();
load().then(({ httpxx, config }) => {
  baseUrl = config.api;
  $('#base').textContent = baseUrl;
  const waterfall = new Waterfall({
    list: $('#waterfall'), axis: $('#axis'), order: $('#order'), summary: $('#summary'),
  });
  const start = $('#start');
  const go = () => {
    start.disabled = true;
    run(httpxx.AsyncClient, waterfall).catch((error) => {
      setState('failed', `failed: ${describe(error)}`);
    }).finally(() => {
      start.disabled = false;
    });
  };
  $('#controls').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!start.disabled) go();
  });
  $('#controls').addEventListener('input', refresh);
  $('#defaults').addEventListener('click', () => {
    showDefaults();
    refresh();
  });
  setState('ready', 'ready');
  go();  // the first run starts by itself
}, (error) => {
  document.documentElement.classList.add('load-failed');
  setState('failed', `failed to load httpxx: ${describe(error)}`);
});
