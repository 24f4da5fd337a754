/**
 * What a live view of an Observable shows: its state, how many values arrived, the latest few,
 * and a sparkline of the recent numbers. Memory is bounded however long the Observable runs.
 * The kernel feeds it (kernel/engine/live.ts); it only renders.
 */
import { escapeHtml } from "../render/escape-html.js";
import { sparklineSvg } from "../render/sparkline.js";
import { svgImage } from "../render/svg-image.js";
import { valueText } from "../render/value-text.js";
import { valueTableHtml } from "../render/value-table.js";
import { LIVE_DEFAULTS, type LiveOptions } from "./live.js";

/** Where a live view stands. */
export type LiveStatus = "live" | "completed" | "limit" | "time limit" | "interrupted" | "error";

const PLOTTED = 200; // numbers kept for the sparkline

const STATUS_TEXT: Record<LiveStatus, string> = {
  live: "live",
  completed: "completed",
  limit: "stopped at the value limit",
  "time limit": "stopped at the time limit",
  interrupted: "interrupted",
  error: "failed",
};
const STATUS_COLOUR: Record<LiveStatus, string> = {
  live: "#2e7d32",
  completed: "#616161",
  limit: "#ef6c00",
  "time limit": "#ef6c00",
  interrupted: "#c62828",
  error: "#c62828",
};

// Fields that number or time the values rather than measure anything: not worth a chart.
const COUNTERS = /^(id|seq|index|i|n|count|time|timeMs|timestamp|t)$|Id$/;

/** The number to plot for `value`: itself, its `value` field, or its last numeric field that is not a counter (id, seq, time…). */
export function defaultPlot(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (value === null || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.value === "number") return record.value;
  const measures = Object.entries(record).filter(([key, v]) => typeof v === "number" && Number.isFinite(v) && !COUNTERS.test(key));
  return measures.length === 0 ? undefined : (measures[measures.length - 1][1] as number);
}

/** The state of one live view. */
export class LiveView<T> {
  status: LiveStatus = "live";
  count = 0;
  error: string | undefined;
  private readonly recent: T[] = [];
  private readonly plotted: number[] = [];
  private readonly keep: number;
  private readonly title: string;
  private readonly plot: (value: T) => number | undefined;
  private endedAt: number | undefined;

  constructor(
    options: LiveOptions<T> = {},
    private readonly startedAt = Date.now(),
  ) {
    this.keep = Math.max(1, options.keep ?? LIVE_DEFAULTS.keep);
    this.title = options.title ?? LIVE_DEFAULTS.title;
    this.plot = options.plot ?? defaultPlot;
  }

  /** Records one value. */
  push(value: T): void {
    this.count++;
    this.recent.push(value);
    if (this.recent.length > this.keep) this.recent.shift();
    const n = this.plot(value);
    if (n !== undefined) {
      this.plotted.push(n);
      if (this.plotted.length > PLOTTED) this.plotted.shift();
    }
  }

  /** Records how the view ended (the first end wins). */
  end(status: Exclude<LiveStatus, "live">, error?: unknown, at = Date.now()): void {
    if (this.status !== "live") return;
    this.status = status;
    this.endedAt = at;
    if (error !== undefined) this.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }

  /** The plain text: a status line then the latest values (no timings, so saved notebooks are stable). */
  text(): string {
    const values = this.count === 1 ? "1 value" : `${this.count.toLocaleString("en-US")} values`;
    const lines = [`${this.title} · ${STATUS_TEXT[this.status]} · ${values}${this.status === "live" ? " so far" : ""}`];
    if (this.error !== undefined) lines.push(`  ${this.error}`);
    const hidden = this.count - this.recent.length;
    if (hidden > 0) lines.push(`  … ${hidden.toLocaleString("en-US")} earlier`);
    this.recent.forEach((v, i) => lines.push(`  [${hidden + i}] ${valueText(v, 100)}`));
    return lines.join("\n");
  }

  /** The HTML: status, count and elapsed time, a sparkline of recent numbers, a table of the latest values. */
  html(now = Date.now()): string {
    const seconds = (((this.endedAt ?? now) - this.startedAt) / 1000).toFixed(1);
    const colour = STATUS_COLOUR[this.status];
    const pill = `<span style="display:inline-block;padding:0 8px;border-radius:9px;background:${colour};color:white;font-size:0.85em">${escapeHtml(STATUS_TEXT[this.status])}</span>`;
    const head = `<div style="font-family:sans-serif"><b>${escapeHtml(this.title)}</b> ${pill} <span style="color:#616161">${this.count.toLocaleString("en-US")} value${this.count === 1 ? "" : "s"} in ${seconds} s</span></div>`;
    const error = this.error === undefined ? "" : `<div style="color:#c62828;font-family:monospace">${escapeHtml(this.error)}</div>`;
    const chart = this.plotted.length > 1 ? `<div>${svgImage(sparklineSvg(this.plotted), "sparkline")}</div>` : "";
    const hidden = this.count - this.recent.length;
    const labels = this.recent.map((_, i) => String(hidden + i));
    const table = this.recent.length > 0 ? valueTableHtml(this.recent, labels) : "";
    const earlier =
      hidden > 0
        ? `<div style="color:#9e9e9e;font-size:0.85em;font-family:sans-serif">latest ${this.recent.length} shown, ${hidden.toLocaleString("en-US")} earlier</div>`
        : "";
    return `<div data-live-status="${this.status}">${head}${error}${chart}${table}${earlier}</div>`;
  }

  /** Both forms, as a MIME bundle. */
  bundle(now = Date.now()): Record<string, string> {
    return { "text/plain": this.text(), "text/html": this.html(now) };
  }
}
