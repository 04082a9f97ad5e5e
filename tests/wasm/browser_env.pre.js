// --pre-js of the browser flavour of the wasm API suite
// (httpxx_wasm_api_tests_browser, run by tests/js/api_browser.test.mjs).
//
// A page has no environment and no command line, so both come from the
// page's query string: every `arg` parameter is a doctest argument, every
// other parameter an environment variable (HTTPXX_TEST_HTTP, …).
// HTTPXX_TEST_RUNTIME=browser tells the suite where it runs (api::is_browser).
//
// The end of the run is announced on the console, after doctest's output,
// as "httpxx-test-exit <code>" (or "httpxx-test-abort <what>"): the driver
// waits for that line instead of guessing how long the suite takes.
(function() {
  var params = new URLSearchParams(location.search);
  var args = [];
  var env = {};
  params.forEach(function(value, name) {
    if (name === 'arg') {
      args.push(value);
    } else {
      env[name] = value;
    }
  });
  env['HTTPXX_TEST_RUNTIME'] = 'browser';
  Module['arguments'] = args;
  Module['preRun'] = Module['preRun'] || [];
  Module['preRun'].push(function() { Object.assign(ENV, env); });
})();

// exit() ends up here once stdout is flushed. So does the return of main()
// when it first sleeps (Asyncify unwinds it, and 3.1.6 treats that return as
// an exit, which Node's quit ignores while the runtime is kept alive): main
// is only paused while Asyncify holds its saved stack. Rethrowing keeps
// Emscripten's own unwinding (it expects quit to throw).
Module['quit'] = function(status, toThrow) {
  if (!Asyncify.currData) console.log('httpxx-test-exit ' + status);
  throw toThrow;
};
Module['onAbort'] = function(what) {
  console.log('httpxx-test-abort ' + what);
};
