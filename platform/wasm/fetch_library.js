// The JavaScript half of httpxx's Fetch transport (an Emscripten JS library,
// linked with --js-library). One fetch per id; the C++ half (fetch_call.cpp)
// owns the ids and is told about progress through exported functions:
//
//   _httpxx_fetch_on_head(id, status, statusText, statusTextLen, headers,
//                         headersLen, url, urlLen, hasBody)
//   _httpxx_fetch_on_chunk(id, data, len)      one reader.read() result
//   _httpxx_fetch_on_end(id)                   the body is complete
//   _httpxx_fetch_on_error(id, kind, msg, len) kind: 0 network, 1 bad request
//   _httpxx_fetch_on_pull(id)                  a streamed request body wants a piece
//
// Every callback runs from a promise reaction (never inside a call from C++),
// and only while the id is still in `calls`: httpxx_fetch_abort removes it
// first, so an aborted fetch never calls back.

var HttpxxFetchLibrary = {
  $HttpxxFetch__deps: ['$callUserCallback', '$runtimeKeepalivePush', '$runtimeKeepalivePop',
                       'malloc', 'free'],
  $HttpxxFetch: {
    // id -> { controller, reader }. A plain object: the library serialiser
    // cannot carry a Map instance.
    calls: {},

    // Under Node.js, redirect: 'manual' returns the real 3xx response, so
    // httpxx follows redirects itself. Browsers only give an opaque
    // response for it, so there fetch follows them.
    isNode: function() {
      return typeof process !== 'undefined' && !!process.versions && !!process.versions.node;
    },

    // Hop-by-hop and computed fields: fetch sets them itself (browsers drop
    // them silently, undici rejects some of them). In browsers also
    // User-Agent: the browser sends its own, and a script-set one would make
    // every cross-origin request need a CORS preflight.
    skipsRequestHeader: function(name) {
      name = name.toLowerCase();
      if (['connection', 'content-length', 'expect', 'host', 'keep-alive', 'transfer-encoding',
           'upgrade'].indexOf(name) >= 0) {
        return true;
      }
      return name === 'user-agent' && !HttpxxFetch.isNode();
    },

    // Header fields and status texts are byte strings: one byte per char.
    latin1: function(ptr, len) {
      var s = '';
      for (var i = 0; i < len; i += 8192) {
        s += String.fromCharCode.apply(null, HEAPU8.subarray(ptr + i, ptr + Math.min(len, i + 8192)));
      }
      return s;
    },
    latin1Bytes: function(s) {
      var out = new Uint8Array(s.length);
      for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
      return out;
    },

    // Calls `fn(ptr, len)` with `bytes` copied into the wasm heap.
    withBytes: function(bytes, fn) {
      var ptr = _malloc(Math.max(bytes.length, 1));
      HEAPU8.set(bytes, ptr);
      try {
        fn(ptr, bytes.length);
      } finally {
        _free(ptr);
      }
    },

    // The JS error's message, with undici's underlying cause ("fetch
    // failed: connect ECONNREFUSED 127.0.0.1:9").
    message: function(e) {
      var text = (e && e.message) ? String(e.message) : String(e);
      if (e && e.cause && e.cause.message && text.indexOf(e.cause.message) < 0) {
        text += ': ' + e.cause.message;
      }
      return text;
    },

    // Forgets a call; later promise reactions of it find nothing.
    release: function(id) {
      if (!(id in HttpxxFetch.calls)) return false;
      delete HttpxxFetch.calls[id];
      runtimeKeepalivePop();
      return true;
    },

    fail: function(id, kind, e) {
      if (!HttpxxFetch.release(id)) return;
      var bytes = new TextEncoder().encode(HttpxxFetch.message(e));
      callUserCallback(function() {
        HttpxxFetch.withBytes(bytes, function(ptr, len) { _httpxx_fetch_on_error(id, kind, ptr, len); });
      });
    },

    head: function(id, response) {
      var call = HttpxxFetch.calls[id];
      if (!call) return;
      var fields = [];
      response.headers.forEach(function(value, name) {
        if (name !== 'set-cookie') fields.push(name, value);
      });
      if (typeof response.headers.getSetCookie === 'function') {
        response.headers.getSetCookie().forEach(function(value) { fields.push('set-cookie', value); });
      }
      var hasBody = response.body !== null;
      if (hasBody) {
        call.reader = response.body.getReader();
      } else {
        HttpxxFetch.release(id);
      }
      var headers = HttpxxFetch.latin1Bytes(fields.join('\n'));
      var statusText = HttpxxFetch.latin1Bytes(response.statusText || '');
      var url = HttpxxFetch.latin1Bytes(response.url || '');
      callUserCallback(function() {
        HttpxxFetch.withBytes(statusText, function(st, stLen) {
          HttpxxFetch.withBytes(headers, function(h, hLen) {
            HttpxxFetch.withBytes(url, function(u, uLen) {
              _httpxx_fetch_on_head(id, response.status, st, stLen, h, hLen, u, uLen, hasBody ? 1 : 0);
            });
          });
        });
      });
    },
  },

  httpxx_fetch_follows_redirects__deps: ['$HttpxxFetch'],
  httpxx_fetch_follows_redirects: function() {
    return HttpxxFetch.isNode() ? 0 : 1;
  },

  // True where fetch() takes a ReadableStream request body (duplex: 'half')
  // over HTTP/1.1: Node.js (undici). Chromium streams uploads only over
  // HTTP/2 and others not at all, so browsers get the collected body.
  httpxx_fetch_streams_uploads__deps: ['$HttpxxFetch'],
  httpxx_fetch_streams_uploads: function() {
    return HttpxxFetch.isNode() ? 1 : 0;
  },

  // Starts a fetch. `headers` holds "name\nvalue\n" pairs (latin-1). With
  // `streamed`, the body is a ReadableStream whose every pull() asks C++
  // for a piece (_httpxx_fetch_on_pull); C++ answers with
  // httpxx_fetch_push / httpxx_fetch_push_end.
  httpxx_fetch_start__deps: ['$HttpxxFetch'],
  httpxx_fetch_start: function(id, method, url, urlLen, headers, headersLen, body, bodyLen,
                               streamed) {
    var init = {
      method: HttpxxFetch.latin1(method, HEAPU8.indexOf(0, method) - method),
      headers: [],
      redirect: HttpxxFetch.isNode() ? 'manual' : 'follow',
      credentials: 'same-origin',
    };
    var lines = HttpxxFetch.latin1(headers, headersLen).split('\n');
    for (var i = 0; i + 1 < lines.length; i += 2) {
      if (!HttpxxFetch.skipsRequestHeader(lines[i])) {
        init.headers.push([lines[i], lines[i + 1]]);
      }
    }
    if (bodyLen > 0) init.body = HEAPU8.slice(body, body + bodyLen);
    var controller = new AbortController();
    init.signal = controller.signal;
    HttpxxFetch.calls[id] = { controller: controller, reader: null, pull: null };
    if (streamed) {
      init.duplex = 'half';
      init.body = new ReadableStream({
        pull: function(stream) {
          return new Promise(function(resolve) {
            var call = HttpxxFetch.calls[id];
            if (!call) return;  // aborted: the fetch is gone with the stream
            call.pull = { stream: stream, resolve: resolve };
            callUserCallback(function() { _httpxx_fetch_on_pull(id); });
          });
        },
      }, { highWaterMark: 0 });
    }
    runtimeKeepalivePush();
    var request;
    try {
      request = new Request(HttpxxFetch.latin1(url, urlLen), init);
    } catch (e) {
      // Reported later, as every outcome is: C++ is not re-entered from here.
      Promise.resolve().then(function() { HttpxxFetch.fail(id, 1, e); });
      return;
    }
    fetch(request).then(function(response) { HttpxxFetch.head(id, response); },
                        function(e) { HttpxxFetch.fail(id, 0, e); });
  },

  // Reads the next chunk: exactly one reader.read() that yields bytes (empty
  // chunks are skipped), so nothing is read before C++ asks for it.
  httpxx_fetch_read__deps: ['$HttpxxFetch'],
  httpxx_fetch_read: function(id) {
    var call = HttpxxFetch.calls[id];
    if (!call || !call.reader) return;
    var step = function(result) {
      if (!(id in HttpxxFetch.calls)) return;
      if (result.done) {
        HttpxxFetch.release(id);
        callUserCallback(function() { _httpxx_fetch_on_end(id); });
        return;
      }
      if (result.value.length === 0) {
        call.reader.read().then(step, function(e) { HttpxxFetch.fail(id, 0, e); });
        return;
      }
      callUserCallback(function() {
        HttpxxFetch.withBytes(result.value, function(ptr, len) { _httpxx_fetch_on_chunk(id, ptr, len); });
      });
    };
    call.reader.read().then(step, function(e) { HttpxxFetch.fail(id, 0, e); });
  },

  // Answers the pending pull() of a streamed request body: `len` bytes, or
  // with `end`, the end of the body.
  httpxx_fetch_push__deps: ['$HttpxxFetch'],
  httpxx_fetch_push: function(id, data, len, end) {
    var call = HttpxxFetch.calls[id];
    if (!call || !call.pull) return;
    var pull = call.pull;
    call.pull = null;
    if (end) {
      pull.stream.close();
    } else {
      pull.stream.enqueue(HEAPU8.slice(data, data + len));
    }
    pull.resolve();
  },

  // Aborts a fetch (connection dropped, body stream cancelled). Harmless for
  // an unknown or finished id. No callback follows.
  httpxx_fetch_abort__deps: ['$HttpxxFetch'],
  httpxx_fetch_abort: function(id) {
    var call = HttpxxFetch.calls[id];
    if (!HttpxxFetch.release(id)) return;
    call.controller.abort();
    // The reader's pending read() rejects with an AbortError; nobody listens.
    if (call.reader) call.reader.cancel().catch(function() {});
  },
};

mergeInto(LibraryManager.library, HttpxxFetchLibrary);
