/** One recorded step of a parallel program, and the operations a trace knows. */

/** Operations, in the words of the chapter's tables and of the primitives. */
export const OPS = [
  "start",
  "end", // a thread or process begins and ends its target
  "read",
  "compute",
  "write", // shared memory, as in "read counter[0]: 0", "calculate 0 + 1: 1", "write 1 -> counter[0]"
  "request",
  "acquire",
  "release", // a Lock: asked for (and must wait), got, given back
  "arrive",
  "pass", // a Barrier: reached it, all have reached it
  "put",
  "get",
  "taskDone",
  "join", // a Queue
  "send",
  "recvWait",
  "recv", // a Pipe: sent, waits for a message, received
  "check",
  "add",
  "fetch",
  "fetched",
  "found", // the crawler's seen set and pages
  "note",
  "deadlock",
  "error",
] as const;

/** One of OPS. */
export type Op = (typeof OPS)[number];

/** A recorded event. */
export interface TraceEvent {
  /** The participant's slot: 0 is the main thread, then threads and processes in start order. */
  thread: number;
  /** Logical time: a global order consistent with causality (a Lamport clock across processes). */
  time: number;
  /** Wall-clock time, in ms since the epoch (µs resolution). */
  wall: number;
  op: Op;
  /** The shared object involved ("counter[0]", "seen_lock", "pipe[0]"), or "" for none. */
  object: string;
  value?: number | string;
}

const ORIGIN = performance.timeOrigin; // a getter that costs a call into Node each time: read it once

/** The wall clock every thread and process of this machine agrees on, in ms since the epoch. */
export function wallClock(): number {
  return ORIGIN + performance.now();
}

/** Each op's index in OPS (a property lookup instead of a search, in the hot path of tracing). */
export const OP_INDEX: Readonly<Record<Op, number>> = Object.fromEntries(OPS.map((op, i) => [op, i])) as Record<Op, number>;
