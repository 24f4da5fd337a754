/** A sparkline: a small SVG line of recent numbers, with its range, for values arriving live. */

/** Size of a sparkline in pixels. */
export interface SparklineSize {
  width?: number;
  height?: number;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4).replace(/\.?0+$/, ""));

/** An SVG line through `values` (oldest left), scaled to their minimum and maximum, labelled with both. */
export function sparklineSvg(values: readonly number[], size: SparklineSize = {}): string {
  const width = size.width ?? 320;
  const height = size.height ?? 56;
  const pad = 4;
  const label = 44; // room on the right for the min/max labels
  if (values.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"></svg>`;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min || 1;
  const plotWidth = width - label - 2 * pad;
  const step = values.length > 1 ? plotWidth / (values.length - 1) : 0;
  const y = (v: number) => pad + (height - 2 * pad) * (1 - (v - min) / span);
  const points = values.map((v, i) => `${(pad + i * step).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const last = values[values.length - 1];
  const lastX = pad + (values.length - 1) * step;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<polyline fill="none" stroke="#1565c0" stroke-width="1.5" points="${points}"/>` +
    `<circle cx="${lastX.toFixed(1)}" cy="${y(last).toFixed(1)}" r="2.5" fill="#1565c0"/>` +
    `<text x="${width - label + 4}" y="${pad + 9}" font-size="10" font-family="sans-serif" fill="#616161">${fmt(max)}</text>` +
    `<text x="${width - label + 4}" y="${height - pad}" font-size="10" font-family="sans-serif" fill="#616161">${fmt(min)}</text>` +
    "</svg>"
  );
}
