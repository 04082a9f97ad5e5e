// A deliberately simple multipart/form-data parser (RFC 7578) for the echo endpoints.
//
// Result: { form: { name: value | [values] }, files: { name: file | [files] } } where a part with a
// `filename` parameter is a file: { filename, content_type, content (utf-8), content_base64, size,
// headers: { lower-case name: value } }. Malformed input yields whatever parts were complete.

/** Extract a parameter (quoted or token) from a header value such as Content-Type or Content-Disposition. */
export function headerParam(value, name) {
  // filename*=UTF-8''percent-encoded (RFC 5987) wins over filename= when both are present.
  const ext = new RegExp(`(?:^|;)\\s*${name}\\*\\s*=\\s*([^']*)'[^']*'([^;]*)`, 'i').exec(value);
  if (ext) {
    try {
      return decodeURIComponent(ext[2].trim());
    } catch {
      /* fall through to the plain parameter */
    }
  }
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(value);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2];
}

function addMulti(obj, k, v) {
  if (!(k in obj)) obj[k] = v;
  else if (Array.isArray(obj[k])) obj[k].push(v);
  else obj[k] = [obj[k], v];
}

export function parseMultipart(body, contentType) {
  const form = {};
  const files = {};
  const boundary = headerParam(contentType ?? '', 'boundary');
  if (!boundary) return { form, files };
  const delim = Buffer.from(`--${boundary}`);
  const CRLF = Buffer.from('\r\n');
  let pos = body.indexOf(delim);
  while (pos >= 0) {
    pos += delim.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break; // close-delimiter
    const lineEnd = body.indexOf(CRLF, pos); // skip transport padding after the delimiter
    if (lineEnd < 0) break;
    const headEnd = body.indexOf('\r\n\r\n', lineEnd);
    if (headEnd < 0) break;
    // The delimiter of the next part is preceded by CRLF, which belongs to the delimiter.
    const next = body.indexOf(Buffer.concat([CRLF, delim]), headEnd + 4);
    if (next < 0) break;
    const headText = body.subarray(lineEnd + 2, headEnd).toString('utf8');
    const content = body.subarray(headEnd + 4, next);
    const headers = {};
    for (const line of headText.split('\r\n')) {
      const c = line.indexOf(':');
      if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
    }
    const disp = headers['content-disposition'] ?? '';
    const name = headerParam(disp, 'name') ?? '';
    const filename = headerParam(disp, 'filename');
    if (filename !== null) {
      addMulti(files, name, {
        filename,
        content_type: headers['content-type'] ?? null,
        content: content.toString('utf8'),
        content_base64: content.toString('base64'),
        size: content.length,
        headers,
      });
    } else {
      addMulti(form, name, content.toString('utf8'));
    }
    pos = next + 2;
  }
  return { form, files };
}
