/**
 * The three ways to run the particle simulator (4.7.6, 4.7.7), as the functions their threads or
 * processes run. Each returns the wall-clock milliseconds of its stepping, measured after a start
 * gate, so that starting threads and processes is not counted.
 */
import { readFileSync } from "node:fs";
import type { Barrier } from "../barrier.js";
import type { Connection } from "../pipe.js";
import { moduleFunction } from "../target.js";
import { accelerate, blockStart, move, pullOf, warmUp } from "./particle-physics.js";

const now = () => performance.timeOrigin + performance.now();

/**
 * CPU time this thread has used, in ms (Linux: /proc/thread-self/stat, 10 ms ticks; NaN elsewhere).
 * Beside wall-clock time it shows how much work a worker did, whether or not it had a core to itself.
 */
function threadCpuMs(): number {
  try {
    const fields = readFileSync("/proc/thread-self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in ticks of 10 ms (USER_HZ = 100)
  } catch {
    return Number.NaN;
  }
}

/** One thread does everything. */
export const simulateAlone = moduleFunction(
  import.meta.url,
  "simulateAlone",
  (pos: Float64Array, vel: Float64Array, steps: number, blocks: number): { pos: Float64Array; ms: number; cpuMs: number } => {
    const n = pos.length / 2;
    const acc = new Float64Array(2 * n);
    warmUp(pos, 0, n, blocks);
    const [start, cpu] = [now(), threadCpuMs()];
    for (let s = 0; s < steps; s++) {
      accelerate(pos, 0, n, blocks, acc);
      move(pos, vel, acc, 0, n);
    }
    return { pos, ms: now() - start, cpuMs: threadCpuMs() - cpu };
  },
);

/**
 * Threads with a barrier: positions, velocities and accelerations are shared; each thread owns a
 * block. Read phase: accelerations are computed from everyone's positions. Write phase: each thread
 * moves its own particles. Barriers keep the phases apart.
 *
 * In the read phase a thread either computes exactly its own block's accelerations (`next` null:
 * the chapter's static split), or takes chunks of `chunk` particles from the step's shared counter
 * `next[s]` until none are left (self-scheduling): the writes are still disjoint, since each chunk
 * is taken by one thread, but a thread whose core runs slower — on a shared machine one often does —
 * simply takes fewer chunks instead of holding the other at the barrier.
 */
export const simulateShared = moduleFunction(
  import.meta.url,
  "simulateShared",
  (
    pos: Float64Array,
    vel: Float64Array,
    acc: Float64Array,
    barrier: Barrier,
    rank: number,
    workers: number,
    steps: number,
    blocks: number,
    next: Int32Array | null = null,
    chunk = 50,
  ): { ms: number; cpuMs: number; chunks: number } => {
    const n = pos.length / 2;
    const [from, to] = [blockStart(n, workers, rank), blockStart(n, workers, rank + 1)];
    warmUp(pos, from, to, blocks);
    barrier.wait(); // start gate
    const [start, cpu] = [now(), threadCpuMs()];
    let chunks = 0;
    for (let s = 0; s < steps; s++) {
      if (next === null)
        accelerate(pos, from, to, blocks, acc); // read phase: reads all positions, writes only own accelerations
      else {
        for (let c = Atomics.add(next, s, 1); c * chunk < n; c = Atomics.add(next, s, 1), chunks++) {
          accelerate(pos, c * chunk, Math.min(n, (c + 1) * chunk), blocks, acc); // writes only this chunk's accelerations
        }
      }
      barrier.wait();
      move(pos, vel, acc, from, to); // write phase: own particles only
      barrier.wait();
    }
    return { ms: now() - start, cpuMs: threadCpuMs() - cpu, chunks };
  },
);

/**
 * Processes in a ring: each owns a block and keeps no one else's positions. Per step, the blocks
 * travel once around the ring (own block first); at each stop a process adds the visiting
 * block's pull to its particles. Even ranks send before receiving and odd ranks receive before
 * sending, so no two neighbours block each other on a full pipe.
 */
export const simulateRing = moduleFunction(
  import.meta.url,
  "simulateRing",
  (
    own: Float64Array,
    vel: Float64Array,
    n: number,
    rank: number,
    workers: number,
    steps: number,
    toNext: Connection<Float64Array | string>,
    fromPrev: Connection<Float64Array | string>,
  ): { pos: Float64Array; ms: number; cpuMs: number } => {
    const count = own.length / 2; // the block's particles, at local indices [0, count)
    const passAround = (message: Float64Array | string): Float64Array | string => {
      if (rank % 2 === 0) {
        toNext.send(message);
        return fromPrev.recv();
      }
      const got = fromPrev.recv();
      toNext.send(message);
      return got;
    };
    pullOf(own, 0, count, own.slice(), count, new Float64Array(2 * count), n); // warm-up (see warmUp)
    passAround("ready"); // start gate, twice around: after the first, everyone is running
    passAround("go");
    const [start, cpu] = [now(), threadCpuMs()];
    const partials = Array.from({ length: workers }, () => new Float64Array(2 * count));
    const acc = new Float64Array(2 * count);
    for (let s = 0; s < steps; s++) {
      let visiting: Float64Array = own.slice();
      let owner = rank;
      for (let r = 0; r < workers; r++) {
        pullOf(own, 0, count, visiting, visiting.length / 2, partials[owner], n);
        if (r < workers - 1) {
          visiting = passAround(visiting) as Float64Array;
          owner = (owner - 1 + workers) % workers;
        }
      }
      acc.fill(0);
      for (const partial of partials) for (let k = 0; k < acc.length; k++) acc[k] += partial[k]; // block order, as everywhere
      move(own, vel, acc, 0, count);
    }
    return { pos: own, ms: now() - start, cpuMs: threadCpuMs() - cpu };
  },
);
