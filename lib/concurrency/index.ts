/**
 * lazylab/concurrency: section 4.7 with Node's worker_threads, SharedArrayBuffer, Atomics and
 * child processes standing for Python's threading and multiprocessing. The primitives carry the
 * chapter's names; the demos replay, run, trace and draw each of its examples.
 */
export { Barrier } from "./barrier.js";
export { currentProcess, currentThread } from "./current.js";
export { DeadlockError, type DeadlockReport, watchForDeadlock } from "./deadlock-watch.js";
export { Lock } from "./lock.js";
export { type ParticipantOptions, ParticipantError } from "./participant.js";
export { Connection, Pipe, type PipeOptions } from "./pipe.js";
export { Process } from "./process.js";
export { Queue, type QueueOptions } from "./queue.js";
export { AbortedError, Scope } from "./scope.js";
export { SharedInts } from "./shared-ints.js";
export { SharedStringSet } from "./shared-string-set.js";
export { ShippingError } from "./shippable.js";
export { sleep, sleepAsync } from "./sleep.js";
export { moduleFunction } from "./target.js";
export { Thread } from "./thread.js";
export { Trace, type TraceOptions } from "./trace.js";
export { OPS, type Op, type TraceEvent } from "./trace-event.js";
export { Turnstile } from "./turnstile.js";
export { type WaitEdge, type WaitForGraph, type WaitNode, readWaitForGraph } from "./wait-for-graph.js";
