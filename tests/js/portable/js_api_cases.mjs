// The JS API's test cases, written once and run on both JS runtimes: under
// Node.js by tests/js/js_api_node.test.mjs and in headless Chromium by
// tests/js/js_api_browser.test.mjs, against the real test server.
//
// defineCases(test, env) registers each case with test(name, fn, { skip }):
//   env.httpxx     the module (httpxx.mjs)
//   env.moduleUrl  its URL (the private core, httpxx_core.mjs, is next to it)
//   env.base       the test server's http URL
//   env.refused    a URL where nothing listens
//   env.platform   'node' or 'browser'
// A case that cannot run on a platform says why in `skip`; a case whose
// result differs by platform branches on env.platform, with the reason, and
// asserts what that platform does.
//
// The cases live in one file per topic (cases_*.mjs), which import only
// check.mjs and helpers.mjs, by relative URLs: a page imports them from the
// same folder.
import { defineAuthCases } from './cases_auth.mjs';
import { defineBasicCases } from './cases_basics.mjs';
import { defineBodyCases } from './cases_bodies.mjs';
import { defineClientCases } from './cases_client.mjs';
import { defineCookieCases } from './cases_cookies.mjs';
import { defineOptionCases } from './cases_options.mjs';
import { defineResponseCases } from './cases_responses.mjs';

export function defineCases(test, env) {
  defineBasicCases(test, env);
  defineOptionCases(test, env);
  defineAuthCases(test, env);
  defineCookieCases(test, env);
  defineBodyCases(test, env);
  defineResponseCases(test, env);
  defineClientCases(test, env);
}
