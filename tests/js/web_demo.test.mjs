// End to end: the web demo in headless Chromium (Debian's chromium driven by
// playwright-core). Loads the page, starts the downloads, waits for them,
// checks the results in the DOM and saves a screenshot under test-output/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startWebDemo } from '../../web-demo/serve.mjs';
import { launchChromium } from './support/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outputDir = path.join(root, 'test-output');
let demo;
let chromium;

before(async () => {
  demo = await startWebDemo({ jsDir: process.env.HTTPXX_JS_DIR });
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
  await demo?.stop();
});

// What the page shows, as plain data: printed when a wait fails, so that a
// failure explains itself.
async function pageState(page, messages) {
  const dom = await page.evaluate(() => ({
    state: document.documentElement.dataset.state,
    status: document.querySelector('#status')?.textContent,
    startDisabled: document.querySelector('#start')?.disabled,
    rows: [...document.querySelectorAll('#downloads tbody tr')].map((tr) => ({
      name: tr.dataset.name,
      value: Number(tr.querySelector('progress').value),
      max: Number(tr.querySelector('progress').max),
      state: tr.querySelector('.state').textContent,
    })),
    order: [...document.querySelectorAll('#order li')].map((li) => li.textContent),
  })).catch((error) => ({ evaluateFailed: String(error) }));
  return { ...dom, messages };
}

// Waits until <html data-state> is one of `states`; on a timeout, fails with
// the page's whole state instead of playwright's bare "Timeout exceeded".
async function waitForState(page, messages, states, timeout) {
  try {
    await page.waitForFunction((wanted) => wanted.includes(document.documentElement.dataset.state),
      states, { timeout });
  } catch (error) {
    const state = await pageState(page, messages);
    throw new Error(`page never reached ${states.join('|')}: ${error.message}\n` +
      `page state: ${JSON.stringify(state, null, 2)}`);
  }
  return pageState(page, messages);
}

function watch(page) {
  const messages = [];
  page.on('console', (message) => messages.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => messages.push(
    `requestfailed: ${request.url()} ${request.failure()?.errorText}`));
  return messages;
}

test('the web demo says it is loading and enables its button only when httpxx is ready', async () => {
  const page = await chromium.context.newPage();
  const messages = watch(page);
  // Hold the module back: the page must stay in "loading" with the button
  // disabled for as long as the module is not there.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/httpxx/httpxx.mjs', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(demo.url);
  const loading = await pageState(page, messages);
  assert.equal(loading.state, 'loading', JSON.stringify(loading));
  assert.equal(loading.status, 'loading httpxx…');
  assert.equal(loading.startDisabled, true, 'the button is disabled while loading');
  release();
  const ready = await waitForState(page, messages, ['ready', 'failed'], 30_000);
  assert.equal(ready.state, 'ready', JSON.stringify(ready));
  assert.equal(ready.startDisabled, false);
  await page.close();
});

test('the web demo shows an error when the module cannot be loaded', async () => {
  const page = await chromium.context.newPage();
  const messages = watch(page);
  await page.route('**/httpxx/httpxx_core.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(demo.url);
  const failed = await waitForState(page, messages, ['failed', 'ready'], 30_000);
  assert.equal(failed.state, 'failed', JSON.stringify(failed));
  assert.match(failed.status, /^failed to load httpxx: /);
  assert.equal(failed.startDisabled, true, 'nothing can be started without the module');
  await page.close();
});

test('the web demo downloads in parallel, streams with progress and reports errors', async () => {
  const page = await chromium.context.newPage();
  const messages = watch(page);
  await page.goto(demo.url);
  // Readiness is explicit: the click comes only once the page says it can act on it.
  const ready = await waitForState(page, messages, ['ready', 'failed'], 30_000);
  assert.equal(ready.state, 'ready', JSON.stringify(ready));
  await page.click('#start');
  const end = await waitForState(page, messages, ['done', 'failed'], 30_000);
  assert.equal(end.status, 'done', JSON.stringify(end, null, 2));

  const byName = Object.fromEntries(end.rows.map((row) => [row.name, row]));
  for (const name of ['slow', 'medium', 'fast', 'large']) {
    assert.equal(byName[name].state, 'done', JSON.stringify(byName[name]));
    assert.equal(byName[name].value, byName[name].max, `${name} received every byte`);
  }
  assert.match(byName['too slow'].state, /^ReadTimeout: /);

  const { order } = end;
  assert.equal(order.length, 5);
  // The drips finish in the order of their durations, whatever the others do.
  const drips = order.filter((name) => ['fast', 'medium', 'slow'].includes(name));
  assert.deepEqual(drips, ['fast', 'medium', 'slow']);
  assert.ok(order.indexOf('too slow') < order.indexOf('slow'), 'the timeout is reported early');
  assert.deepEqual(messages.filter((m) => m.startsWith('pageerror')), []);

  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, 'web-demo.png'), fullPage: true });
  await page.close();
});
