// The setup most browser tests share: the test server (tests/server/), a static server for the
// page and what it loads, and headless Chromium, started before the file's tests and stopped
// after them. `skip` (a reason, or false) leaves them unstarted, for a file whose tests then say
// why they cannot run. The returned object's `srv`, `web` and `chromium` are set once started.
import { after, before } from 'node:test';
import { startServer } from '../../server/server.mjs';
import { launchChromium, serveStatic } from './chromium.mjs';

export function browserEnv({ mounts, page, ignoreHTTPSErrors = false, skip = false }) {
  const env = { srv: null, web: null, chromium: null };
  before(async () => {
    if (skip) return;
    env.srv = await startServer();
    env.web = await serveStatic(mounts, { page });
    env.chromium = await launchChromium({ ignoreHTTPSErrors });
  });
  after(async () => {
    await env.chromium?.close();
    await env.web?.close();
    await env.srv?.stop();
  });
  return env;
}
