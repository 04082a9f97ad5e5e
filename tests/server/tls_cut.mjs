// TLS handshakes that a hostile or broken peer cuts short, one listener (port) per behaviour,
// since nothing of the request is known before the handshake:
//   hello_close    reads the ClientHello, then closes (FIN) without a byte of answer
//   hello_reset    reads the ClientHello, then resets the connection (RST)
//   mid_handshake  relays to a real TLS listener (`tlsPort`) but passes on only the first
//                  `MID_HANDSHAKE_BYTES` of its answer (part of ServerHello + certificate), then closes
//   plain_http     answers the ClientHello with a plain HTTP/1.1 400 response (no TLS on this port)
// A client must fail each with ConnectError and keep nothing open.

import net from 'node:net';

const MID_HANDSHAKE_BYTES = 100;

/** Start the listeners on 127.0.0.1. Resolves to { ports: {name: port}, close() }. */
export async function startTlsCutListeners(tlsPort) {
  const sockets = new Set();
  const track = (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    return s;
  };

  const behaviours = {
    hello_close: (client) => client.once('data', () => client.destroy()),
    hello_reset: (client) => client.once('data', () => client.resetAndDestroy()),
    mid_handshake: (client) => {
      const upstream = track(net.connect(tlsPort, '127.0.0.1'));
      let passed = 0;
      client.on('data', (d) => upstream.write(d));
      upstream.on('data', (d) => {
        const room = MID_HANDSHAKE_BYTES - passed;
        if (room > 0) client.write(d.subarray(0, room));
        passed += d.length;
        if (passed >= MID_HANDSHAKE_BYTES) {
          client.end();
          upstream.destroy();
        }
      });
      const stop = () => {
        client.destroy();
        upstream.destroy();
      };
      upstream.on('close', stop);
      client.on('close', stop);
    },
    plain_http: (client) =>
      client.once('data', () =>
        client.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 29\r\n\r\nthis port does not speak TLS\n')),
  };

  const servers = [];
  const ports = {};
  for (const [name, behave] of Object.entries(behaviours)) {
    const server = net.createServer((client) => behave(track(client)));
    servers.push(server);
    ports[name] = await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server.address().port));
    });
  }

  return {
    ports,
    close: async () => {
      const closed = servers.map((s) => new Promise((resolve) => s.close(() => resolve())));
      for (const s of sockets) s.destroy();
      await Promise.all(closed);
    },
  };
}
