// What the benchmark's threads and processes run (module functions: imported by the workers).
import { moduleFunction } from "../../dist/lib/concurrency/index.js";

const now = () => performance.now();

/** Spins for `ms` and returns how many loop iterations it managed (a CPU-share probe). */
export const spin = moduleFunction(import.meta.url, "spin", (gate, ms) => {
  gate.wait();
  const end = now() + ms;
  let n = 0;
  let x = 0;
  while (now() < end) for (let k = 0; k < 1000; k++, n++) x = (x * 1664525 + 1013904223) | 0;
  return n + (x & 0); // keep x alive
});

/** ns per operation of `kind`, `n` times, on counter[0] (guarded by `lock` for "lock"). */
export const hammer = moduleFunction(import.meta.url, "hammer", (gate, counter, lock, kind, n) => {
  gate.wait();
  const start = now();
  if (kind === "plain") for (let i = 0; i < n; i++) counter[0] = counter[0] + 1;
  else if (kind === "atomic") for (let i = 0; i < n; i++) Atomics.add(counter, 0, 1);
  else
    for (let i = 0; i < n; i++) {
      lock.acquire();
      counter[0] = counter[0] + 1;
      lock.release();
    }
  return ((now() - start) * 1e6) / n;
});

/** µs per barrier crossing, `n` crossings. */
export const crossings = moduleFunction(import.meta.url, "crossings", (gate, barrier, n) => {
  gate.wait();
  const start = now();
  for (let i = 0; i < n; i++) barrier.wait();
  return ((now() - start) * 1000) / n;
});

/** Puts `n` small items on the queue, then null. */
export const produceQueue = moduleFunction(import.meta.url, "produceQueue", (queue, n) => {
  for (let i = 0; i < n; i++) queue.put(i);
  queue.put(null);
});

/** Gets until null; returns [count, ms from the first item]. */
export const consumeQueue = moduleFunction(import.meta.url, "consumeQueue", (queue) => {
  let count = 0;
  let start = 0;
  for (;;) {
    const item = queue.get();
    if (count === 0) start = now();
    if (item === null) return [count, now() - start];
    count++;
  }
});

/** Sends `n` small messages, then null. */
export const producePipe = moduleFunction(import.meta.url, "producePipe", (out, n) => {
  for (let i = 0; i < n; i++) out.send(i);
  out.send(null);
});

/** Receives until null; returns [count, ms from the first message]. */
export const consumePipe = moduleFunction(import.meta.url, "consumePipe", (inPipe) => {
  let count = 0;
  let start = 0;
  for (;;) {
    const item = inPipe.recv();
    if (count === 0) start = now();
    if (item === null) return [count, now() - start];
    count++;
  }
});
