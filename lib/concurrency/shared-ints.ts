/**
 * Shared integers: the chapter's `counter = [0]`, but in memory that threads really share.
 * `read` and `write` are plain (non-atomic) accesses, so a read-modify-write can lose an update
 * exactly as in 4.7.2; `add` is Atomics.add, which cannot. When traced, every access is recorded
 * in the chapter's words: "read counter[0]: 0", "write 1 -> counter[0]".
 */
import { refuseProcess, registerShippable } from "./shippable.js";
import type { Trace } from "./trace.js";
import { type ShippedTracing, Tracing } from "./traced.js";

interface ShippedInts {
  buffer: SharedArrayBuffer;
  tracing: ShippedTracing;
}

/** A named array of 32-bit integers in shared memory. */
export class SharedInts {
  /** The raw shared array, for loops that must not pay for tracing. */
  readonly array: Int32Array;
  private readonly tracing: Tracing[];

  /** `name` and initial `values` (or a length); `trace` records reads and writes. (`shipped` is internal.) */
  constructor(name: string, values: number[] | number, options: { trace?: Trace } = {}, shipped?: ShippedInts[]) {
    if (shipped !== undefined) {
      this.array = new Int32Array(shipped[0].buffer);
      this.tracing = shipped.map((s) => Tracing.revive(s.tracing));
      return;
    }
    const initial = typeof values === "number" ? new Array<number>(values).fill(0) : values;
    this.array = new Int32Array(new SharedArrayBuffer(Math.max(4, initial.length * 4)));
    this.array.set(initial);
    this.tracing = initial.map((_, i) => new Tracing(`${name}[${i}]`, options.trace));
  }

  /** Element `i`, read plainly (no synchronization), as `counter[0]` in Python. */
  read(i = 0): number {
    const value = this.array[i];
    this.tracing[i].record("read", value);
    return value;
  }

  /** Records a computation on a value read before ("calculate 0 + 1: 1"): it touches no shared memory, but it takes time. */
  compute(i: number, description: string, result: number): number {
    this.tracing[i].record("compute", `${description}: ${result}`);
    return result;
  }

  /** Sets element `i` plainly (no synchronization). */
  write(i: number, value: number): void {
    this.array[i] = value;
    this.tracing[i].record("write", value);
  }

  /** Adds to element `i` atomically (Atomics.add): read, add and write as one indivisible step. */
  add(i: number, delta: number): number {
    const old = Atomics.add(this.array, i, delta);
    this.tracing[i].record("write", old + delta);
    return old + delta;
  }

  /** The current values. */
  values(): number[] {
    return Array.from(this.array.slice(0, this.tracing.length));
  }

  /** The shipped form. */
  toShipped(): ShippedInts[] {
    return this.tracing.map((t) => ({ buffer: this.array.buffer as SharedArrayBuffer, tracing: t.toShipped() }));
  }
}

registerShippable<SharedInts, ShippedInts[]>(
  "SharedInts",
  SharedInts,
  (ints, to) => (to === "process" ? refuseProcess("SharedInts") : ints.toShipped()),
  (shipped) => new SharedInts("", 0, {}, shipped),
);
