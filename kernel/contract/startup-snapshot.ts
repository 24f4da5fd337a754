/**
 * What a V8 startup snapshot of the kernel holds, when the kernel was started from one
 * (`node --snapshot-blob …`, see snapshot-entry.ts): the TypeScript compiler already loaded, and
 * a document registry holding the default libraries and @types/node already parsed and bound —
 * about three quarters of the work before the first cell can be checked. Read once, when the
 * kernel's modules load, before any cell can touch globalThis.
 */
import type * as T from "typescript";

/** The global property (a registered symbol) the snapshot's entry stores its state under. */
export const SNAPSHOT_KEY = Symbol.for("lazylab.startupSnapshot");

/** The state a snapshot carries. */
export interface SnapshotState {
  ts: typeof import("typescript");
  registry: T.DocumentRegistry;
  /** How long building the state took when the snapshot was made (ms): what a start from it saves. */
  builtMs: number;
}

/**
 * Heap limits for a worker thread. Node 20 starts every worker of a process that began from a
 * startup snapshot from that snapshot too (its whole heap, ~40 MiB, is deserialized and then
 * unused), so a worker's tight limits would make it fail at birth: they apply only without one.
 */
export function workerLimits(limits: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number }): typeof limits {
  return snapshot === undefined ? limits : {};
}

/** The snapshot's state, or undefined when the kernel started without one. */
export const snapshot: SnapshotState | undefined = (globalThis as Record<symbol, SnapshotState | undefined>)[SNAPSHOT_KEY];
