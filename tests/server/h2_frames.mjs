// HTTP/2 frames and HPACK by hand, for the raw-frame test server (h2_raw_server.mjs): frame
// headers (RFC 9113 section 4.1), a full HPACK decoder (RFC 7541: static and dynamic tables,
// Huffman) for the client's requests, and an encoder that writes literal fields without indexing
// and without Huffman, which is all a hostile test response needs. Node.js built-ins only.

export const PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export const TYPE = {
  DATA: 0, HEADERS: 1, PRIORITY: 2, RST_STREAM: 3, SETTINGS: 4, PUSH_PROMISE: 5, PING: 6, GOAWAY: 7,
  WINDOW_UPDATE: 8, CONTINUATION: 9,
};
export const FLAG = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4, PADDED: 0x8, PRIORITY: 0x20 };
export const CODE = {
  NO_ERROR: 0, PROTOCOL_ERROR: 1, INTERNAL_ERROR: 2, FLOW_CONTROL_ERROR: 3, REFUSED_STREAM: 7, CANCEL: 8,
};
export const SETTING = {
  HEADER_TABLE_SIZE: 1, ENABLE_PUSH: 2, MAX_CONCURRENT_STREAMS: 3, INITIAL_WINDOW_SIZE: 4, MAX_FRAME_SIZE: 5,
};

/** One frame: the 9-byte header, then `payload` (a Buffer, or a length to fill with zeros). */
export function frame(type, flags, streamId, payload = Buffer.alloc(0)) {
  const body = typeof payload === 'number' ? Buffer.alloc(payload) : payload;
  const head = Buffer.alloc(9);
  head.writeUIntBE(body.length, 0, 3);
  head[3] = type;
  head[4] = flags;
  head.writeUInt32BE(streamId & 0x7fffffff, 5);
  return Buffer.concat([head, body]);
}

const u32 = (...values) => {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
};

export const settings = (entries = {}) => {
  const b = Buffer.alloc(6 * Object.keys(entries).length);
  Object.entries(entries).forEach(([id, value], i) => {
    b.writeUInt16BE(Number(id), 6 * i);
    b.writeUInt32BE(value >>> 0, 6 * i + 2);
  });
  return frame(TYPE.SETTINGS, 0, 0, b);
};
export const settingsAck = () => frame(TYPE.SETTINGS, FLAG.ACK, 0);
export const ping = (ack = false, opaque = Buffer.alloc(8)) => frame(TYPE.PING, ack ? FLAG.ACK : 0, 0, opaque);
export const rstStream = (id, code) => frame(TYPE.RST_STREAM, 0, id, u32(code));
export const goaway = (lastStreamId, code = CODE.NO_ERROR) => frame(TYPE.GOAWAY, 0, 0, u32(lastStreamId, code));
export const windowUpdate = (id, increment) => frame(TYPE.WINDOW_UPDATE, 0, id, u32(increment));
export const data = (id, bytes, end = false) =>
  frame(TYPE.DATA, end ? FLAG.END_STREAM : 0, id, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);

/** Parses frame headers from the front of `buf`: { type, flags, streamId, payload, size } or null. */
export function parseFrame(buf) {
  if (buf.length < 9) return null;
  const length = buf.readUIntBE(0, 3);
  if (buf.length < 9 + length) return null;
  return {
    type: buf[3], flags: buf[4], streamId: buf.readUInt32BE(5) & 0x7fffffff,
    payload: buf.subarray(9, 9 + length), size: 9 + length,
  };
}

// ---- HPACK encoding: literal header field without indexing, new name, no Huffman -------------

function integer(value, prefixBits, firstByte) {
  const max = (1 << prefixBits) - 1;
  if (value < max) return [firstByte | value];
  const out = [firstByte | max];
  value -= max;
  while (value >= 128) {
    out.push((value % 128) + 128);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}

const literalString = (s) => {
  const bytes = Buffer.from(s, 'latin1');
  return Buffer.concat([Buffer.from(integer(bytes.length, 7, 0)), bytes]);
};

/** A header block of `fields` ([[name, value], ...]), in order, each a literal without indexing. */
export function headerBlock(fields) {
  return Buffer.concat(fields.flatMap(([name, value]) => [Buffer.from([0]), literalString(name), literalString(String(value))]));
}

// ---- HPACK decoding ------------------------------------------------------------------------

const STATIC = [
  [':authority', ''], [':method', 'GET'], [':method', 'POST'], [':path', '/'], [':path', '/index.html'],
  [':scheme', 'http'], [':scheme', 'https'], [':status', '200'], [':status', '204'], [':status', '206'],
  [':status', '304'], [':status', '400'], [':status', '404'], [':status', '500'], ['accept-charset', ''],
  ['accept-encoding', 'gzip, deflate'], ...['accept-language', 'accept-ranges', 'accept',
    'access-control-allow-origin', 'age', 'allow', 'authorization', 'cache-control', 'content-disposition',
    'content-encoding', 'content-language', 'content-length', 'content-location', 'content-range',
    'content-type', 'cookie', 'date', 'etag', 'expect', 'expires', 'from', 'host', 'if-match',
    'if-modified-since', 'if-none-match', 'if-range', 'if-unmodified-since', 'last-modified', 'link',
    'location', 'max-forwards', 'proxy-authenticate', 'proxy-authorization', 'range', 'referer', 'refresh',
    'retry-after', 'server', 'set-cookie', 'strict-transport-security', 'transfer-encoding', 'user-agent',
    'vary', 'via', 'www-authenticate'].map((name) => [name, '']),
];

// The Huffman code's lengths in bits for bytes 0..255, then EOS (RFC 7541 Appendix B). The code
// is canonical: codes are given out in order of length, then of symbol.
const HUFFMAN_BITS = [
  13, 23, 28, 28, 28, 28, 28, 28, 28, 24, 30, 28, 28, 30, 28, 28, 28, 28, 28, 28, 28, 28, 30, 28, 28, 28,
  28, 28, 28, 28, 28, 28, 6, 10, 10, 12, 13, 6, 8, 11, 10, 10, 8, 11, 8, 6, 6, 6, 5, 5, 5, 6, 6, 6, 6, 6,
  6, 6, 7, 8, 15, 6, 12, 10, 13, 6, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 8,
  7, 8, 13, 19, 13, 14, 6, 15, 5, 6, 5, 6, 5, 6, 6, 6, 5, 7, 7, 6, 6, 6, 5, 6, 7, 6, 5, 5, 6, 7, 7, 7, 7,
  7, 15, 11, 14, 13, 28, 20, 22, 20, 20, 22, 22, 22, 23, 22, 23, 23, 23, 23, 23, 24, 23, 24, 24, 22, 23,
  24, 23, 23, 23, 23, 21, 22, 23, 22, 23, 23, 24, 22, 21, 20, 22, 22, 23, 23, 21, 23, 22, 22, 24, 21, 22,
  23, 23, 21, 21, 22, 21, 23, 22, 23, 23, 20, 22, 22, 22, 23, 22, 22, 23, 26, 26, 20, 19, 22, 23, 22, 25,
  26, 26, 26, 27, 27, 26, 24, 25, 19, 21, 26, 27, 27, 26, 27, 24, 21, 21, 26, 26, 28, 27, 27, 27, 20, 24,
  20, 21, 22, 21, 21, 23, 22, 22, 25, 25, 24, 24, 26, 23, 26, 27, 26, 26, 27, 27, 27, 27, 27, 28, 27, 27,
  27, 27, 27, 26, 30,
];

// "length:code" -> symbol, built once from the lengths.
const HUFFMAN = (() => {
  const order = HUFFMAN_BITS.map((bits, sym) => [bits, sym]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const map = new Map();
  let code = 0;
  let previous = order[0][0];
  for (const [bits, sym] of order) {
    code <<= bits - previous;
    previous = bits;
    map.set(`${bits}:${code}`, sym);
    code += 1;
  }
  return map;
})();

function huffmanDecode(bytes) {
  const out = [];
  let code = 0;
  let bits = 0;
  for (const byte of bytes) {
    for (let i = 7; i >= 0; i -= 1) {
      code = code * 2 + ((byte >> i) & 1);
      bits += 1;
      const sym = HUFFMAN.get(`${bits}:${code}`);
      if (sym === undefined) {
        if (bits > 30) throw new Error('HPACK: bad Huffman code');
        continue;
      }
      if (sym === 256) throw new Error('HPACK: EOS in a string');
      out.push(sym);
      code = 0;
      bits = 0;
    }
  }
  return Buffer.from(out).toString('latin1');
}

/** The decoding side of one connection's HPACK context (the client's requests). */
export class HpackDecoder {
  constructor() {
    this.dynamic = [];
    this.size = 0;
    this.max = 4096;
  }

  #evict() {
    while (this.size > this.max) {
      const [name, value] = this.dynamic.pop();
      this.size -= name.length + value.length + 32;
    }
  }

  #entry(index) {
    const entry = index <= STATIC.length ? STATIC[index - 1] : this.dynamic[index - STATIC.length - 1];
    if (!entry || index === 0) throw new Error(`HPACK: no entry ${index}`);
    return entry;
  }

  /** Decodes one complete header block to [[name, value], ...]. */
  decode(block) {
    let pos = 0;
    const int = (prefixBits) => {
      const max = (1 << prefixBits) - 1;
      let value = block[pos++] & max;
      if (value < max) return value;
      for (let shift = 0; ; shift += 7) {
        const b = block[pos++];
        if (b === undefined || shift > 28) throw new Error('HPACK: bad integer');
        value += (b & 0x7f) * 2 ** shift;
        if (!(b & 0x80)) return value;
      }
    };
    const str = () => {
      const huffman = (block[pos] & 0x80) !== 0;
      const length = int(7);
      const bytes = block.subarray(pos, pos + length);
      pos += length;
      return huffman ? huffmanDecode(bytes) : bytes.toString('latin1');
    };
    const fields = [];
    while (pos < block.length) {
      const b = block[pos];
      if (b & 0x80) {
        fields.push([...this.#entry(int(7))]);
      } else if ((b & 0xe0) === 0x20) {
        this.max = int(5);
        this.#evict();
      } else {
        const indexed = (b & 0xc0) === 0x40;
        const index = int(indexed ? 6 : 4);
        const name = index ? this.#entry(index)[0] : str();
        const field = [name, str()];
        fields.push(field);
        if (indexed) {
          this.dynamic.unshift(field);
          this.size += field[0].length + field[1].length + 32;
          this.#evict();
        }
      }
    }
    return fields;
  }
}
