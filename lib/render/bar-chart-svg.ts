/** Vertical bar charts: histograms of lost updates, speedups. */
import { COLORS, svgDocument, tag, text, textWidth } from "./svg-markup.js";

/** One bar. */
export interface Bar {
  label: string;
  value: number;
  /** Text above the bar (defaults to the value). */
  caption?: string;
  color?: string;
}

/** A chart's contents. */
export interface BarChart {
  title: string;
  bars: Bar[];
  /** Axis label for the values. */
  valueLabel: string;
  /** Axis label under the bars. */
  categoryLabel?: string;
  /** A dashed horizontal line (an ideal speedup, say). */
  reference?: { value: number; label: string };
}

/** The chart as SVG. */
export function barChartSvg(chart: BarChart): string {
  const widest = Math.max(...chart.bars.map((b) => Math.max(textWidth(b.label, 11), textWidth(b.caption ?? "", 11))));
  const barWidth = Math.max(28, Math.min(160, Math.max(widest + 8, 520 / Math.max(1, chart.bars.length))));
  const left = 56;
  const top = 40;
  const plotHeight = 190;
  const width = Math.max(360, left + chart.bars.length * (barWidth + 10) + 30, textWidth(chart.title, 14) + 70);
  const height = top + plotHeight + (chart.categoryLabel ? 62 : 46);
  const max = Math.max(chart.reference?.value ?? 0, ...chart.bars.map((b) => b.value), 1e-9) * 1.15;
  const y = (v: number) => top + plotHeight - (v / max) * plotHeight;
  const body: string[] = [text(left, 22, chart.title, { "font-size": 14, "font-weight": "bold", fill: COLORS.ink })];
  for (const tick of ticks(max)) {
    body.push(tag("line", { x1: left, x2: width - 20, y1: y(tick), y2: y(tick), stroke: COLORS.grid }));
    body.push(text(left - 6, y(tick) + 4, formatTick(tick), { "text-anchor": "end", fill: COLORS.muted, "font-size": 10 }));
  }
  chart.bars.forEach((bar, i) => {
    const x = left + 10 + i * (barWidth + 10);
    body.push(
      tag("rect", { x, y: y(bar.value), width: barWidth, height: Math.max(0, y(0) - y(bar.value)), fill: bar.color ?? COLORS.read }),
    );
    body.push(
      text(x + barWidth / 2, y(bar.value) - 4, bar.caption ?? formatTick(bar.value), {
        "text-anchor": "middle",
        "font-size": 11,
        fill: COLORS.ink,
      }),
    );
    body.push(text(x + barWidth / 2, top + plotHeight + 16, bar.label, { "text-anchor": "middle", "font-size": 11, fill: COLORS.ink }));
  });
  if (chart.reference !== undefined) {
    const ry = y(chart.reference.value);
    body.push(tag("line", { x1: left, x2: width - 20, y1: ry, y2: ry, stroke: COLORS.good, "stroke-dasharray": "5 4" }));
    body.push(text(width - 22, ry - 4, chart.reference.label, { "text-anchor": "end", "font-size": 10, fill: COLORS.good }));
  }
  body.push(tag("line", { x1: left, x2: width - 20, y1: y(0), y2: y(0), stroke: COLORS.ink }));
  body.push(
    text(14, top + plotHeight / 2, chart.valueLabel, {
      transform: `rotate(-90 14 ${top + plotHeight / 2})`,
      "text-anchor": "middle",
      fill: COLORS.muted,
      "font-size": 11,
    }),
  );
  if (chart.categoryLabel)
    body.push(
      text(left + (width - left) / 2, height - 12, chart.categoryLabel, { "text-anchor": "middle", fill: COLORS.muted, "font-size": 11 }),
    );
  return svgDocument(width, height, chart.title, body);
}

function ticks(max: number): number[] {
  const step = 10 ** Math.floor(Math.log10(max / 2));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => max / s <= 6) ?? step * 10;
  const out: number[] = [];
  for (let v = 0; v <= max; v += nice) out.push(v);
  return out;
}

function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 2 : 1);
}
