// Sizes and durations as people read them.

/** Bytes in SI units: "740 B", "3.0 kB", "12 kB", "2.0 MB". */
export function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 9.95 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** Milliseconds as "840 ms" or "2.10 s"; `round`: "0", "500 ms", "1 s", "1.5 s" for axis ticks. */
export function formatMs(ms, { round = false } = {}) {
  if (round) return ms === 0 ? '0' : ms < 1000 ? `${ms} ms` : `${+(ms / 1000).toFixed(2)} s`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}
