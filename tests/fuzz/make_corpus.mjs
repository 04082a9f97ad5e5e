// Writes the seed corpora of the fuzz targets (corpus/<target>/). Run once
// with `node tests/fuzz/make_corpus.mjs` and commit the output; the files
// are small real inputs: the raw replies of tests/server/raw_cases.mjs,
// redirect and auth exchanges, bodies compressed with gzip, deflate,
// brotli (node:zlib) and zstd (the zstd command), URLs and Set-Cookie lines.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { cases } from '../server/raw_cases.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MAX_SEED = 8192;

function write(target, name, ...parts) {
  const dir = path.join(here, 'corpus', target);
  fs.mkdirSync(dir, { recursive: true });
  const bytes = Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p, 'latin1'))));
  if (bytes.length > MAX_SEED) throw new Error(`${target}/${name} is too large (${bytes.length})`);
  fs.writeFileSync(path.join(dir, name), bytes);
}

const zstd = (input) => {
  const run = spawnSync('zstd', ['-q', '-c', '-19'], { input });
  if (run.status !== 0) throw new Error(`zstd failed: ${run.stderr}`);
  return run.stdout;
};
const gzip = (b) => zlib.gzipSync(b);
const deflate = (b) => zlib.deflateSync(b);
const rawDeflate = (b) => zlib.deflateRawSync(b);
const br = (b) => zlib.brotliCompressSync(b);
const bytes = (...list) => Buffer.from(list);

const text = Buffer.from('Hello, world! '.repeat(12) + '\nsecond line\r\nthird line\rlast');
const CRLF = '\r\n';
const reply = (status, headers, body = '') => {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
  const lines = [`HTTP/1.1 ${status}`, ...headers, `Content-Length: ${b.length}`];
  return Buffer.concat([Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'latin1'), b]);
};
const chunked = (status, headers, pieces) => {
  const head = [`HTTP/1.1 ${status}`, ...headers, 'Transfer-Encoding: chunked'].join(CRLF) + CRLF + CRLF;
  const body = pieces.map((p) => Buffer.concat([Buffer.from(p.length.toString(16) + CRLF), p, Buffer.from(CRLF)]));
  return Buffer.concat([Buffer.from(head), ...body, Buffer.from('0' + CRLF + CRLF)]);
};

// ---------------------------------------------------------------- raw replies
const raw = {};
for (const [name, c] of Object.entries(cases)) {
  if (!Array.isArray(c.chunks)) continue;
  const b = Buffer.concat(c.chunks.map((x) => (Buffer.isBuffer(x) ? x : Buffer.from(x, 'latin1'))));
  if (b.length + 3 <= MAX_SEED) raw[name] = b;
}

// fuzz_response_parser: [options, cut] + bytes.
let i = 0;
for (const [name, b] of Object.entries(raw)) {
  const head = name.startsWith('head_with_body') ? 1 : 0;
  write('fuzz_response_parser', name, bytes(head, 0), b);
  write('fuzz_response_parser', `${name}_cut`, bytes(head | (i % 3 === 0 ? 2 : 0), (i * 37 + 1) & 0xff), b);
  ++i;
}
write('fuzz_response_parser', 'pipelined_keep_alive', bytes(0, 0x13),
  raw.ok_content_length, raw.ok_chunked, raw.ok_chunked_trailers, raw.ok_header_ows);
write('fuzz_response_parser', 'many_1xx_tight', bytes(2, 0),
  'HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n'.repeat(3), raw.ok_content_length);

// fuzz_client: [flags, cut, more] + bytes. flags: 1 follow, 2 tight limits,
// 4 yield, 8 digest, bits 4-6 read mode, 128 total timeout. more: bits 0-1
// method (GET HEAD POST DELETE), 2-3 max_decoded_size (0 16 4096 1M), 4-5
// default encoding, 64 user info, 128 second request.
const mode = (m) => m << 4;
const gzText = gzip(text);
write('fuzz_client', 'redirect_chain_cookies_gzip', bytes(1, 0, 128),
  reply('302 Found', ['Location: /next?x=1', 'Set-Cookie: a=1; Path=/', 'Set-Cookie: b=2; Domain=fuzz.test; Max-Age=60'], 'moved'),
  reply('301 Moved Permanently', ['Location: http://other.test/x', 'Set-Cookie: c=3; Secure'], ''),
  reply('200 OK', ['Content-Type: text/plain; charset=utf-8', 'Content-Encoding: gzip'], gzText),
  reply('200 OK', ['Content-Type: text/plain'], 'second'));
write('fuzz_client', 'redirect_303_post_streamed', bytes(1 | 4 | mode(2), 0x2b, 2),
  reply('303 See Other', ['Location: ../c'], ''),
  reply('200 OK', ['Content-Encoding: br'], br(text)));
write('fuzz_client', 'redirect_not_followed', bytes(0, 0, 0),
  reply('307 Temporary Redirect', ['Location: //elsewhere.test:8080/p#f'], 'x'));
write('fuzz_client', 'redirect_loop', bytes(1, 0x11, 0),
  reply('302 Found', ['Location: /a'], '').toString('latin1').repeat(6));
write('fuzz_client', 'redirect_to_ftp', bytes(1, 0, 0), reply('302 Found', ['Location: ftp://x/'], ''));
write('fuzz_client', 'digest_sha256', bytes(8, 0, 0),
  reply('401 Unauthorized', ['WWW-Authenticate: Digest realm="r", nonce="abc", qop="auth", algorithm=SHA-256, opaque="o"'], ''),
  reply('200 OK', ['Content-Type: application/json'], '{"ok": true, "n": [1, 2.5, "x"]}'));
write('fuzz_client', 'digest_md5_sess_int', bytes(8 | 4, 0x0d, 2),
  reply('401 Unauthorized', ['WWW-Authenticate: Basic realm="b"', 'WWW-Authenticate: Digest realm="r", nonce="n1", qop="auth-int", algorithm=MD5-sess'], ''),
  reply('401 Unauthorized', ['WWW-Authenticate: Digest realm="r", nonce="n2", stale=true, algorithm=MD5'], ''),
  reply('200 OK', [], 'done'));
write('fuzz_client', 'basic_from_userinfo', bytes(0, 0, 64), reply('200 OK', [], 'hi'));
write('fuzz_client', 'chunked_br_lines', bytes(mode(5), 0x1a, 0),
  chunked('200 OK', ['Content-Encoding: br', 'Content-Type: text/plain'], [br(text).subarray(0, 10), br(text).subarray(10)]));
write('fuzz_client', 'utf16_text_stream', bytes(mode(4), 0x09, 0),
  reply('200 OK', ['Content-Type: text/plain; charset=utf-16'], Buffer.concat([bytes(0xff, 0xfe), Buffer.from('héllo\n☃ 𝄞\n', 'utf16le')])));
write('fuzz_client', 'latin1_default_encoding', bytes(0, 0, 16),
  reply('200 OK', ['Content-Type: text/plain'], Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0x80, 0xff])));
write('fuzz_client', 'zstd_limit_exceeded', bytes(mode(2), 0, 4), reply('200 OK', ['Content-Encoding: zstd'], zstd(text)));
write('fuzz_client', 'gzip_br_chain_raw', bytes(mode(3), 0x05, 0),
  reply('200 OK', ['Content-Encoding: gzip, br'], br(gzText)));
write('fuzz_client', 'deflate_read', bytes(mode(1), 0, 8), reply('200 OK', ['Content-Encoding: deflate'], deflate(text)));
write('fuzz_client', 'raw_deflate_first_chunk', bytes(mode(6), 0x21, 0),
  reply('200 OK', ['Content-Encoding: deflate'], rawDeflate(text)));
write('fuzz_client', 'unread_stream_then_second', bytes(mode(7), 0, 128),
  reply('200 OK', [], 'abcdef'), reply('200 OK', [], 'ghi'));
write('fuzz_client', 'head_with_body', bytes(0, 0, 1), raw.head_with_body);
write('fuzz_client', 'total_timeout_chunked', bytes(128 | 4, 0x33, 0), raw.ok_chunked_extensions);
write('fuzz_client', 'continue_then_ok_tight', bytes(2, 0x02, 0), raw.ok_100_continue_then_200);
// Regression: Content-Encoding on two field lines (the first empty) was
// read from the first line only, so the br body went undecoded (and
// unlimited by max_decoded_size).
write('fuzz_client', 'regression_content_encoding_two_lines', Buffer.from(
  '252b06485454502f312e31203330330a436f6e74656e742d456e636f64696e673a0d0a436f6e74656e742d456e636f64696e673a' +
  '62720d0a0a0d0a1ba3085d6003ced2ff00799b5ba732', 'hex'));
write('fuzz_client', 'regression_content_encoding_gzip_then_br', bytes(mode(2), 0, 8),
  reply('200 OK', ['Content-Encoding: gzip', 'Content-Encoding: br'], br(gzText)));
for (const name of ['ok_chunked_trailers', 'ok_read_until_close', 'ok_http10', 'te_and_content_length',
  'status_204_with_body', 'gzip_bad_data', 'gzip_truncated', 'truncated_chunked', 'obs_fold_header',
  'bare_lf_line_endings', 'extra_bytes_after_response', 'switching_protocols_101']) {
  write('fuzz_client', `raw_${name}`, bytes(mode(i % 8), (i * 29) & 0xff, 0), raw[name]);
  ++i;
}

// fuzz_decoders: [encoding index, limit index, cut] + body. Encodings:
// 0 gzip, 1 x-gzip, 2 deflate, 3 br, 4 zstd, 7 "gzip, gzip", 8 "deflate, gzip",
// 9 "br, gzip", 10 "zstd, br", 11 "gzip, deflate, br, zstd", 12 "deflate, br",
// 13 "zstd, zstd", 14 "compress, gzip". Limits: 0 none, 1, 100, 4096,
// 65536, 65537, 1 MiB, 8 MiB.
const dec = (name, enc, limit, cut, body) => write('fuzz_decoders', name, bytes(enc, limit, cut), body);
const zeros = Buffer.alloc(1 << 20);
const piece64k = Buffer.alloc(65536, 'a');
dec('gzip', 0, 0, 0, gzText);
dec('gzip_cut', 1, 3, 0x0a, gzText);
dec('gzip_two_members_garbage', 0, 0, 0x03, Buffer.concat([gzip('one '), gzip('two'), Buffer.from('trailing')]));
dec('gzip_truncated', 0, 0, 0, gzText.subarray(0, gzText.length - 5));
dec('gzip_bomb_limited', 0, 4, 0x1f, gzip(zeros));
dec('deflate_zlib', 2, 0, 0, deflate(text));
dec('deflate_raw', 2, 2, 0x0c, rawDeflate(text));
dec('deflate_empty_raw', 2, 0, 0, bytes(0x03, 0x00));
dec('br', 3, 0, 0, br(text));
dec('br_trailing', 3, 0, 0x02, Buffer.concat([br(text), bytes(0)]));
dec('br_64k_exact', 3, 5, 0x07, br(piece64k));
dec('zstd', 4, 0, 0, zstd(text));
// Regression: a zstd frame ending exactly at the end of a 64 KiB output
// piece was reported as truncated.
dec('zstd_64k_exact', 4, 0, 0, zstd(piece64k));
dec('zstd_two_frames', 4, 0, 0x2e, Buffer.concat([zstd(Buffer.from('a')), zstd(text)]));
dec('zstd_skippable', 4, 0, 0, Buffer.concat([bytes(0x50, 0x2a, 0x4d, 0x18, 2, 0, 0, 0, 1, 2), zstd(text)]));
dec('gzip_gzip', 7, 0, 0, gzip(gzText));
dec('deflate_then_gzip', 8, 6, 0x15, gzip(deflate(text)));
dec('br_then_gzip', 9, 0, 0, gzip(br(text)));
dec('zstd_then_br', 10, 0, 0x04, br(zstd(text)));
dec('four_codings', 11, 7, 0, zstd(br(deflate(gzText))));
dec('zstd_zstd_bomb', 13, 6, 0, zstd(zstd(zeros)));
dec('unknown_then_gzip', 14, 0, 0, gzText);

// fuzz_url: lines "url \n reference \n query".
const url = (name, ...lines) => write('fuzz_url', name, lines.join('\n'));
url('simple', 'http://example.com/a/b?x=1#f', '../c?y=2', 'a=1&b=x+y');
url('userinfo_port_ipv6', 'https://User:P%40ss@[::1]:8443/p;q?x', '//other.test:80', 'k=%41%zz&=&&x');
url('relative', '/just/a/path?q', 'http://abs.test/', 'sp=a%20b');
url('dots', 'http://a/b/c/d;p?q', '../../../g', '');
url('odd_chars', 'HTTP://Ex ample.COM:0080/ä"<>\\^`{|}%/?x y#z w', 'g#s', '+=+');
url('empty_authority', 'http://:/', '.', '');
url('scheme_relative', '//host/p', '?only', '');
url('ftp', 'ftp://x/y', 'mailto:a@b', '');
// Regressions: Boost.URL 1.81 assertions (aborts in debug builds) on a
// scheme followed by a lone '?' or '#', and on giving an authority to a
// base without one whose path is percent-escapes.
url('regression_lone_delimiter', 'ftp:#', '.st/mailto://x/y', 'http://:#');
url('regression_lone_after_fragment_removed', 'p:?#', '', '');
url('regression_network_path_on_escapes', 's:%', '//', '');

// fuzz_cookies: origin line, then Set-Cookie lines, '>' requests, '@' origin.
const cookies = (name, ...lines) => write('fuzz_cookies', name, lines.join('\n'));
cookies('basic', 'http://www.example.com/dir/page', 'a=1', 'b=2; Path=/; Domain=.example.com; Secure; HttpOnly',
  '>http://www.example.com/dir/x', '>https://sub.www.example.com/|a=0; z=9');
cookies('dates', 'https://example.com/', 'x=1; Expires=Sun, 06 Nov 1994 08:49:37 GMT',
  'y=2; expires=Sunday, 06-Nov-94 08:49:37 GMT', 'z=3; Expires=Sun Nov  6 08:49:37 2037', 'm=4; Max-Age=3600',
  'n=5; Max-Age=-1', 'o=6; Max-Age=99999999999999999999', '>https://example.com/');
cookies('domains', 'http://a.b.example.org/x/y/z', 'c=1; Domain=org', 'd=1; Domain=example.org; Path=/x',
  'e=1; Domain=other.org', '@http://127.0.0.1:8000/', 'f=1; Domain=127.0.0.1', '>http://127.0.0.1/',
  '>http://a.b.example.org/x/y');
// Regressions: a cookie date after 2262 overflowed the clock (UB); a NUL
// in a Set-Cookie value was stored and made the Cookie header throw.
cookies('regression_date_year_9993', '', '9993 sep 6 0:4:3');
cookies('regression_nul_in_set_cookie', '', '\0=', '>|');
cookies('replace_delete', 'http://h.test/', 's=1', 's=2', 's=; Max-Age=0', ' =v', 'novalue', '>http://h.test/');
