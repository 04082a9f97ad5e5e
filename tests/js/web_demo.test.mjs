// End to end: the web demo in headless Chromium (Debian's chromium driven by
// playwright-core). Loads the page, starts the downloads, waits for them,
// checks the results in the DOM and saves a screenshot under test-output/.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startWebDemo } from '../../web-demo/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outputDir = path.join(root, 'test-output');
let demo;
let browser;
let profile;

before(async () => {
  demo = await startWebDemo({ jsDir: process.env.HTTPXX_JS_DIR });
  profile = mkdtempSync(path.join(os.tmpdir(), 'httpxx-web-demo-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.HTTPXX_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  await demo?.stop();
});

test('the web demo downloads in parallel, streams with progress and reports errors', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(demo.url);
  await page.click('#start');
  await page.waitForFunction(() => document.querySelector('#status').textContent !== 'downloading…'
    && document.querySelector('#status').textContent !== 'idle', null, { timeout: 30_000 });
  assert.equal(await page.textContent('#status'), 'done');

  const rows = await page.$$eval('#downloads tbody tr', (trs) => trs.map((tr) => ({
    name: tr.dataset.name,
    value: Number(tr.querySelector('progress').value),
    max: Number(tr.querySelector('progress').max),
    state: tr.querySelector('.state').textContent,
  })));
  const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
  for (const name of ['slow', 'medium', 'fast', 'large']) {
    assert.equal(byName[name].state, 'done', JSON.stringify(byName[name]));
    assert.equal(byName[name].value, byName[name].max, `${name} received every byte`);
  }
  assert.match(byName['too slow'].state, /^ReadTimeout: /);

  const order = await page.$$eval('#order li', (items) => items.map((li) => li.textContent));
  assert.equal(order.length, 5);
  // The drips finish in the order of their durations, whatever the others do.
  const drips = order.filter((name) => ['fast', 'medium', 'slow'].includes(name));
  assert.deepEqual(drips, ['fast', 'medium', 'slow']);
  assert.ok(order.indexOf('too slow') < order.indexOf('slow'), 'the timeout is reported early');
  assert.deepEqual(problems, []);

  mkdirSync(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, 'web-demo.png'), fullPage: true });
});
