/**
 * `stream.explore()`: a widget to force a Stream one element at a time. "next" computes the rest
 * of the last computed cell (one call of its compute_rest); "walk again" reads every computed
 * rest from the head, and the count of computations does not move, because a rest, once
 * computed, is memoized (4.2.5). The view shows computed cells solid and the pending rest dashed.
 */
import { escapeHtml } from "../render/html.js";
import { Button, HBox, HTML, VBox } from "../widgets/index.js";
import { type Stream, streamBundle } from "./stream-view.js";

/** The explorer of one stream: a VBox of the view, the buttons and the counts. */
export class StreamExplorer<T> extends VBox {
  /** How many rests the explorer has computed ("next" clicks that reached a pending rest). */
  computations = 0;
  /** How many times "walk again" read the computed rests. */
  walks = 0;
  private readonly view: HTML;
  private readonly status: HTML;
  readonly nextButton: Button;
  readonly walkButton: Button;

  constructor(private readonly head: Stream<T>) {
    const view = new HTML("");
    const status = new HTML("");
    const nextButton = new Button({ description: "next", buttonStyle: "primary", tooltip: "compute one more element" });
    const walkButton = new Button({ description: "walk again", tooltip: "read every computed rest from the head" });
    super([view, new HBox([nextButton, walkButton]), status]);
    this.view = view;
    this.status = status;
    this.nextButton = nextButton;
    this.walkButton = walkButton;
    nextButton.onClick(() => void this.next());
    walkButton.onClick(() => void this.walkAgain());
    this.refresh("");
  }

  /** Forces one more element: computes the rest of the last computed cell. Returns the new element (undefined at the end). */
  next(): T | undefined {
    let s = this.head;
    if (s.isEmpty) return undefined;
    while (s.restState === "computed") {
      if (s.rest.isEmpty) return this.refreshed("the stream has ended: nothing left to compute", undefined);
      s = s.rest;
    }
    const rest = s.rest; // the one computation
    this.computations++;
    if (rest.isEmpty) return this.refreshed("computed the rest: Stream.empty, the end", undefined);
    return this.refreshed(`computed one more element: ${String(rest.first)}`, rest.first);
  }

  /** Reads every computed rest from the head again; returns how many it read. None is recomputed. */
  walkAgain(): number {
    let read = 0;
    for (let s = this.head; !s.isEmpty && s.restState === "computed"; s = s.rest) read++;
    this.walks++;
    this.refresh(`walked ${read} computed rest${read === 1 ? "" : "s"} again: 0 computed (memoized)`);
    return read;
  }

  override describe(): string {
    return `StreamExplorer(${streamBundle(this.head)["text/plain"]}, ${this.computations} computed here)`;
  }

  private refreshed<R>(note: string, value: R): R {
    this.refresh(note);
    return value;
  }

  private refresh(note: string): void {
    this.view.value = streamBundle(this.head)["text/html"];
    const counts = `rests computed by "next": <b>${this.computations}</b> · walks again: <b>${this.walks}</b>`;
    this.status.value = `<div class="lazylab-stream-status">${counts}${note === "" ? "" : ` · ${escapeHtml(note)}`}</div>`;
  }
}

/** The explorer of `s`. */
export function exploreStream<T>(s: Stream<T>): StreamExplorer<T> {
  return new StreamExplorer(s);
}
