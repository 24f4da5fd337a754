/**
 * The tracing around a chapter listing that a cell defines: the cell writes the chapter's
 * functions (produce/consume, synchronized_consume, count, deadlock …) and hands the code that
 * starts them to `tracedRun`, which gives it a fresh Trace to attach to its threads and shared
 * objects, stops whatever it left running, and draws what happened. The listing stays in the cell,
 * where the reader studies it; the drawing stays here.
 */
import { Figure } from "../../render/rich-output.js";
import { Scope } from "../scope.js";
import type { TimelineOptions } from "../timeline.js";
import { Trace } from "../trace.js";

/** How to draw a traced run; `caption` may read the run's result. */
export interface TracedRunOptions<R> extends Omit<TimelineOptions, "caption"> {
  caption?: string[] | ((result: R, trace: Trace) => string | string[]);
  /** Text printed above the timeline in text/plain (e.g. the result), by default the caption. */
  summary?: (result: R) => string;
}

/** A finished traced run: the body's result, its trace, and the timeline as a drawing. */
export class TracedRun<R> extends Figure {
  constructor(
    readonly result: R,
    readonly trace: Trace,
    options: TracedRunOptions<R>,
  ) {
    const caption = typeof options.caption === "function" ? [options.caption(result, trace)].flat() : (options.caption ?? []);
    const timeline = trace.timeline({ hide: ["start", "end"], ...options, caption });
    const summary = options.summary?.(result) ?? caption.join("\n");
    super([timeline.svg()], `${summary}${summary === "" ? "" : "\n"}${timeline.text(40)}`);
  }
}

/** Runs `body` with a fresh Trace inside a Scope (threads it started are stopped when it ends) and draws the trace. */
export async function tracedRun<R>(body: (trace: Trace) => R | Promise<R>, options: TracedRunOptions<R> = {}): Promise<TracedRun<R>> {
  return Scope.run(async () => {
    const trace = new Trace();
    const result = await body(trace);
    return new TracedRun(result, trace, options);
  });
}
