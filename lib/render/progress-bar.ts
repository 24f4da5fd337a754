/** Progress bars: one row per phase of a long job, as HTML and as a line of text. */
import { escapeHtml } from "./escape-html.js";

/** One bar: what it measures, how far along it is (0…1), and what to say beside it. */
export interface ProgressBar {
  label: string;
  fraction: number;
  detail: string;
  state: "waiting" | "running" | "done" | "failed";
}

const COLORS: Record<ProgressBar["state"], string> = { waiting: "#bbb", running: "#4c8bf5", done: "#3a9d5d", failed: "#d9534f" };

/** An HTML block of bars, one per row, each with its label and detail line. */
export function progressBarsHtml(bars: ProgressBar[], title?: string): string {
  const rows = bars.map((bar) => {
    const percent = Math.round(Math.min(1, Math.max(0, bar.fraction)) * 1000) / 10;
    return (
      `<div style="display:flex;align-items:center;gap:8px;margin:2px 0">` +
      `<span style="width:5em;font-weight:bold">${escapeHtml(bar.label)}</span>` +
      `<span style="flex:0 0 240px;height:12px;background:#eee;border-radius:3px;overflow:hidden">` +
      `<span style="display:block;height:100%;width:${percent}%;background:${COLORS[bar.state]}"></span></span>` +
      `<span style="width:3.5em;text-align:right;font-family:monospace">${percent.toFixed(0)}%</span>` +
      `<span style="font-family:monospace;font-size:90%;color:#444">${escapeHtml(bar.detail)}</span></div>`
    );
  });
  const heading = title === undefined ? "" : `<div style="margin-bottom:4px">${escapeHtml(title)}</div>`;
  return `<div class="lazylab-progress">${heading}${rows.join("")}</div>`;
}

/** The same bars as text: `map     [##########··········]  50%  3/6 splits …`. */
export function progressBarsText(bars: ProgressBar[], width = 20): string {
  return bars
    .map((bar) => {
      const filled = Math.round(Math.min(1, Math.max(0, bar.fraction)) * width);
      const percent = `${Math.round(bar.fraction * 100)}%`.padStart(4);
      return `${bar.label.padEnd(7)} [${"#".repeat(filled)}${"·".repeat(width - filled)}] ${percent}  ${bar.detail}`;
    })
    .join("\n");
}
