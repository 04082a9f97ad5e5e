// The JavaScript half of httpxx's Fetch transport (an Emscripten JS library,
// linked with --js-library). One fetch per id; the C++ half (fetch_call.cpp)
// owns the ids and is told about progress through exported functions:
//
//   _httpxx_fetch_head_buffer(id, size)   where to write the next head
//   _httpxx_fetch_on_head(id, status, versionLen, statusLen, urlLen,
//                         headersLen, bodyLen, flags)
//       the head buffer holds `bodyLen` body bytes, then, one byte per
//       char: the HTTP version ("HTTP/2"; empty when the runtime does not
//       say, see `versionOf`), the status text, the URL and the header
//       fields as "name\nvalue\n" lines.
//       flags: 1 the response has a body, 2 the whole body is included
//       (fetches started with WHOLE: no chunk events follow).
//   _httpxx_fetch_on_chunk(id, data, len)      body bytes (at most 64 KiB)
//   _httpxx_fetch_on_end(id)                   the body is complete
//   _httpxx_fetch_on_error(id, kind, msg, len) kind: a FetchFailure (fetch_call.hpp)
//   _httpxx_fetch_on_pull(id)                  a streamed request body wants a piece
//
// Every callback runs from a promise reaction or a timer (never inside a
// call from C++), and only while the id is still in `calls`:
// httpxx_fetch_abort removes it first, so an aborted fetch never calls back.

var HttpxxFetchLibrary = {
  $HttpxxFetch__deps: ['$callUserCallback', '$runtimeKeepalivePush', '$runtimeKeepalivePop',
                       '$HttpxxNode', 'malloc', 'free'],
  $HttpxxFetch: {
    // id -> { controller, reader, pull, rest, timer, ... }. A plain object:
    // the library serialiser cannot carry a Map instance.
    calls: {},

    // Flags of httpxx_fetch_start, as in fetch_call.cpp.
    STREAMED_UPLOAD: 1,
    WHOLE: 2,
    HEAD_IS_CONNECT: 4,

    // FetchFailure (fetch_call.hpp): which httpxx error a failure becomes.
    CONNECT: 0,
    BAD_REQUEST: 1,
    REMOTE_PROTOCOL: 2,
    DECODING: 3,
    READ: 4,
    WRITE: 5,
    CONNECT_TIMEOUT: 6,
    READ_TIMEOUT: 7,
    TOO_LARGE: 8,

    // The largest chunk handed to C++: a reader may yield far larger ones
    // (undici passes on what the socket gave), and a streamed body's chunks
    // stay bounded as natively (read_buffer_size).
    MAX_CHUNK: 65536,

    // Under Node.js, redirect: 'manual' returns the real 3xx response, so
    // httpxx follows redirects itself. Browsers only give an opaque
    // response for it, so there fetch follows them.
    node: null,
    isNode: function() {
      if (HttpxxFetch.node === null) {
        HttpxxFetch.node =
            typeof process !== 'undefined' && !!process.versions && !!process.versions.node;
      }
      return HttpxxFetch.node;
    },

    // Hop-by-hop and computed fields: fetch sets them itself (browsers drop
    // them silently, undici rejects some of them). In browsers also
    // User-Agent: the browser sends its own, and a script-set one would make
    // every cross-origin request need a CORS preflight.
    skipped: {
      'connection': 1, 'content-length': 1, 'expect': 1, 'host': 1, 'keep-alive': 1,
      'transfer-encoding': 1, 'upgrade': 1,
    },
    skipsRequestHeader: function(name) {
      name = name.toLowerCase();
      if (HttpxxFetch.skipped[name] === 1) return true;
      return name === 'user-agent' && !HttpxxFetch.isNode();
    },

    // The HTTP version of a browser's response. fetch() does not say it; the
    // Resource Timing API does, in each entry's nextHopProtocol ("h2",
    // "http/1.1", …), with three limits: the entry of a fetch is added only
    // once its body is complete; a cross-origin response without
    // Timing-Allow-Origin reports ""; the page's timeline buffer is bounded
    // (250 entries by default). So one PerformanceObserver, which sees every
    // entry whatever the buffer holds (the buffer is read once, at the start,
    // and never resized nor cleared here), keeps the last protocol reported
    // for each origin, the page's own origin starting with its navigation's.
    // A response gets its origin's when its head is handed to C++: a body
    // read whole is complete by then, so its own entry is among them (taken
    // with takeRecords(), before the observer's callback runs; Chromium has
    // added it by the time the reader is done); a streamed one gets what
    // earlier responses of the origin reported. An entry is filed under its
    // first URL: after a redirect to another origin, the protocol is the
    // final hop's. Unknown: "". Nothing waits for an entry.
    // null: not started; false: the runtime has no resource timing.
    timing: null,
    // At most this many origins are remembered (the least recently reported
    // is forgotten first).
    MAX_ORIGINS: 256,

    // "HTTP/2" for the ALPN name "h2", …; "" for what is not a known version.
    alpnVersion: function(protocol) {
      switch (protocol) {
        case 'http/1.1': return 'HTTP/1.1';
        case 'h2': case 'h2c': return 'HTTP/2';
        case 'h3': return 'HTTP/3';
        case 'http/1.0': return 'HTTP/1.0';
        case 'http/0.9': return 'HTTP/0.9';
      }
      return protocol.indexOf('h3-') === 0 ? 'HTTP/3' : '';  // drafts of HTTP/3
    },

    // "https://host:port" of an absolute URL as the browser serialises it
    // (scheme and host in lower case, no default port, no credentials).
    originOf: function(url) {
      var m = /^[a-z][a-z0-9+.-]*:\/\/[^\/?#]*/i.exec(url);
      return m ? m[0] : '';
    },

    learn: function(entries) {
      var origins = HttpxxFetch.timing.origins;
      for (var i = 0; i < entries.length; i++) {
        var version = HttpxxFetch.alpnVersion(entries[i].nextHopProtocol || '');
        var origin = version ? HttpxxFetch.originOf(entries[i].name) : '';
        if (!origin) continue;
        origins.delete(origin);  // set again below: the order is that of the reports
        origins.set(origin, version);
        if (origins.size > HttpxxFetch.MAX_ORIGINS) origins.delete(origins.keys().next().value);
      }
    },

    // Starts watching resource timing (browsers; once, before the first fetch).
    startTiming: function() {
      if (HttpxxFetch.timing !== null) return;
      HttpxxFetch.timing = false;
      try {
        if (typeof PerformanceObserver !== 'function' || typeof performance === 'undefined' ||
            (PerformanceObserver.supportedEntryTypes || []).indexOf('resource') < 0) {
          return;
        }
        var timing = { observer: null, origins: new Map() };
        HttpxxFetch.timing = timing;
        if (performance.getEntriesByType) {
          HttpxxFetch.learn(performance.getEntriesByType('navigation'));
        }
        timing.observer = new PerformanceObserver(function(list) {
          HttpxxFetch.learn(list.getEntries());
        });
        timing.observer.observe({ type: 'resource', buffered: true });
      } catch (e) {
        HttpxxFetch.timing = false;
      }
    },

    // The version of a response: node_http_library.js reads it from the
    // wire; in browsers, the last one resource timing reported for its
    // origin, or "".
    versionOf: function(response, url) {
      if (response.httpVersion !== undefined) return response.httpVersion;
      var timing = HttpxxFetch.timing;
      if (!timing) return '';
      HttpxxFetch.learn(timing.observer.takeRecords());
      return timing.origins.get(HttpxxFetch.originOf(url)) || '';
    },

    // Header fields and status texts are byte strings: one byte per char.
    latin1: function(ptr, len) {
      var s = '';
      for (var i = 0; i < len; i += 8192) {
        s += String.fromCharCode.apply(null, HEAPU8.subarray(ptr + i, ptr + Math.min(len, i + 8192)));
      }
      return s;
    },

    encoder: null,
    // Writes the byte string `s` at `ptr`: TextEncoder's native copy when
    // it is ASCII (the usual case), else char by char.
    writeLatin1: function(s, ptr) {
      if (!/[^\x00-\x7f]/.test(s)) {
        if (!HttpxxFetch.encoder) HttpxxFetch.encoder = new TextEncoder();
        HttpxxFetch.encoder.encodeInto(s, HEAPU8.subarray(ptr, ptr + s.length));
        return;
      }
      for (var i = 0; i < s.length; i++) HEAPU8[ptr + i] = s.charCodeAt(i) & 0xff;
    },

    // The JS error's message, with undici's underlying cause and its code
    // ("fetch failed: connect ECONNREFUSED 127.0.0.1:9").
    message: function(e) {
      var text = (e && e.message) ? String(e.message) : String(e);
      var cause = e && e.cause;
      if (cause && cause.message && text.indexOf(cause.message) < 0) {
        text += ': ' + cause.message;
      }
      if (cause && cause.code && text.indexOf(String(cause.code)) < 0) {
        text += ' (' + cause.code + ')';
      }
      if (e && e.code && text.indexOf(String(e.code)) < 0) text += ' (' + e.code + ')';
      return text;
    },

    // Which httpxx error a rejected fetch() or read() is. Node.js (undici)
    // says what happened in `cause` (and its causes); browsers give an
    // opaque TypeError, which becomes ConnectError before the head and
    // ReadError after it, as do causes not recognised here.
    failureOf: function(e, beforeHead) {
      if (e && e.httpxxKind !== undefined) return e.httpxxKind;  // node_http_library.js
      for (var c = e && e.cause, depth = 0; c && depth < 4; c = c.cause, depth++) {
        var code = String(c.code || '');
        var name = String(c.name || '');
        // llhttp's codes (HTTPParserError), undici's own protocol checks, a
        // peer that closed before the message was complete ("other side
        // closed", "bad response"), and the assertion a one-digit status
        // trips: the server broke HTTP.
        if (code.indexOf('HPE_') === 0 || name === 'HTTPParserError' ||
            code === 'UND_ERR_HEADERS_OVERFLOW' || code === 'UND_ERR_SOCKET' ||
            code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || code === 'UND_ERR_INFO' ||
            code === 'ERR_ASSERTION' || name === 'AssertionError') {
          return HttpxxFetch.REMOTE_PROTOCOL;
        }
        // zlib (Z_DATA_ERROR, Z_BUF_ERROR, …) and brotli (ERR__ERROR_FORMAT_…).
        if (code.indexOf('Z_') === 0 || code.indexOf('ERR__ERROR_') === 0 ||
            code.indexOf('ERR_BROTLI') === 0) {
          return HttpxxFetch.DECODING;
        }
        if (code === 'UND_ERR_CONNECT_TIMEOUT') return HttpxxFetch.CONNECT_TIMEOUT;
        if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
          return HttpxxFetch.READ_TIMEOUT;
        }
        if (code === 'ECONNRESET' || code === 'ECONNABORTED') return HttpxxFetch.READ;
        if (code === 'EPIPE') return HttpxxFetch.WRITE;
        if (/^(ECONNREFUSED|ENOTFOUND|EAI_|EHOST|ENET|EADDR|UND_ERR_CONNECT)/.test(code) ||
            /CERT|SSL|TLS|UNABLE_TO_|SELF_SIGNED/.test(code)) {
          return HttpxxFetch.CONNECT;
        }
      }
      return beforeHead ? HttpxxFetch.CONNECT : HttpxxFetch.READ;
    },

    // Forgets a call (and its timer); later promise reactions of it find
    // nothing.
    release: function(id) {
      var call = HttpxxFetch.calls[id];
      if (!call) return false;
      if (call.timer) clearTimeout(call.timer);
      delete HttpxxFetch.calls[id];
      runtimeKeepalivePop();
      return true;
    },

    report: function(id, kind, text) {
      var bytes = new TextEncoder().encode(text);
      callUserCallback(function() {
        var ptr = _malloc(Math.max(bytes.length, 1));
        HEAPU8.set(bytes, ptr);
        try {
          _httpxx_fetch_on_error(id, kind, ptr, bytes.length);
        } finally {
          _free(ptr);
        }
      });
    },

    fail: function(id, kind, e) {
      if (!HttpxxFetch.release(id)) return;
      HttpxxFetch.report(id, kind, HttpxxFetch.message(e));
    },

    // Ends a call that C++ will not hear from again (a timeout, the size
    // limit) and reports `kind`.
    stop: function(id, kind, text) {
      var call = HttpxxFetch.calls[id];
      if (!HttpxxFetch.release(id)) return;
      call.controller.abort();
      if (call.reader) call.reader.cancel().catch(function() {});
      HttpxxFetch.report(id, kind, text);
    },

    // Timeouts of a WHOLE fetch, kept here so that C++ arms no timer per
    // request: until the head, `headMs` (ConnectTimeout or ReadTimeout);
    // then `readMs` between body chunks. One setTimeout is re-armed lazily
    // for the time left since the last progress, not once per chunk.
    watch: function(id, call) {
      if (call.waitMs < 0) return;
      var due = call.last + call.waitMs - performance.now();
      call.timer = setTimeout(function() {
        if (HttpxxFetch.calls[id] !== call) return;
        call.timer = null;
        if (performance.now() - call.last >= call.waitMs) {
          var connect = !call.headSeen && call.headIsConnect;
          HttpxxFetch.stop(id, connect ? HttpxxFetch.CONNECT_TIMEOUT : HttpxxFetch.READ_TIMEOUT,
                           connect ? 'the connection timed out'
                           : call.headSeen ? 'no response bytes arrived within the read timeout'
                           : 'no response arrived within the read timeout');
        } else {
          HttpxxFetch.watch(id, call);
        }
      }, Math.max(due, 0));
    },

    // Hands the head (and, given `chunks`, the whole body) to C++ in one
    // heap buffer and one call.
    deliver: function(id, response, chunks, bodyLen, flags) {
      var fields = '';
      response.headers.forEach(function(value, name) {
        if (name !== 'set-cookie') fields += name + '\n' + value + '\n';
      });
      if (typeof response.headers.getSetCookie === 'function') {
        response.headers.getSetCookie().forEach(function(value) {
          fields += 'set-cookie\n' + value + '\n';
        });
      }
      var statusText = response.statusText || '';
      var url = response.url || '';
      var version = HttpxxFetch.versionOf(response, url);
      var text = version + statusText + url + fields;
      var status = response.status;
      callUserCallback(function() {
        // Into the C++ string that becomes the body: the bytes are copied once.
        var ptr = _httpxx_fetch_head_buffer(id, bodyLen + text.length);
        if (!ptr) return;
        var at = ptr;
        for (var i = 0; i < chunks.length; i++) {
          HEAPU8.set(chunks[i], at);
          at += chunks[i].length;
        }
        HttpxxFetch.writeLatin1(text, at);
        _httpxx_fetch_on_head(id, status, version.length, statusText.length, url.length,
                              fields.length, bodyLen, flags);
      });
    },

    head: function(id, response) {
      var call = HttpxxFetch.calls[id];
      if (!call) return;
      call.headSeen = true;
      var hasBody = response.body !== null;
      if (!call.whole || !hasBody) {
        if (hasBody) {
          call.reader = response.body.getReader();
          if (call.timer) clearTimeout(call.timer);  // C++ times the reads
          call.timer = null;
        } else {
          HttpxxFetch.release(id);
        }
        HttpxxFetch.deliver(id, response, [], 0, hasBody ? 1 : 0);
        return;
      }
      // The whole body, read here without a round trip to C++ per chunk.
      // The decoded size limit holds for bodies fetch decoded (what native
      // decoders would have produced); the read size limit for any body.
      var encoding = response.headers.get('content-encoding') || '';
      var limit = /gzip|deflate|br/i.test(encoding) ? call.limit : 0;
      var readLimit = call.readLimit;
      var reader = response.body.getReader();
      call.reader = reader;
      call.last = performance.now();
      call.waitMs = call.readMs;
      if (call.waitMs < 0 && call.timer) {
        clearTimeout(call.timer);
        call.timer = null;
      } else if (call.waitMs >= 0 && !call.timer) {
        HttpxxFetch.watch(id, call);
      }
      var chunks = [];
      var total = 0;
      var failed = function(e) { HttpxxFetch.fail(id, HttpxxFetch.failureOf(e, false), e); };
      var step = function(result) {
        if (HttpxxFetch.calls[id] !== call) return;
        if (result.done) {
          HttpxxFetch.release(id);
          HttpxxFetch.deliver(id, response, chunks, total, 3);
          return;
        }
        total += result.value.length;
        if (limit > 0 && total > limit) {
          HttpxxFetch.stop(id, HttpxxFetch.DECODING, 'decoded body exceeds the limit of ' + limit +
                           ' bytes (max_decoded_size): raise max_decoded_size, or set it to 0 ' +
                           'for no limit');
          return;
        }
        if (readLimit > 0 && total > readLimit) {
          HttpxxFetch.stop(id, HttpxxFetch.TOO_LARGE, 'response body exceeds max_read_size (the ' +
                           'limit of ' + readLimit + ' bytes a buffered read holds): stream it ' +
                           '(stream = true), or raise max_read_size (0: no limit)');
          return;
        }
        chunks.push(result.value);
        call.last = performance.now();
        reader.read().then(step, failed);
      };
      reader.read().then(step, failed);
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

  httpxx_fetch_is_node__deps: ['$HttpxxFetch'],
  httpxx_fetch_is_node: function() {
    return HttpxxFetch.isNode() ? 1 : 0;
  },

  // Starts a fetch. `head` holds "METHOD\nURL\nname\nvalue\n…" (latin-1).
  // Flags: STREAMED_UPLOAD, the body is a ReadableStream whose every pull()
  // asks C++ for a piece (_httpxx_fetch_on_pull; C++ answers with
  // httpxx_fetch_push); WHOLE, the body is read here and delivered with the
  // head, the timeouts (`headMs`, `readMs`; negative: none) and the size
  // limits (`limit` on a decoded body, `readLimit` on any; 0: none) applied here; HEAD_IS_CONNECT, an expired
  // `headMs` is a connect timeout. `tls`: under Node.js, the id of the TLS
  // settings to use (httpxx_fetch_tls; 0: the runtime's).
  httpxx_fetch_start__deps: ['$HttpxxFetch'],
  httpxx_fetch_start: function(id, head, headLen, body, bodyLen, flags, headMs, readMs, limit,
                               readLimit, tls) {
    var lines = HttpxxFetch.latin1(head, headLen).split('\n');
    var init = {
      method: lines[0],
      headers: [],
      redirect: HttpxxFetch.isNode() ? 'manual' : 'follow',
      credentials: 'same-origin',
    };
    for (var i = 2; i + 1 < lines.length; i += 2) {
      if (!HttpxxFetch.skipsRequestHeader(lines[i])) {
        init.headers.push([lines[i], lines[i + 1]]);
      }
    }
    if (bodyLen > 0) init.body = HEAPU8.slice(body, body + bodyLen);
    var call = {
      controller: null, reader: null, pull: null, rest: null, timer: null,
      whole: (flags & HttpxxFetch.WHOLE) !== 0, headSeen: false,
      headIsConnect: (flags & HttpxxFetch.HEAD_IS_CONNECT) !== 0,
      readMs: readMs, limit: limit, readLimit: readLimit, last: 0, waitMs: -1, tls: tls,
    };
    HttpxxFetch.calls[id] = call;
    runtimeKeepalivePush();
    if (call.whole && headMs >= 0) {
      call.last = performance.now();
      call.waitMs = headMs;
      HttpxxFetch.watch(id, call);
    }
    var urlText = lines[1];
    var onHead = function(response) { HttpxxFetch.head(id, response); };
    if (HttpxxFetch.isNode()) {
      // node:http (node_http_library.js): its failures carry their kind.
      var upload = (flags & HttpxxFetch.STREAMED_UPLOAD) ? HttpxxNode.upload(id) : null;
      HttpxxNode.fetch(urlText, init, call, upload).then(onHead, function(e) {
        HttpxxFetch.fail(id, HttpxxFetch.failureOf(e, true), e);
      });
      return;
    }
    HttpxxFetch.startTiming();
    call.controller = new AbortController();
    init.signal = call.controller.signal;
    if (flags & HttpxxFetch.STREAMED_UPLOAD) {
      init.duplex = 'half';
      init.body = new ReadableStream({
        pull: function(stream) {
          return new Promise(function(resolve) {
            var live = HttpxxFetch.calls[id];
            if (!live) return;  // aborted: the fetch is gone with the stream
            live.pull = { stream: stream, resolve: resolve };
            callUserCallback(function() { _httpxx_fetch_on_pull(id); });
          });
        },
      }, { highWaterMark: 0 });
    }
    var request;
    try {
      request = new Request(urlText, init);
    } catch (e) {
      // Reported later, as every outcome is: C++ is not re-entered from here.
      Promise.resolve().then(function() { HttpxxFetch.fail(id, HttpxxFetch.BAD_REQUEST, e); });
      return;
    }
    fetch(request).then(onHead, function(e) {
      HttpxxFetch.fail(id, HttpxxFetch.failureOf(e, true), e);
    });
  },

  // Reads the next chunk: one reader.read() that yields bytes (empty chunks
  // are skipped), so nothing is read before C++ asks for it; a chunk above
  // MAX_CHUNK is handed on in pieces, the rest kept for the next reads.
  httpxx_fetch_read__deps: ['$HttpxxFetch'],
  httpxx_fetch_read: function(id) {
    var call = HttpxxFetch.calls[id];
    if (!call || !call.reader) return;
    var hand = function(bytes) {
      if (bytes.length > HttpxxFetch.MAX_CHUNK) {
        call.rest = bytes.subarray(HttpxxFetch.MAX_CHUNK);
        bytes = bytes.subarray(0, HttpxxFetch.MAX_CHUNK);
      } else {
        call.rest = null;
      }
      callUserCallback(function() {
        var ptr = _malloc(bytes.length);
        HEAPU8.set(bytes, ptr);
        try {
          _httpxx_fetch_on_chunk(id, ptr, bytes.length);
        } finally {
          _free(ptr);
        }
      });
    };
    if (call.rest) {
      var rest = call.rest;
      // Still from a promise reaction, never inside this call from C++.
      Promise.resolve().then(function() {
        if (HttpxxFetch.calls[id] === call) hand(rest);
      });
      return;
    }
    var failed = function(e) { HttpxxFetch.fail(id, HttpxxFetch.failureOf(e, false), e); };
    var step = function(result) {
      if (HttpxxFetch.calls[id] !== call) return;
      if (result.done) {
        HttpxxFetch.release(id);
        callUserCallback(function() { _httpxx_fetch_on_end(id); });
        return;
      }
      if (result.value.length === 0) {
        call.reader.read().then(step, failed);
        return;
      }
      hand(result.value);
    };
    call.reader.read().then(step, failed);
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
