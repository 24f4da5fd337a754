/**
 * `%%mapreduce --panel` (`mapreduce({ panel: true })`): the job's progress as a widget that updates
 * live (tasks, bytes and records per phase, elapsed time) with a Cancel button. Cancel aborts the
 * job's signal, which stops it as the notebook's Interrupt does: worker processes are killed and
 * the temporary folder is removed, by the same code paths.
 */
import { type DisplayFunction, newDisplay } from "../../jupyter.js";
import { escapeHtml } from "../../render/html.js";
import { MIMEBUNDLE } from "../../render/mimebundle.js";
import { Button, HTML, HBox, VBox } from "../../widgets/index.js";
import type { ProgressSnapshot } from "../progress.js";
import { progressHtml } from "./progress-view.js";

/** Thrown by a job stopped with its panel's Cancel button. */
export class JobCancelledError extends Error {
  override name = "JobCancelledError";
  constructor() {
    super("the MapReduce job was cancelled (its panel's Cancel button): its worker processes were stopped and its temporary files removed");
    this.stack = `${this.name}: ${this.message}`; // where the click was handled says nothing to the reader
  }
}

/** A running job's panel: the progress view, a Cancel button and a status line. */
export class JobPanel extends VBox {
  readonly cancelButton: Button;
  private readonly view: HTML;
  private readonly status: HTML;
  private readonly controller = new AbortController();
  /** Snapshots drawn so far (each a live update of the panel). */
  updates = 0;
  private outcome = "running";
  private shown: { display: DisplayFunction; bundle: Record<string, unknown> } | undefined;

  constructor(private readonly title: string) {
    const view = new HTML(progressHtml({ phases: [], elapsed: 0, state: "running" }, title));
    const cancelButton = new Button({ description: "Cancel", buttonStyle: "danger", tooltip: "stop the job and its workers" });
    const status = new HTML(statusHtml("running"));
    super([view, new HBox([cancelButton, status])]);
    this.view = view;
    this.status = status;
    this.cancelButton = cancelButton;
    cancelButton.onClick(() => this.cancel());
  }

  /** Displays the panel under the running cell (once); `finish` updates that output's static picture. */
  show(): void {
    if (this.shown !== undefined) return;
    const display = newDisplay();
    const bundle = this[MIMEBUNDLE]();
    display({ [MIMEBUNDLE]: () => bundle });
    this.shown = { display, bundle };
  }

  /** Aborted when Cancel is clicked. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops the job, as its Cancel button does. */
  cancel(): void {
    if (this.controller.signal.aborted) return;
    this.status.value = statusHtml("cancelling…");
    this.cancelButton.disabled = true;
    this.controller.abort(new JobCancelledError());
  }

  /** Shows a new snapshot of the job's progress. */
  update(snapshot: ProgressSnapshot): void {
    this.updates++;
    this.view.value = progressHtml(snapshot, this.title);
  }

  /** The job has ended: the last state, and Cancel disabled. */
  finish(state: "done" | "failed"): void {
    this.cancelButton.disabled = true;
    this.outcome = this.controller.signal.aborted ? "cancelled: workers stopped, temporary files removed" : state;
    this.status.value = statusHtml(this.outcome);
    // The same view, with the final picture: what a saved notebook or an HTML report keeps.
    if (this.shown !== undefined) {
      const bundle = { ...this.shown.bundle, "text/plain": this.describe(), "text/html": this.picture() };
      this.shown.display({ [MIMEBUNDLE]: () => bundle });
    }
  }

  override describe(): string {
    return `${this.title} (${this.outcome})`;
  }
}

function statusHtml(state: string): string {
  return `<span class="lazylab-job-status">${escapeHtml(state)}</span>`;
}
