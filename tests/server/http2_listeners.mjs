// The test server's HTTP/2 listeners: the same routes over HTTP/2, on TLS
// (ALPN "h2", with HTTP/1.1 still served to clients that do not offer h2)
// and in clear text with prior knowledge (h2c). Node.js 20 built-ins only.
import http2 from 'node:http2';

// Fields that name an HTTP/1.1 connection; node:http2 refuses them in a
// response, and the routes set some of them for HTTP/1.1's sake.
const CONNECTION_FIELD = /^(connection|transfer-encoding|keep-alive|upgrade|proxy-connection)$/i;

function withoutConnectionFields(headers) {
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return headers;
  const out = {};
  for (const [name, value] of Object.entries(headers)) if (!CONNECTION_FIELD.test(name)) out[name] = value;
  return out;
}

/** Lets the HTTP/1.1 routes answer an HTTP/2 request: connection fields are left out. */
export function adaptResponse(req, res) {
  if (req.httpVersionMajor !== 2) return;
  const writeHead = res.writeHead.bind(res);
  res.writeHead = (status, ...rest) => writeHead(status, ...rest.map(withoutConnectionFields));
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => (CONNECTION_FIELD.test(name) ? res : setHeader(name, value));
}

/**
 * Starts both listeners. `configure(server)` registers the server's sockets (for stop()),
 * `listen(server)` resolves to its port, `handler(scheme, hostPort)` makes the request handler,
 * `onSession(session)` sees each HTTP/2 connection. Resolves to { servers, h2Port, h2cPort }.
 */
export async function startHttp2({ key, cert, configure, listen, handler, onSession, host }) {
  const settings = { maxConcurrentStreams: 100 };
  const secure = configure(http2.createSecureServer({ key, cert, allowHTTP1: true, settings }));
  const clear = configure(http2.createServer({ settings }));
  const servers = [secure, clear];
  for (const server of servers) server.on('session', onSession);
  const h2Port = await listen(secure);
  const h2cPort = await listen(clear);
  secure.on('request', handler('https', `${host}:${h2Port}`));
  clear.on('request', handler('http', `${host}:${h2cPort}`));
  return { servers, h2Port, h2cPort };
}
