// The JavaScript half of the bindings' batched crossings (an Emscripten JS
// library, linked into httpxx_core): each function does in one call what
// would otherwise take a crossing per field.

mergeInto(LibraryManager.library, {
  // The head of a kept response (js_response_table.cpp) as one object.
  // `text` (UTF-8, `len` bytes): "version\nreason\nurl\nmethod" and then
  // "\nname\nvalue" per header field. Flags: 1 read, 2 closed, 4 redirect.
  httpxx_response_value__deps: ['$Emval'],
  httpxx_response_value: function(id, status, text, len, flags) {
    var parts = UTF8ToString(text, len).split('\n');
    var headers = [];
    for (var i = 4; i + 1 < parts.length; i += 2) headers.push([parts[i], parts[i + 1]]);
    return Emval.toHandle({
      id: id, status: status, httpVersion: parts[0], reasonPhrase: parts[1], url: parts[2],
      method: parts[3], headers: headers, read: (flags & 1) !== 0, closed: (flags & 2) !== 0,
      redirect: (flags & 4) !== 0,
    });
  },

  // A Uint8Array holding a copy of `len` bytes at `data` (embind's
  // val::new_ with a memory view takes several times longer).
  httpxx_uint8array__deps: ['$Emval'],
  httpxx_uint8array: function(data, len) {
    return Emval.toHandle(HEAPU8.slice(data, data + len));
  },

  // Which of the names in `known` ("a\nb\n…", `len` bytes) the options
  // object has own enumerable keys for, as bits (bit i: the i-th name); a
  // key whose value is undefined counts as absent. -1 - k if key number k
  // of Object.keys() is not known; -2^30 if `object` is no plain object.
  // `known` is the same static string for every object of one kind, so its
  // split list is kept by address.
  $HttpxxOptionNames: {},
  httpxx_option_keys__deps: ['$Emval', '$HttpxxOptionNames'],
  httpxx_option_keys: function(object, known, len) {
    var o = Emval.toValue(object);
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return -1073741824;
    var names = HttpxxOptionNames[known];
    if (!names) names = HttpxxOptionNames[known] = UTF8ToString(known, len).split('\n');
    var keys = Object.keys(o);
    var bits = 0;
    for (var k = 0; k < keys.length; k++) {
      var i = names.indexOf(keys[k]);
      if (i < 0) return -1 - k;
      if (o[keys[k]] !== undefined) bits |= 1 << i;
    }
    return bits;
  },
});
