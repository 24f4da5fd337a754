/**
 * What the threads of the race demos run (imported by their workers, so these are module
 * functions rather than shipped source).
 */
import type { Barrier } from "../barrier.js";
import type { Lock } from "../lock.js";
import type { SharedInts } from "../shared-ints.js";
import { moduleFunction } from "../target.js";
import type { Turnstile } from "../turnstile.js";

/** The chapter's `increment`, one scripted step at a time: read, calculate, write. */
export const scriptedIncrement = moduleFunction(
  import.meta.url,
  "scriptedIncrement",
  (counter: SharedInts, turns: Turnstile, who: number): number => {
    const count = turns.step(who, () => counter.read(0));
    const next = turns.step(who, () => counter.compute(0, `calculate ${count} + 1`, count + 1));
    turns.step(who, () => counter.write(0, next));
    return next;
  },
);

/**
 * The same increment under a Lock, replayed so that the threads collide: Thread 0 takes the lock
 * and holds it until Thread 1 is waiting for it; only then does it read, calculate and write.
 */
export const lockedIncrement = moduleFunction(
  import.meta.url,
  "lockedIncrement",
  (counter: SharedInts, lock: Lock, turns: Turnstile, who: number): number => {
    if (who === 1) turns.turn(1); // Thread 1 tries only once Thread 0 holds the lock
    lock.acquire();
    if (who === 0) {
      turns.done();
      for (const deadline = performance.now() + 2000; !lock.hasWaiters() && performance.now() < deadline; )
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 0.05);
    }
    try {
      const count = counter.read(0);
      const next = counter.compute(0, `calculate ${count} + 1`, count + 1);
      counter.write(0, next);
      return next;
    } finally {
      lock.release();
    }
  },
);

/** How a free run increments. */
export type IncrementMode = "plain" | "lock" | "atomic";

/** One thread's part of one free run. */
export interface RunPart {
  increments: number;
  start: number;
  end: number;
}

/**
 * Free runs: for each run, wait at the start gate (with the other thread and the notebook),
 * increment the shared counter for `ms` milliseconds, then wait at the end gate while the
 * notebook reads and resets it. Loops this long overlap even on a busy machine.
 */
export const freeIncrement = moduleFunction(
  import.meta.url,
  "freeIncrement",
  (counter: Int32Array, gate: Barrier, runs: number, ms: number, mode: IncrementMode, lock: Lock): RunPart[] => {
    const parts: RunPart[] = [];
    for (let run = 0; run < runs; run++) {
      gate.wait();
      const start = performance.timeOrigin + performance.now();
      const deadline = performance.now() + ms;
      let increments = 0;
      while (performance.now() < deadline) {
        for (let k = 0; k < 512; k++) {
          if (mode === "plain")
            counter[0] = counter[0] + 1; // read, add, write: three steps another thread can come between
          else if (mode === "atomic") Atomics.add(counter, 0, 1);
          else {
            lock.acquire();
            counter[0] = counter[0] + 1;
            lock.release();
          }
        }
        increments += 512;
      }
      parts.push({ increments, start, end: performance.timeOrigin + performance.now() });
      gate.wait();
    }
    return parts;
  },
);
