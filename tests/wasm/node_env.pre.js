// --pre-js for wasm test programs run under Node.js: getenv() sees the
// real environment (HTTPXX_TEST_HTTP, …) instead of Emscripten's defaults.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function() {
  if (typeof process !== 'undefined' && process.env) Object.assign(ENV, process.env);
});
