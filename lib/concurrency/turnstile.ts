/**
 * Replaying an interleaving on purpose. The chapter's race shows up "only very rarely"; to show
 * it every time, the threads follow a script: a shared program counter says whose turn it is,
 * each thread waits (Atomics.wait) until the script names it, takes one step, advances the
 * counter and wakes the others (Atomics.notify). The schedule is the chapter's table read top to
 * bottom: [0, 1, 0, 0, 1, 1] is "Thread 0 reads, Thread 1 reads, Thread 0 calculates …".
 */
import { assertMayBlock } from "./board.js";
import { waitBlocking } from "./atomic-wait.js";
import { refuseProcess, registerShippable } from "./shippable.js";

const PC = 0;
const LENGTH = 1;
const SCRIPT = 2;

/** A shared program counter stepping threads through a fixed schedule of turns. */
export class Turnstile {
  private readonly cells: Int32Array;

  /** A schedule of thread indices, one per step. (`shipped` is internal.) */
  constructor(schedule: number[], shipped?: SharedArrayBuffer) {
    this.cells = new Int32Array(shipped ?? new SharedArrayBuffer((SCRIPT + schedule.length) * 4));
    if (shipped === undefined) {
      this.cells[LENGTH] = schedule.length;
      this.cells.set(schedule, SCRIPT);
    }
  }

  /** Blocks until it is thread `who`'s turn; the caller then takes one step and calls `done`. */
  turn(who: number): void {
    assertMayBlock("turnstile.turn()", "worker threads for replayed schedules");
    for (;;) {
      const pc = Atomics.load(this.cells, PC);
      if (pc >= this.cells[LENGTH]) return; // past the script: run freely
      if (this.cells[SCRIPT + pc] === who) return;
      waitBlocking(this.cells, PC, pc);
    }
  }

  /** Ends the current step: the next turn in the schedule may go. */
  done(): void {
    Atomics.add(this.cells, PC, 1);
    Atomics.notify(this.cells, PC);
  }

  /** `turn`, then `step`, then `done`: one scripted step of thread `who`. */
  step<T>(who: number, step: () => T): T {
    this.turn(who);
    try {
      return step();
    } finally {
      this.done();
    }
  }

  /** How many steps have been taken. */
  get position(): number {
    return Atomics.load(this.cells, PC);
  }

  /** The shipped form. */
  toShipped(): SharedArrayBuffer {
    return this.cells.buffer as SharedArrayBuffer;
  }
}

registerShippable<Turnstile, SharedArrayBuffer>(
  "Turnstile",
  Turnstile,
  (t, to) => (to === "process" ? refuseProcess("Turnstile") : t.toShipped()),
  (buffer) => new Turnstile([], buffer),
);
