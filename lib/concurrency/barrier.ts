/**
 * Barrier (4.7.6): `wait()` returns only when all `parties` threads have called it, dividing a
 * program into phases. A count of arrivals and a generation number in shared memory: the last
 * to arrive resets the count and starts the next generation, which wakes the others (they wait
 * for the generation to change, so a fast thread re-entering the next phase cannot be confused
 * with a slow one leaving the last).
 */
import { assertMayBlock, beginWait, currentBoard } from "./board.js";
import { waitAwaitable, waitBlocking } from "./atomic-wait.js";
import { registerResource } from "./resources.js";
import { refuseProcess, registerShippable } from "./shippable.js";
import { type PrimitiveOptions, type ShippedTracing, Tracing, defaultName } from "./traced.js";

const COUNT = 0;
const GENERATION = 1;
const PARTIES = 2;
const ID = 3;

interface ShippedBarrier {
  buffer: SharedArrayBuffer;
  tracing: ShippedTracing;
}

/** A barrier for a fixed number of threads. */
export class Barrier {
  private readonly cells: Int32Array;
  private readonly tracing: Tracing;

  /** A barrier for `parties` threads. (`shipped` is internal: how a thread rebuilds one it was sent.) */
  constructor(parties: number, options: PrimitiveOptions = {}, shipped?: ShippedBarrier) {
    this.cells = new Int32Array(shipped?.buffer ?? new SharedArrayBuffer(16));
    this.tracing = shipped ? Tracing.revive(shipped.tracing) : new Tracing(options.name ?? defaultName("barrier"), options.trace);
    if (shipped === undefined) {
      if (!Number.isInteger(parties) || parties < 1)
        throw new RangeError(`a Barrier needs a positive whole number of parties, not ${parties}`);
      this.cells[PARTIES] = parties;
      this.cells[ID] = currentBoard().allocateResource();
      registerResource(this.cells[ID], { name: this.name, wakers: () => undefined });
    }
  }

  /** The name shown in traces. */
  get name(): string {
    return this.tracing.name;
  }

  /** How many threads must arrive. */
  get parties(): number {
    return this.cells[PARTIES];
  }

  /** How many threads are waiting now. */
  get nWaiting(): number {
    return Atomics.load(this.cells, COUNT);
  }

  /** Waits until all parties have arrived; returns this thread's arrival index (0 … parties − 1). */
  wait(): number {
    const { index, generation } = this.arrive();
    if (index < this.parties - 1) {
      assertMayBlock("barrier.wait()", "await barrier.waitAsync()");
      const resume = beginWait("barrier", this.cells[ID]);
      try {
        while (Atomics.load(this.cells, GENERATION) === generation) waitBlocking(this.cells, GENERATION, generation);
      } finally {
        resume();
      }
    }
    this.tracing.record("pass", index);
    return index;
  }

  /** `wait` for the notebook's thread. */
  async waitAsync(): Promise<number> {
    const { index, generation } = this.arrive();
    if (index < this.parties - 1) {
      const resume = beginWait("barrier", this.cells[ID]);
      try {
        while (Atomics.load(this.cells, GENERATION) === generation) await waitAwaitable(this.cells, GENERATION, generation);
      } finally {
        resume();
      }
    }
    this.tracing.record("pass", index);
    return index;
  }

  /** The shipped form. */
  toShipped(): ShippedBarrier {
    return { buffer: this.cells.buffer as SharedArrayBuffer, tracing: this.tracing.toShipped() };
  }

  private arrive(): { index: number; generation: number } {
    const generation = Atomics.load(this.cells, GENERATION);
    this.tracing.record("arrive");
    const index = Atomics.add(this.cells, COUNT, 1);
    if (index === this.parties - 1) {
      Atomics.store(this.cells, COUNT, 0); // before the generation moves: nobody can arrive again until then
      Atomics.add(this.cells, GENERATION, 1);
      Atomics.notify(this.cells, GENERATION);
    }
    return { index, generation };
  }
}

registerShippable<Barrier, ShippedBarrier>(
  "Barrier",
  Barrier,
  (barrier, to) => (to === "process" ? refuseProcess("Barrier") : barrier.toShipped()),
  (shipped) => new Barrier(0, {}, shipped),
);
