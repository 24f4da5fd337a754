/** Sleeping: blocking in threads and processes (the chapter's `sleep`), awaitable on the notebook's thread. */
import { blockFor } from "./atomic-wait.js";
import { assertMayBlock } from "./board.js";
import { unlessAborted } from "./scope.js";

/** Blocks the calling thread for `ms` milliseconds (threads and processes; the notebook uses sleepAsync). */
export function sleep(ms: number): void {
  assertMayBlock(`sleep(${ms})`, `await sleepAsync(${ms})`);
  blockFor(ms);
}

/** Waits `ms` milliseconds without blocking the thread. */
export function sleepAsync(ms: number): Promise<void> {
  return unlessAborted(new Promise<void>((resolve) => setTimeout(resolve, ms)));
}
