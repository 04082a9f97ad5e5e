// Faults under load: a keep-alive server that drops idle connections at random, and a record of
// the request ids it received, so that a client can be checked for never sending a request twice.

import { readBody, sendJson } from './http_util.mjs';

/** Per-server state: ids seen (id -> times) and how many connections the route closed. */
const faults = (ctx) => (ctx.state.faults ??= { seen: new Map(), closes: 0 });

const number = (params, name, fallback, min, max) => {
  const v = Number(params.get(name) ?? fallback);
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
};

export const routes = [
  {
    // /idle-close/seen?prefix=S: the request ids starting with S that /idle-close received:
    // {received (requests), distinct (ids), duplicates: [ids received more than once],
    //  closes (connections /idle-close closed so far, over every prefix)}.
    path: /^\/idle-close\/seen$/,
    handler: (req, res, ctx) => {
      req.resume();
      const f = faults(ctx);
      const prefix = ctx.params.get('prefix') ?? '';
      let received = 0;
      let distinct = 0;
      const duplicates = [];
      for (const [id, times] of f.seen) {
        if (!id.startsWith(prefix)) continue;
        distinct++;
        received += times;
        if (times > 1) duplicates.push(id);
      }
      sendJson(res, 200, { received, distinct, duplicates, closes: f.closes });
    },
  },
  {
    // /idle-close?p=0.5&max_ms=5 (any method): records the X-Request-Id header (if any), reads the
    // body and answers {"id", "conn"} with keep-alive. Then, with probability p, the server closes
    // the connection once it has been idle for a random 0..max_ms ms -- unless a request is being
    // served on it by then: a request whose head the server parsed is always answered, one still
    // on its way is lost with the connection (as with any server's idle timeout).
    path: /^\/idle-close$/,
    handler: async (req, res, ctx) => {
      const f = faults(ctx);
      const id = req.headers['x-request-id'] ?? null;
      if (id !== null) f.seen.set(id, (f.seen.get(id) ?? 0) + 1);
      await readBody(req);
      const p = number(ctx.params, 'p', 0.5, 0, 1);
      const maxMs = number(ctx.params, 'max_ms', 5, 0, 10000);
      const socket = req.socket;
      const conn = ctx.conn;
      res.once('finish', () => {
        if (Math.random() >= p) return;
        ctx.timers.detached(Math.floor(Math.random() * (maxMs + 1)), () => {
          if (conn.active > 0 || socket.destroyed) return;
          f.closes++;
          socket.destroy();
        });
      });
      sendJson(res, 200, { id, conn: ctx.connId });
    },
  },
];
