/**
 * Sequences into RxJS: a Stream, any iterable or async iterable becomes a cold Observable that
 * pulls one element per emission, optionally paced (one element per interval). Unsubscribing
 * stops the pulling and closes the iterator (its `return()`), so a generator's `finally` runs.
 */
import { Observable, type SchedulerLike, type Subscriber, type Subscription, asyncScheduler } from "rxjs";

/** What `toObservable` accepts: a sequence, or a function making one per subscription. */
export type SequenceSource<T> = Iterable<T> | AsyncIterable<T> | (() => Iterable<T> | AsyncIterable<T>);

/** How `toObservable` paces its elements. */
export interface PaceOptions {
  /** Milliseconds between elements (the first comes at once); without it, elements come as fast as they are pulled. */
  intervalMs?: number;
  /** Where the pacing timers run (RxJS's asyncScheduler unless told). */
  scheduler?: SchedulerLike;
}

/**
 * An Observable of the elements of `source`. Each subscription walks the sequence from the start;
 * pass a function returning it (`() => makeIntegerStream()`) so the Observable holds no head and
 * a long walk keeps no prefix alive.
 */
export function toObservable<T>(source: SequenceSource<T>, options: PaceOptions = {}): Observable<T> {
  return new Observable<T>((subscriber) => {
    const sequence = typeof source === "function" ? source() : source;
    if (isAsyncIterable(sequence)) return pumpAsync(sequence[Symbol.asyncIterator](), subscriber, options);
    const iterator = sequence[Symbol.iterator]();
    if (options.intervalMs === undefined) return pumpSync(iterator, subscriber);
    return pumpAsync(iterator, subscriber, options);
  });
}

/** Whether `value` is an async iterable. */
export function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return value !== null && typeof value === "object" && typeof (value as Record<symbol, unknown>)[Symbol.asyncIterator] === "function";
}

// Synchronous, unpaced: emits in a loop until the sequence ends or the subscriber unsubscribes
// (a downstream take(n) stops an infinite sequence).
function pumpSync<T>(iterator: Iterator<T>, subscriber: Subscriber<T>): () => void {
  let finished = false;
  try {
    while (!subscriber.closed) {
      const step = iterator.next();
      if (step.done === true) {
        finished = true;
        subscriber.complete();
        break;
      }
      subscriber.next(step.value);
    }
  } catch (error) {
    finished = true; // an iterator that threw is done; do not call its return()
    subscriber.error(error);
  }
  return () => {
    if (!finished) void iterator.return?.();
  };
}

// Paced or asynchronous: one pull per step, each step scheduled after the previous one settles.
function pumpAsync<T>(iterator: Iterator<T> | AsyncIterator<T>, subscriber: Subscriber<T>, options: PaceOptions): () => void {
  const scheduler = options.scheduler ?? asyncScheduler;
  const interval = options.intervalMs ?? 0;
  let finished = false;
  let timer: Subscription | undefined; // the one pending step (not one per element: no growth)
  const step = async (): Promise<void> => {
    try {
      const result = await iterator.next();
      if (subscriber.closed) return;
      if (result.done === true) {
        finished = true;
        return subscriber.complete();
      }
      subscriber.next(result.value);
      if (!subscriber.closed) timer = scheduler.schedule(() => void step(), interval);
    } catch (error) {
      finished = true;
      subscriber.error(error);
    }
  };
  void step();
  return () => {
    timer?.unsubscribe();
    if (!finished) void Promise.resolve(iterator.return?.()).catch(() => undefined);
  };
}
