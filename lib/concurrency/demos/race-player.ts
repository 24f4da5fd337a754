/**
 * The race replay as a player (4.7.2): a Play button and a slider step through the recorded
 * interleaving; the chapter's table shows the steps so far with the current row highlighted, and
 * the timeline is drawn up to the current step, marked "now". The Play's timer runs in the page
 * (jslink moves the slider), so stepping costs the kernel one redraw per step.
 */
import { escapeHtml } from "../../render/html.js";
import { svgImage } from "../../render/svg-image.js";
import { HBox, HTML, IntSlider, Play, VBox, jslink } from "../../widgets/index.js";
import { Timeline, type TraceLike, describeEvent } from "../timeline.js";
import type { TraceEvent } from "../trace-event.js";

/** A player over the events of a replayed race. */
export class RacePlayer extends VBox {
  readonly play: Play;
  readonly slider: IntSlider;
  private readonly view: HTML;

  constructor(
    private readonly trace: TraceLike,
    private readonly events: TraceEvent[],
    private readonly title: string,
  ) {
    const last = Math.max(0, events.length - 1);
    const play = new Play({ value: 0, min: 0, max: last, interval: 700, description: "replay" });
    const slider = new IntSlider({ value: 0, min: 0, max: last, description: "step" });
    const view = new HTML("");
    super([new HBox([play, slider]), view]);
    this.play = play;
    this.slider = slider;
    this.view = view;
    jslink([play, "value"], [slider, "value"]);
    slider.observe("value", () => this.draw());
    this.draw();
  }

  /** The step shown (0-based index into the events). */
  get step(): number {
    return this.slider.value;
  }
  set step(step: number) {
    this.slider.value = Math.max(0, Math.min(this.events.length - 1, step));
  }

  override describe(): string {
    return `RacePlayer(step ${this.step + 1} of ${this.events.length}: ${this.events[this.step] === undefined ? "" : describeEvent(this.events[this.step])})`;
  }

  private draw(): void {
    const step = this.step;
    const shown = this.events.slice(0, step + 1);
    const lanes = [...new Set(this.events.map((e) => e.thread))].sort((a, b) => a - b);
    const laneName = (slot: number) => this.trace.lanes.get(slot) ?? `thread ${slot}`;
    const rows = this.events.map((e, i) => {
      const cells = lanes.map((slot) => `<td>${slot === e.thread && i <= step ? escapeHtml(describeEvent(e)) : ""}</td>`).join("");
      const style = i === step ? ' style="background:#fff3b0;font-weight:bold"' : i > step ? ' style="color:#bbbbbb"' : "";
      return `<tr data-step="${i}"${style}><td>${i + 1}</td>${cells}</tr>`;
    });
    const table = `<table class="lazylab-race-table"><thead><tr><th>step</th>${lanes.map((s) => `<th>${escapeHtml(laneName(s))}</th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
    const partial: TraceLike = { lanes: this.trace.lanes, events: () => shown };
    const marks = new Map(shown.length === 0 ? [] : [[shown[shown.length - 1], "← now"] as const]);
    const timeline = new Timeline(partial, { title: `${this.title}: step ${step + 1} of ${this.events.length}`, layout: "steps", marks });
    this.view.value = `<div class="lazylab-race-step" data-step="${step}">${table}${svgImage(timeline.svg(), `step ${step + 1}`)}</div>`;
  }
}
