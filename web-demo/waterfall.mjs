// The waterfall: one row per request, its phases on a shared time axis.
//
//   queued     submitted, waiting for a max_concurrency slot
//   waiting    on the wire until the response head arrived (fetch does not
//              tell connecting from waiting for the server)
//   streaming  the body arriving
//   done / failed
//
// Each row also carries its times as data-* attributes (milliseconds from the
// start of the run), which is what the end-to-end test reads.
import { formatBytes, formatMs } from './format.mjs';

const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

/** A scale end (ms) at least `ms`, in steps that keep the bars from jumping while time passes. */
function niceSpan(ms) {
  for (const step of [500, 1000, 2000, 5000, 10000, 30000]) {
    if (ms <= step * 6) return Math.max(step, Math.ceil(ms / step) * step);
  }
  return Math.ceil(ms / 60000) * 60000;
}

/** Tick spacing (ms) for a span: about five ticks. */
function tickStep(span) {
  return [100, 200, 250, 500, 1000, 2000, 5000, 10000, 30000, 60000].find((s) => span / s <= 6) ?? 120000;
}

export class Waterfall {
  #rows = [];
  #t0 = 0;
  #finished = false;
  #frame = 0;

  constructor({ list, axis, order, summary }) {
    Object.assign(this, { list, axis, order, summary });
  }

  /** Clears the rows and starts the clock. */
  start() {
    this.#rows = [];
    this.#t0 = performance.now();
    this.#finished = false;
    this.list.replaceChildren();
    this.order.replaceChildren();
    this.summary.textContent = '';
    const tick = () => {
      this.render();
      if (!this.#finished) this.#frame = requestAnimationFrame(tick);
    };
    this.#frame = requestAnimationFrame(tick);
  }

  /** Stops the clock; the last render has the final scale. */
  finish() {
    this.#finished = true;
    cancelAnimationFrame(this.#frame);
    this.render();
    const failed = this.#rows.filter((r) => r.error).length;
    const bytes = this.#rows.reduce((sum, r) => sum + (r.size ?? 0), 0);
    const span = Math.max(0, ...this.#rows.map((r) => r.end ?? 0));
    this.summary.textContent = `${this.#rows.length} requests in ${formatMs(span)}: ` +
      `${formatBytes(bytes)} received, ${failed} failed`;
  }

  #now() { return performance.now() - this.#t0; }

  // The view that downloadAll() reports to (web-demo/run.mjs).
  view() {
    return {
      queued: (url) => this.#add(url),
      submitted: (row, fullUrl) => { row.fullUrl = fullUrl; },
      // Requests leave the queue in submission order, so the request hook's
      // call is for the first request submitted and not sent yet.
      sent: () => this.#mark(this.#rows.find((r) => r.sent === undefined && !r.error), 'sent', 'waiting'),
      head: (row, status) => {
        row.status = status;
        row.size = 0;
        this.#mark(row, 'head', 'streaming');
      },
      progress: (row, size) => { row.size = size; },
      done: (row, size) => {
        row.size = size;
        this.#end(row, 'done');
      },
      failed: (row, error) => {
        row.error = error?.name ? `${error.name}: ${error.message}` : String(error);
        row.errorClass = error?.name ?? 'Error';
        this.#end(row, 'failed');
      },
    };
  }

  #add(url) {
    const row = { index: this.#rows.length + 1, url, queued: this.#now(), phase: 'queued' };
    row.node = el('li', 'req');
    row.node.dataset.index = row.index;
    const label = el('div', 'label');
    label.append(el('span', 'num', String(row.index)), el('span', 'url', url));
    label.title = url;
    row.track = el('div', 'track');
    row.result = el('div', 'result');
    row.node.append(label, row.track, row.result);
    this.list.append(row.node);
    this.#rows.push(row);
    return row;
  }

  #mark(row, key, phase) {
    if (!row) return;
    row[key] = this.#now();
    row.phase = phase;
  }

  #end(row, phase) {
    row.end = this.#now();
    row.phase = phase;
    row.rank = this.order.children.length + 1;
    const item = el('li');
    item.dataset.index = row.index;
    item.append(el('span', 'url', row.url), el('span', `outcome ${phase}`, this.#outcome(row)));
    this.order.append(item);
  }

  #outcome(row) {
    if (row.error) {
      const partial = row.size ? `, ${formatBytes(row.size)} received` : '';
      return `${row.errorClass} after ${formatMs(row.end - row.queued)}${partial}`;
    }
    return `${row.status} · ${formatBytes(row.size)} · ${formatMs(row.end - row.queued)}`;
  }

  /** Draws every row against the current scale. */
  render() {
    const now = this.#now();
    const latest = this.#finished ? Math.max(1, ...this.#rows.map((r) => r.end ?? 0)) : now;
    const span = niceSpan(latest);
    const pct = (ms) => `${((100 * ms) / span).toFixed(3)}%`;
    this.#drawAxis(span, pct);
    for (const row of this.#rows) {
      const end = row.end ?? now;
      const segments = [['queued', row.queued, row.sent ?? (row.error ? end : now)]];
      if (row.sent !== undefined) segments.push(['waiting', row.sent, row.head ?? end]);
      if (row.head !== undefined) segments.push(['streaming', row.head, end]);
      const bars = segments.filter(([, from, to]) => to > from || row.end === undefined).map(([name, from, to]) => {
        const bar = el('span', `seg ${name}`);
        bar.style.left = pct(from);
        bar.style.width = pct(Math.max(0, to - from));
        bar.title = `${name}: ${formatMs(to - from)}`;
        return bar;
      });
      if (row.end !== undefined) {
        const cap = el('span', `cap ${row.phase}`);
        cap.style.left = pct(row.end);
        cap.title = row.error ?? `done at ${formatMs(row.end)}`;
        bars.push(cap);
      }
      row.track.replaceChildren(...bars);
      this.#drawResult(row);
      const d = row.node.dataset;
      d.phase = row.phase;
      for (const key of ['queued', 'sent', 'head', 'end']) {
        if (row[key] !== undefined) d[`${key}Ms`] = row[key].toFixed(1);
      }
      if (row.size !== undefined) d.size = row.size;
      if (row.status !== undefined) d.status = row.status;
      if (row.errorClass) d.error = row.errorClass;
      if (row.rank) d.rank = row.rank;
    }
  }

  #drawAxis(span, pct) {
    const step = tickStep(span);
    const ticks = [];
    for (let t = 0; t <= span + 1e-6; t += step) {
      const tick = el('span', 'tick', formatMs(t, { round: true }));
      tick.style.left = pct(t);
      ticks.push(tick);
    }
    this.axis.replaceChildren(...ticks);
  }

  #drawResult(row) {
    const status = el('span', 'status');
    if (row.error) {
      status.textContent = row.errorClass;
      status.classList.add('failed');
      status.title = row.error;
    } else if (row.status !== undefined) {
      status.textContent = String(row.status);
      status.classList.add(row.status >= 400 ? 'http-error' : 'ok');
    } else {
      status.textContent = row.phase === 'queued' ? 'queued' : row.phase === 'waiting' ? 'waiting' : '';
      status.classList.add('pending');
    }
    const detail = el('span', 'detail', row.size !== undefined ? formatBytes(row.size) : '');
    row.result.replaceChildren(status, detail);
  }
}
