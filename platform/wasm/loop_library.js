// The JavaScript half of httpxx::wasm::JsLoop (an Emscripten JS library,
// linked with --js-library): microtasks for posted callbacks, setTimeout for
// timers. C++ is called back through `_httpxx_wasm_drain()` and
// `_httpxx_wasm_timer(id)`.

mergeInto(LibraryManager.library, {
  $HttpxxLoop: {
    // timer id -> setTimeout handle (a plain object: the library serialiser
    // cannot carry a Map instance).
    timers: {},
  },

  httpxx_loop_schedule_drain__deps: ['$callUserCallback'],
  httpxx_loop_schedule_drain: function() {
    queueMicrotask(function() {
      callUserCallback(function() { _httpxx_wasm_drain(); });
    });
  },

  // Unlike emscripten_set_timeout/emscripten_clear_timeout (3.1.6), a
  // cancelled timer is really cleared and releases its hold on the runtime,
  // so a program exits as soon as its work is done.
  httpxx_loop_start_timer__deps: ['$HttpxxLoop', '$callUserCallback', '$runtimeKeepalivePush',
                                  '$runtimeKeepalivePop'],
  httpxx_loop_start_timer: function(id, ms) {
    runtimeKeepalivePush();
    HttpxxLoop.timers[id] = setTimeout(function() {
      delete HttpxxLoop.timers[id];
      runtimeKeepalivePop();
      callUserCallback(function() { _httpxx_wasm_timer(id); });
    }, ms);
  },

  httpxx_loop_cancel_timer__deps: ['$HttpxxLoop', '$runtimeKeepalivePop'],
  httpxx_loop_cancel_timer: function(id) {
    if (!(id in HttpxxLoop.timers)) return;
    clearTimeout(HttpxxLoop.timers[id]);
    delete HttpxxLoop.timers[id];
    runtimeKeepalivePop();
  },

  // 1 if this program was linked with -sASYNCIFY: then JsLoop::run_until
  // may yield to the JS event loop with emscripten_sleep and so block.
  httpxx_loop_can_block: function() {
#if ASYNCIFY
    return 1;
#else
    return 0;
#endif
  },
});
