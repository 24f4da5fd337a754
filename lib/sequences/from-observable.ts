/**
 * RxJS into a pull-based sequence: an async iterable over an Observable's values. An Observable
 * pushes at its own pace and cannot be slowed down, so values the reader has not taken yet wait
 * in a bounded buffer; what happens when it is full is the `overflow` policy:
 * - "error" (default): the reader gets every value buffered so far, then a BufferOverflowError;
 *   the Observable is unsubscribed at the moment of overflow. Nothing is lost silently.
 * - "drop-oldest": the oldest buffered value is discarded (the reader sees the latest values).
 * - "drop-newest": the arriving value is discarded (the reader sees the earliest values).
 * Dropped values are counted in `dropped`. The subscription starts at the first `next()`, and
 * ends when the Observable completes or errors, or the reader stops (`break` calls `return()`).
 */
import type { Observable, Subscription } from "rxjs";
import { BufferOverflowError } from "./buffer-overflow.js";

/** What to do with a value that arrives when the buffer is full. */
export type OverflowPolicy = "error" | "drop-oldest" | "drop-newest";

/** Buffer size and overflow policy of `fromObservable`. */
export interface BufferOptions {
  /** Values held for the reader at most (default 1024). */
  bufferSize?: number;
  /** What happens when a value arrives and the buffer is full (default "error"). */
  overflow?: OverflowPolicy;
}

type Waiter<T> = { resolve(step: IteratorResult<T, undefined>): void; reject(error: unknown): void };

/** An async iterator over an Observable's values, with a bounded buffer. */
export class ObservableReader<T> implements AsyncIterableIterator<T> {
  /** Values discarded by a drop policy so far. */
  dropped = 0;
  private readonly buffer: T[] = [];
  private head = 0; // index of the oldest buffered value (shifting arrays is O(n))
  private waiter: Waiter<T> | undefined;
  private subscription: Subscription | undefined;
  private state: "idle" | "open" | "complete" | "failed" | "closed" = "idle";
  private failure: unknown;
  readonly capacity: number;
  readonly overflow: OverflowPolicy;

  constructor(
    private readonly source: Observable<T>,
    options: BufferOptions = {},
  ) {
    this.capacity = options.bufferSize ?? 1024;
    this.overflow = options.overflow ?? "error";
    if (!(this.capacity >= 1)) throw new RangeError("bufferSize must be at least 1");
  }

  /** Values waiting for the reader. */
  get buffered(): number {
    return this.buffer.length - this.head;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.state === "idle") this.subscribe();
    if (this.buffered > 0) return Promise.resolve({ done: false, value: this.shift() });
    if (this.state === "failed") {
      this.state = "closed";
      return Promise.reject(this.failure);
    }
    if (this.state !== "open") return Promise.resolve({ done: true, value: undefined });
    if (this.waiter !== undefined)
      return Promise.reject(new Error("ObservableReader: next() called again before the previous call settled"));
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  /** Stops reading: unsubscribes from the Observable and discards buffered values. */
  return(): Promise<IteratorResult<T, undefined>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private subscribe(): void {
    this.state = "open";
    const subscription = this.source.subscribe({
      next: (value) => this.push(value),
      error: (error: unknown) => this.fail(error),
      complete: () => this.finish(),
    });
    // A synchronous Observable may have finished (or overflowed) inside subscribe().
    if (this.state === "open") this.subscription = subscription;
    else subscription.unsubscribe();
  }

  private push(value: T): void {
    if (this.state !== "open") return;
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve({ done: false, value });
      return;
    }
    if (this.buffered < this.capacity) return void this.buffer.push(value);
    if (this.overflow === "drop-newest") return void this.dropped++;
    if (this.overflow === "drop-oldest") {
      this.shift();
      this.dropped++;
      return void this.buffer.push(value);
    }
    this.fail(new BufferOverflowError(this.capacity));
  }

  private shift(): T {
    const value = this.buffer[this.head];
    this.buffer[this.head++] = undefined as T; // let the value go
    if (this.head === this.buffer.length) {
      this.buffer.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.buffer.length) {
      this.buffer.splice(0, this.head);
      this.head = 0;
    }
    return value;
  }

  private fail(error: unknown): void {
    if (this.state !== "open") return;
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter !== undefined) {
      this.state = "closed";
      waiter.reject(error);
    } else {
      this.state = "failed";
      this.failure = error;
    }
  }

  private finish(): void {
    if (this.state !== "open") return;
    this.state = "complete";
    this.subscription = undefined;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve({ done: true, value: undefined });
  }

  private close(): void {
    this.state = "closed";
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.buffer.length = 0;
    this.head = 0;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve({ done: true, value: undefined });
  }
}

/** The values of `source` as an async iterable (for `for await`), buffered up to a bound with a stated overflow policy. */
export function fromObservable<T>(source: Observable<T>, options: BufferOptions = {}): ObservableReader<T> {
  return new ObservableReader(source, options);
}
