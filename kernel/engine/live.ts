/**
 * Live display of an Observable that is a cell's value. The cell subscribes to it and stays
 * busy while values arrive: one display_data first, then update_display_data with the same
 * display_id, at most ten a second, showing lib/sequences' LiveView. It ends when the
 * Observable completes or errors, at the value or time limit (LIVE_DEFAULTS, or `live()`'s
 * options), or on interrupt; the final view is always sent, so the saved notebook and
 * nbconvert's output keep it.
 *
 * Interrupt unsubscribes (which closes the source: a generator's `finally` runs, timers stop)
 * and the cell fails with KeyboardInterrupt, as any interrupted cell does: "Run all" stops
 * there instead of running the cells after it on a half-watched stream. A stream that should
 * end on its own gets a limit (`take(n)`, `live(source, { seconds })`), and then the cell
 * succeeds.
 */
import { randomUUID } from "node:crypto";
import type { Observable, Subscription } from "rxjs";
import { LIVE_DEFAULTS, type Live, isLiveRequest } from "../../lib/sequences/live.js";
import { LiveView } from "../../lib/sequences/live-view.js";
import type { Executor } from "./executor.js";
import { KeyboardInterrupt } from "./traceback.js";
import type { CellContext, OutputRouter } from "../display/output.js";
import { Promise, Math, setTimeout, clearTimeout, performance } from "../contract/intrinsics.js";

/** The shortest time between two messages of one live display (≤ 10 updates a second). */
export const UPDATE_INTERVAL_MS = 100;

/** A value the kernel renders live: any Observable, or one wrapped by `live()`. */
export type LiveValue = Observable<unknown> | Live<unknown>;

/** Whether a cell's value is to be rendered live: an Observable (RxJS's own test, without loading RxJS) or a live() request. */
export function isLive(value: unknown): value is LiveValue {
  const candidate = value as { lift?: unknown; subscribe?: unknown } | null;
  const observable =
    candidate !== null &&
    typeof candidate === "object" &&
    typeof candidate.lift === "function" &&
    typeof candidate.subscribe === "function";
  return observable || isLiveRequest(value);
}

/**
 * Subscribes to `value` as part of execution `context` and keeps its display up to date until it
 * ends; resolves when it completed or reached a limit, rejects with the Observable's error or
 * with KeyboardInterrupt. Returns no result: the display is the output.
 */
export async function renderLive<T>(
  value: Observable<T> | Live<T>,
  router: Pick<OutputRouter, "emit">,
  executor: Pick<Executor, "interruptible" | "call">,
  context: CellContext,
): Promise<undefined> {
  // RxJS is loaded on first use: importing it costs the kernel's start-up 100 ms.
  const { Subject, map, merge, take, takeUntil, timer } = await import("rxjs");
  const {
    source,
    options,
  }: Pick<Live<T>, "source" | "options"> = isLiveRequest(value) ? (value as Live<T>) : { source: value as Observable<T>, options: {} };
  const view = new LiveView(options);
  const displayId = randomUUID();
  const send = (msgType: "display_data" | "update_display_data") =>
    router.emit(msgType, { data: view.bundle(), metadata: {}, transient: { display_id: displayId } }, context);
  send("display_data");
  const updates = new Throttle(UPDATE_INTERVAL_MS, () => send("update_display_data"));

  const limit = options.limit ?? LIVE_DEFAULTS.limit;
  let timedOut = false;
  let stopped = false;
  const stop = new Subject<void>(); // ends the subscription even if subscribe() itself was interrupted
  const timeUp = timer((options.seconds ?? LIVE_DEFAULTS.seconds) * 1000).pipe(map(() => (timedOut = true)));
  let subscription: Subscription | undefined;
  let resolve = () => {};
  let reject: (error: unknown) => void = () => {};
  const ended = new Promise<void>((res, rej) => ([resolve, reject] = [res, rej]));
  const subscribe = () => {
    subscription = source.pipe(take(limit), takeUntil(merge(timeUp, stop))).subscribe({
      next: (v) => {
        if (stopped) return;
        view.push(v);
        updates.request();
      },
      error: (error: unknown) => {
        view.end("error", error);
        reject(error);
      },
      complete: () => {
        view.end(timedOut ? "time limit" : view.count >= limit ? "limit" : "completed");
        resolve();
      },
    });
  };
  ended.catch(() => undefined); // awaited below; this keeps an early rejection from counting as unhandled

  try {
    await executor.call(subscribe, context.execId); // a synchronous source emits in here: SIGINT can stop it
    await executor.interruptible(ended, context.execId);
  } catch (error) {
    view.end(error instanceof KeyboardInterrupt ? "interrupted" : "error", error instanceof KeyboardInterrupt ? undefined : error);
    throw error;
  } finally {
    stopped = true;
    stop.next();
    subscription?.unsubscribe();
    await updates.last();
  }
  return undefined;
}

/** Sends at most one update per interval: the first request at once, later ones coalesced. */
class Throttle {
  private lastSent = performance.now(); // the display_data that opened the view counts
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly send: () => void,
  ) {}

  /** Asks for an update: now if the interval has passed, else once when it has. */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = this.lastSent + this.intervalMs - performance.now();
    if (wait <= 0) this.fire();
    else this.timer = setTimeout(() => this.fire(), Math.ceil(wait) + 1); // libuv may fire a hair early
  }

  /** Sends the final update, keeping the interval after the previous one. */
  async last(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const wait = this.lastSent + this.intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, Math.ceil(wait) + 1));
    this.fire();
  }

  private fire(): void {
    this.timer = undefined;
    this.lastSent = performance.now();
    this.send();
  }
}
