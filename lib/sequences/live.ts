/**
 * Asking the kernel to watch an Observable. An Observable that is a cell's value is subscribed
 * and its values shown as they arrive (one display, updated at most ten times a second), until
 * it completes, a limit is reached, or the user interrupts. `live(observable, options)` sets the
 * limits and the view; a bare Observable gets LIVE_DEFAULTS.
 */
import type { Observable } from "rxjs";

/** The property marking a value made by `live()` (a symbol in the global registry: the kernel reads it). */
export const LIVE = Symbol.for("lazylab.live");

/** Limits and presentation of a live view. */
export interface LiveOptions<T = unknown> {
  /** Stop after this many values (default 1,000). */
  limit?: number;
  /** Stop after this many seconds (default 60). */
  seconds?: number;
  /** How many of the latest values the view lists (default 10). */
  keep?: number;
  /** A heading for the view (default "Observable"). */
  title?: string;
  /** The number to plot for a value; by default the value if it is a number, else its `value` field or its last numeric field that is not a counter (id, seq, time…). */
  plot?: (value: T) => number | undefined;
}

/** Defaults of a live view. */
export const LIVE_DEFAULTS = { limit: 1000, seconds: 60, keep: 10, title: "Observable" } as const;

/** An Observable with the options of its live view. */
export interface Live<T> {
  readonly [LIVE]: true;
  readonly source: Observable<T>;
  readonly options: LiveOptions<T>;
}

/** Marks `source` to be shown live with `options` when it is a cell's value. */
export function live<T>(source: Observable<T>, options: LiveOptions<T> = {}): Live<T> {
  return {
    [LIVE]: true,
    source,
    options,
    [Symbol.for("nodejs.util.inspect.custom")]: () => `Live(${options.title ?? LIVE_DEFAULTS.title})`,
  } as Live<T>;
}

/** Whether `value` was made by `live()`. */
export function isLiveRequest(value: unknown): value is Live<unknown> {
  return value !== null && typeof value === "object" && (value as Record<symbol, unknown>)[LIVE] === true;
}
