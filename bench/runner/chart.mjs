// The chart of the report: a horizontal bar per comparison (httpxx / peer), a line at 1.0, a tick
// at each target; green when the target is met, red when missed, grey without a target. Plain SVG.

const escapeXml = (s) => String(s).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]);

const COLORS = { met: '#2e7d32', missed: '#c62828', none: '#78909c' };

/**
 * rows: [{ label, ratio (null when a side failed), target (or undefined), met (bool or undefined) }].
 * Returns the SVG document as a string.
 */
export function ratioChart(rows, { title, subtitle }) {
  const width = 820;
  const labelWidth = 300;
  const barLeft = labelWidth + 10;
  const barWidth = width - barLeft - 70;
  const rowHeight = 24;
  const top = 62;
  const height = top + rows.length * rowHeight + 40;
  const largest = Math.max(1.5, ...rows.map((r) => r.ratio ?? 0), ...rows.map((r) => r.target ?? 0));
  const scaleMax = Math.ceil((largest * 1.05) / 0.5) * 0.5;
  const x = (v) => barLeft + (Math.min(v, scaleMax) / scaleMax) * barWidth;

  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="12" y="22" font-size="16" font-weight="bold">${escapeXml(title)}</text>`);
  if (subtitle) out.push(`<text x="12" y="42" fill="#555">${escapeXml(subtitle)}</text>`);

  // Grid every 0.5, labelled at the bottom.
  const bottom = top + rows.length * rowHeight;
  for (let v = 0; v <= scaleMax + 1e-9; v += 0.5) {
    out.push(`<line x1="${x(v).toFixed(1)}" y1="${top - 6}" x2="${x(v).toFixed(1)}" y2="${bottom}" stroke="#e0e0e0"/>`);
    out.push(`<text x="${x(v).toFixed(1)}" y="${bottom + 16}" text-anchor="middle" fill="#555">${v.toFixed(1)}x</text>`);
  }

  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const mid = y + rowHeight / 2;
    out.push(`<text x="${labelWidth}" y="${mid + 4}" text-anchor="end">${escapeXml(r.label)}</text>`);
    if (r.ratio === null || r.ratio === undefined) {
      out.push(`<text x="${barLeft + 4}" y="${mid + 4}" fill="${COLORS.missed}">no result</text>`);
      return;
    }
    const color = r.met === undefined ? COLORS.none : r.met ? COLORS.met : COLORS.missed;
    out.push(`<rect x="${barLeft}" y="${y + 4}" width="${(x(r.ratio) - barLeft).toFixed(1)}" height="${rowHeight - 8}" fill="${color}"/>`);
    if (r.target !== undefined) {
      const tx = x(r.target).toFixed(1);
      out.push(`<line x1="${tx}" y1="${y + 1}" x2="${tx}" y2="${y + rowHeight - 1}" stroke="#000" stroke-width="2"/>`);
    }
  });

  // The 1.0 line, then the values over everything (a white halo keeps them readable on lines).
  out.push(`<line x1="${x(1).toFixed(1)}" y1="${top - 6}" x2="${x(1).toFixed(1)}" y2="${bottom}" stroke="#000" stroke-dasharray="4 3"/>`);
  rows.forEach((r, i) => {
    if (r.ratio === null || r.ratio === undefined) return;
    const mid = top + i * rowHeight + rowHeight / 2;
    out.push(`<text x="${(x(r.ratio) + 4).toFixed(1)}" y="${mid + 4}" stroke="#fff" stroke-width="3" paint-order="stroke">${r.ratio.toFixed(2)}x</text>`);
  });
  out.push(`<text x="${width - 12}" y="${height - 6}" text-anchor="end" fill="#555">green: target met; red: missed; grey: no target; black tick: the target; dashed: 1.0</text>`);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
