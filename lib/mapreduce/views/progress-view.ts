/**
 * Showing progress: a display under the cell that the job updates in place (update_display_data),
 * at most ten times a second, with one bar per phase; and the same as text.
 */
import { type DisplayFunction, newDisplay } from "../../jupyter.js";
import { type ProgressBar, progressBarsHtml, progressBarsText } from "../../render/progress-bar.js";
import { formatBytes, formatCount, formatSeconds } from "../../render/units.js";
import { type PhaseProgress, type ProgressSnapshot, phaseFraction } from "../progress.js";
import { MIMEBUNDLE } from "../../render/mimebundle.js";

const MIN_INTERVAL_MS = 100;

/** The line beside a phase's bar: tasks, bytes, records, elapsed, ETA, failed attempts. */
export function phaseDetail(p: PhaseProgress): string {
  const parts = [`${p.tasksDone}/${p.tasksTotal} ${p.unit}`];
  if (p.tasksRunning > 0) parts[0] += ` (${p.tasksRunning} running)`;
  if (p.bytesTotal > 0) parts.push(`${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`);
  parts.push(`${formatCount(p.recordsDone)}${p.recordsTotal > 0 ? ` of ${formatCount(p.recordsTotal)}` : ""} records`);
  if (p.state !== "waiting") parts.push(formatSeconds(p.elapsed));
  if (p.eta !== undefined) parts.push(`ETA ${formatSeconds(p.eta)}`);
  if (p.failedAttempts > 0) parts.push(`${p.failedAttempts} failed attempt${p.failedAttempts === 1 ? "" : "s"}`);
  if (p.state === "failed") parts.push("stopped");
  return parts.join(" · ");
}

function bars(snapshot: ProgressSnapshot): ProgressBar[] {
  return snapshot.phases.map((p) => ({ label: p.name, fraction: phaseFraction(p), detail: phaseDetail(p), state: p.state }));
}

/** The snapshot as text, one bar per line. */
export function progressText(snapshot: ProgressSnapshot): string {
  return progressBarsText(bars(snapshot));
}

/** The snapshot as HTML. */
export function progressHtml(snapshot: ProgressSnapshot, title: string): string {
  return progressBarsHtml(bars(snapshot), title);
}

/** A live display of a job's progress, throttled; `close` shows the final state. */
export class ProgressView {
  private display: DisplayFunction | undefined;
  private last = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly title: string,
    private readonly read: () => ProgressSnapshot,
    private readonly callback?: (snapshot: ProgressSnapshot) => void,
    showInNotebook = true,
  ) {
    if (showInNotebook) this.display = newDisplay();
  }

  /** Something changed: redraw now, or soon if the last redraw was under 100 ms ago. */
  changed(): void {
    const wait = this.last + MIN_INTERVAL_MS - performance.now();
    if (wait <= 0) this.draw();
    else this.timer ??= setTimeout(() => this.draw(), wait);
  }

  /** Draws the final state and stops updating. */
  close(): void {
    this.draw();
  }

  private draw(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.last = performance.now();
    const snapshot = this.read();
    this.callback?.(snapshot);
    if (this.display === undefined) return;
    const bundle = { "text/plain": `${this.title}\n${progressText(snapshot)}`, "text/html": progressHtml(snapshot, this.title) };
    this.display({ [MIMEBUNDLE]: () => bundle });
  }
}
