/**
 * The two ways to wait on a shared Int32 cell: blocking (Atomics.wait, for worker threads and
 * child processes) and awaitable (Atomics.waitAsync, for the notebook's thread, abandoned when
 * the scope or the cell is interrupted).
 */
import { unlessAborted } from "./scope.js";

type WaitResult = "ok" | "not-equal" | "timed-out";

// Atomics.waitAsync is ES2024; tsconfig's lib stops at ES2023.
const waitAsyncFn = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
      timeout?: number,
    ): { async: boolean; value: WaitResult | Promise<WaitResult> };
  }
).waitAsync;

/** Blocks until cells[index] is no longer `value` (or `timeoutMs` passes). */
export function waitBlocking(cells: Int32Array, index: number, value: number, timeoutMs = Infinity): WaitResult {
  return Atomics.wait(cells, index, value, timeoutMs);
}

/** Resolves once cells[index] is no longer `value` (or `timeoutMs` passes); rejects if the wait is abandoned. */
export function waitAwaitable(cells: Int32Array, index: number, value: number, timeoutMs = Infinity): Promise<WaitResult> {
  const result = waitAsyncFn(cells, index, value, timeoutMs);
  return unlessAborted(result.async ? (result.value as Promise<WaitResult>) : Promise.resolve(result.value as WaitResult));
}

const nap = new Int32Array(new SharedArrayBuffer(4));

/** Sleeps `ms` milliseconds, blocking the calling thread (never the notebook's: see sleepAsync). */
export function blockFor(ms: number): void {
  Atomics.wait(nap, 0, 0, ms);
}
