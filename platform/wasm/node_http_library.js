// The Node.js path of httpxx's Fetch transport (an Emscripten JS library,
// linked with --js-library beside fetch_library.js). Under Node.js the
// transport speaks HTTP through `node:http` / `node:https` instead of the
// global fetch(): the same events reach C++ (fetch_library.js is unchanged
// above `HttpxxNode.fetch`), at about a third of fetch()'s cost per request,
// and with the wire's semantics: repeated header fields stay apart, a GET may
// carry a body, Host and Cookie headers are sent as given, redirects are not
// followed. What fetch() did for the transport is done here:
//   - content decoding: gzip/x-gzip, deflate (zlib or raw) and br through
//     node:zlib, in the order Content-Encoding lists them; identity and
//     unknown codings are passed over, as lib/ does natively. Accept-Encoding
//     says what can be decoded unless the request names its own.
//   - error causes: every failure carries `httpxxKind` (a FetchFailure), read
//     from Node's error codes (llhttp's HPE_*, zlib's Z_*, ECONNREFUSED, …)
//   - keep-alive: one pool (http.Agent) per scheme, idle sockets closed after
//     4 s (before the usual 5 s server keep-alive), and an idempotent request
//     whose reused connection fails before any response byte is sent once
//     more on a new one, as the native pool does.
//   - TLS settings (ClientOptions verify, ca_file, ca_dir, cert): an
//     https.Agent of their own (httpxx_fetch_tls), shared by the clients
//     that give the same ones.
//
// `HttpxxNode.fetch(url, init, call)` returns a promise of an object shaped
// like the part of a fetch Response that fetch_library.js reads (status,
// statusText, url, headers.forEach/get/getSetCookie, body.getReader()), plus
// what fetch does not tell (httpVersion: "HTTP/1.1" or "HTTP/1.0", as
// received), and sets `call.controller.abort()` to destroy the request.

var HttpxxNodeLibrary = {
  // $HttpxxFetch (fetch_library.js) is always there: it depends on this.
  $HttpxxNode__deps: ['$callUserCallback'],
  $HttpxxNode: {
    mods: null,
    load: function() {
      if (!HttpxxNode.mods) {
        var http = require('http');
        var https = require('https');
        var agent = HttpxxNode.agentOptions();
        HttpxxNode.mods = {
          zlib: require('zlib'),
          'http:': { module: http, agent: new http.Agent(agent) },
          'https:': { module: https, agent: new https.Agent(agent) },
        };
      }
      return HttpxxNode.mods;
    },

    agentOptions: function() {
      return { keepAlive: true, scheduling: 'lifo', timeout: 4000 };
    },

    // The https.Agents of TLS settings other than the defaults, by id (from
    // 1), and the ids by the settings' key.
    tlsAgents: [null],
    tlsIds: {},  // a plain object: the library serialiser keeps no Map

    // An https.Agent for these TLS settings, its id. The files are read now;
    // throws if one cannot be read or is not what it should be.
    tlsAgent: function(verify, caFile, caDir, certFile, keyFile, password) {
      var key = JSON.stringify([verify, caFile, caDir, certFile, keyFile, password]);
      if (Object.prototype.hasOwnProperty.call(HttpxxNode.tlsIds, key)) {
        return HttpxxNode.tlsIds[key];
      }
      var fs = require('fs');
      var path = require('path');
      var options = HttpxxNode.agentOptions();
      options.rejectUnauthorized = verify;
      // As natively, the CA file and directory replace the default store.
      var cas = [];
      if (caFile) cas.push(fs.readFileSync(caFile, 'latin1'));
      if (caDir) {
        // A c_rehash directory: every file in it that holds a certificate.
        fs.readdirSync(caDir).sort().forEach(function(name) {
          var file = path.join(caDir, name);
          if (!fs.statSync(file).isFile()) return;
          var text = fs.readFileSync(file, 'latin1');
          if (text.indexOf('-----BEGIN CERTIFICATE-----') >= 0) cas.push(text);
        });
        if (cas.length === 0 || (caFile && cas.length === 1)) {
          throw new Error('no certificate in the directory ' + caDir);
        }
      }
      if (cas.length > 0) options.ca = cas;
      if (certFile) {
        options.cert = fs.readFileSync(certFile, 'latin1');
        options.key = fs.readFileSync(keyFile || certFile, 'latin1');
        if (password) options.passphrase = password;
      }
      // Parsed now, so that a bad certificate, key or password fails here.
      require('tls').createSecureContext(options);
      var id = HttpxxNode.tlsAgents.length;
      HttpxxNode.tlsAgents.push(new (require('https').Agent)(options));
      HttpxxNode.tlsIds[key] = id;
      return id;
    },

    // An Error whose class is already known.
    failure: function(kind, e) {
      if (!(e instanceof Error)) e = new Error(String(e));
      e.httpxxKind = kind;
      return e;
    },

    // Which FetchFailure a Node.js error is. `socket` is the request's: a
    // response cut by a reset shows the reset there, one cut by an orderly
    // close does not.
    kindOf: function(e, socket, beforeHead) {
      if (e.httpxxKind !== undefined) return e.httpxxKind;
      var code = String(e.code || '');
      if (code.indexOf('HPE_') === 0) return HttpxxFetch.REMOTE_PROTOCOL;
      if (code.indexOf('Z_') === 0 || code.indexOf('ERR__ERROR_') === 0 ||
          code.indexOf('ERR_BROTLI') === 0) {
        return HttpxxFetch.DECODING;
      }
      var reset = socket && socket.errored;
      if (reset && reset !== e) return HttpxxNode.kindOf(reset, null, beforeHead);
      // "socket hang up": closed before a response; "aborted": closed before
      // the end of the body the head announced. Both break HTTP.
      if (code === 'ECONNRESET' && (e.message === 'socket hang up' || e.message === 'aborted')) {
        return HttpxxFetch.REMOTE_PROTOCOL;
      }
      return HttpxxFetch.failureOf({ cause: e }, beforeHead);
    },

    // A raw deflate body or a zlib-wrapped one (RFC 9110 names the latter;
    // servers send both): decided on the first two bytes.
    inflate: function(zlib) {
      var Transform = require('stream').Transform;
      var inner = null;
      var held = null;
      var out = new Transform({
        transform: function(chunk, encoding, done) {
          if (!inner) {
            chunk = held ? Buffer.concat([held, chunk]) : chunk;
            if (chunk.length < 2) {
              held = chunk;
              return done();
            }
            var wrapped = (chunk[0] & 0x0f) === 8 && ((chunk[0] << 8) | chunk[1]) % 31 === 0;
            inner = wrapped ? zlib.createInflate() : zlib.createInflateRaw();
            inner.on('data', function(d) { out.push(d); });
            inner.on('error', function(e) { out.destroy(e); });
          }
          inner.write(chunk, function() { done(); });
        },
        flush: function(done) {
          if (!inner) {
            if (held) return done(HttpxxNode.failure(HttpxxFetch.DECODING,
                                                     'deflate body too short'));
            return done();
          }
          inner.once('end', function() { done(); });
          inner.end();
        },
      });
      return out;
    },

    decoder: function(coding) {
      var zlib = HttpxxNode.load().zlib;
      switch (coding) {
        case 'gzip': case 'x-gzip': return zlib.createGunzip();
        case 'deflate': return HttpxxNode.inflate(zlib);
        case 'br': return zlib.createBrotliDecompress();
      }
      return null;
    },

    // The decoded body of `res` (Content-Encoding undone, last coding first).
    decoded: function(res, encoding, fail) {
      var source = res;
      var codings = encoding.toLowerCase().split(',');
      for (var i = codings.length - 1; i >= 0; i--) {
        var d = HttpxxNode.decoder(codings[i].trim());
        if (!d) continue;
        source.pipe(d);
        source = d;
        d.on('error', fail);
      }
      return source;
    },

    // A fetch-style reader over a Node.js readable: one chunk a read(), the
    // stream paused between reads (back-pressure, no read-ahead beyond
    // Node's own buffer).
    reader: function(source, body) {
      var queue = [];
      var waiting = null;
      var settle = function() {
        if (!waiting) return;
        var w = waiting;
        if (queue.length) {
          waiting = null;
          w.resolve({ done: false, value: queue.shift() });
        } else if (body.error) {
          waiting = null;
          w.reject(body.error);
        } else if (body.ended) {
          waiting = null;
          w.resolve({ done: true, value: undefined });
        }
      };
      body.settle = settle;
      source.on('data', function(chunk) {
        queue.push(chunk);
        source.pause();
        settle();
      });
      source.on('end', function() {
        body.ended = true;
        body.finished();
        settle();
      });
      return {
        read: function() {
          return new Promise(function(resolve, reject) {
            waiting = { resolve: resolve, reject: reject };
            settle();
            if (waiting) source.resume();
          });
        },
        cancel: function() {
          body.abort();
          return Promise.resolve();
        },
      };
    },

    // The head as fetch_library.js reads it: fields in wire order with
    // lower-case names, repeated ones apart.
    headers: function(raw) {
      return {
        forEach: function(f) {
          for (var i = 0; i + 1 < raw.length; i += 2) f(raw[i + 1], raw[i].toLowerCase());
        },
        get: function(name) {
          var values = [];
          for (var i = 0; i + 1 < raw.length; i += 2) {
            if (raw[i].toLowerCase() === name) values.push(raw[i + 1]);
          }
          return values.length ? values.join(', ') : null;
        },
        getSetCookie: function() {
          var values = [];
          for (var i = 0; i + 1 < raw.length; i += 2) {
            if (raw[i].toLowerCase() === 'set-cookie') values.push(raw[i + 1]);
          }
          return values;
        },
      };
    },

    idempotent: { GET: 1, HEAD: 1, OPTIONS: 1, TRACE: 1, PUT: 1, DELETE: 1 },
    hasBody: { POST: 1, PUT: 1, PATCH: 1 },

    // Sends one request; see the comment at the top of this file.
    fetch: function(urlText, init, call, upload) {
      return new Promise(function(resolve, reject) {
        var body = {
          req: null, res: null, ended: false, error: null, settle: null, upload: upload,
          abort: function() {
            body.error = body.error || HttpxxNode.failure(HttpxxFetch.READ, 'aborted');
            if (body.req) body.req.destroy();
          },
          // The end of the response: a request body still being streamed
          // (the server answered early) is cut, and the connection with it.
          finished: function() {
            if (body.upload && !body.upload.done) body.req.destroy();
          },
        };
        call.controller = body;
        var url;
        try {
          url = new URL(urlText);
        } catch (e) {
          return reject(HttpxxNode.failure(HttpxxFetch.BAD_REQUEST, e));
        }
        var scheme = HttpxxNode.load()[url.protocol];
        if (!scheme || url.username || url.password) {
          return reject(HttpxxNode.failure(HttpxxFetch.BAD_REQUEST,
                                           'cannot send to ' + url.protocol + '//' + url.host));
        }
        var fields = ['Host', url.host];
        var acceptEncoding = false;
        for (var i = 0; i < init.headers.length; i++) {
          var name = init.headers[i][0];
          if (name.toLowerCase() === 'accept-encoding') acceptEncoding = true;
          fields.push(name, init.headers[i][1]);
        }
        if (!acceptEncoding) fields.push('Accept-Encoding', 'gzip, deflate, br');
        // node:http frames a GET's body by nothing unless told, and sends no length for an
        // empty POST: say it here for every method (as HTTPX and the native transport do).
        if (upload) {
          fields.push('Transfer-Encoding', 'chunked');
        } else if (init.body) {
          fields.push('Content-Length', String(init.body.length));
        } else if (HttpxxNode.hasBody[init.method] === 1) {
          fields.push('Content-Length', '0');
        }
        var options = {
          method: init.method,
          hostname: url.hostname.charAt(0) === '[' ? url.hostname.slice(1, -1) : url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          headers: fields,
          agent: call.tls > 0 && url.protocol === 'https:' ? HttpxxNode.tlsAgents[call.tls]
                                                           : scheme.agent,
        };
        var send = function(again) {
          var req;
          try {
            req = scheme.module.request(options);
          } catch (e) {
            // A header name or value Node refuses, a bad method.
            return reject(HttpxxNode.failure(HttpxxFetch.BAD_REQUEST, e));
          }
          body.req = req;
          var headSeen = false;
          var fail = function(e) {
            if (!headSeen) {
              if (again && req.reusedSocket && e.code === 'ECONNRESET' && !body.error) {
                req.destroy();
                return send(false);
              }
              return reject(HttpxxNode.failure(HttpxxNode.kindOf(e, req.socket, true), e));
            }
            if (body.error || body.ended) return;
            body.error = HttpxxNode.failure(HttpxxNode.kindOf(e, req.socket, false), e);
            if (body.settle) body.settle();
            req.destroy();
          };
          req.on('error', fail);
          req.on('response', function(res) {
            headSeen = true;
            body.res = res;
            if (body.upload) body.upload.stop();
            // llhttp takes any one-digit major version ("HTTP/2.0 200" too);
            // only HTTP/1.x is framed as it parsed it, so the rest is
            // refused, as natively.
            if (res.httpVersionMajor !== 1) {
              res.on('error', function() {});
              req.destroy();
              return reject(HttpxxNode.failure(HttpxxFetch.REMOTE_PROTOCOL,
                                               'unsupported HTTP version ' + res.httpVersion));
            }
            res.on('error', fail);
            res.on('aborted', function() {
              var e = new Error('aborted');
              e.code = 'ECONNRESET';
              fail(e);
            });
            var empty = init.method === 'HEAD' || res.statusCode === 204 ||
                        res.statusCode === 205 || res.statusCode === 304;
            var head = HttpxxNode.headers(res.rawHeaders);
            var encoding = empty ? null : head.get('content-encoding');
            var source = encoding ? HttpxxNode.decoded(res, encoding, fail) : res;
            if (empty) {
              res.resume();
              res.on('end', function() { body.finished(); });
            }
            resolve({
              status: res.statusCode,
              statusText: res.statusMessage || '',
              httpVersion: 'HTTP/' + res.httpVersion,  // "HTTP/1.1" (a fetch Response has none)
              url: urlText,
              headers: head,
              body: empty ? null : {
                getReader: function() { return HttpxxNode.reader(source, body); },
              },
            });
          });
          if (upload) {
            upload.start(req);
          } else {
            req.end(init.body);
          }
        };
        send(!upload && HttpxxNode.idempotent[init.method] === 1);
      });
    },

    // A request body streamed from C++: each piece is asked for with
    // _httpxx_fetch_on_pull once Node has taken the last one (`drain`).
    upload: function(id) {
      var upload = {
        done: false, req: null,
        start: function(req) {
          upload.req = req;
          Promise.resolve().then(upload.pull);  // never inside the call from C++
        },
        stop: function() { upload.done = true; },
        pull: function() {
          var call = HttpxxFetch.calls[id];
          if (!call || upload.done) return;
          call.pull = {
            stream: {
              enqueue: function(bytes) {
                if (!upload.req.write(bytes)) {
                  upload.req.once('drain', function() { upload.pull(); });
                } else {
                  Promise.resolve().then(upload.pull);
                }
              },
              close: function() {
                upload.done = true;
                upload.req.end();
              },
            },
            resolve: function() {},
          };
          callUserCallback(function() { _httpxx_fetch_on_pull(id); });
        },
      };
      return upload;
    },
  },

  // Under Node.js: the id (from 1) of an https.Agent with these TLS settings
  // (strings: "" when not given); 0 with the reason written to `error` if a
  // file cannot be loaded.
  httpxx_fetch_tls__deps: ['$HttpxxNode'],
  httpxx_fetch_tls: function(verify, caFile, caDir, certFile, keyFile, password, error,
                             errorSize) {
    try {
      return HttpxxNode.tlsAgent(verify !== 0, UTF8ToString(caFile), UTF8ToString(caDir),
                                 UTF8ToString(certFile), UTF8ToString(keyFile),
                                 UTF8ToString(password));
    } catch (e) {
      stringToUTF8(String(e && e.message ? e.message : e), error, errorSize);
      return 0;
    }
  },
};

mergeInto(LibraryManager.library, HttpxxNodeLibrary);
