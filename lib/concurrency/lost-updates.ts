/**
 * Finding lost updates in a trace (4.7.2): a thread reads a shared value, another thread writes
 * it, then the first writes a value computed from its stale read — the other thread's write is
 * lost, as if it never happened.
 */
import type { TraceEvent } from "./trace-event.js";

/** A write that was overwritten on the strength of a stale read. */
export interface LostUpdate {
  /** The write that was lost. */
  lost: TraceEvent;
  /** The read it should have been seen by, but was not. */
  staleRead: TraceEvent;
  /** The write computed from the stale read. */
  overwrittenBy: TraceEvent;
}

/** The lost updates among `events` (in logical-time order). */
export function findLostUpdates(events: TraceEvent[]): LostUpdate[] {
  const lastRead = new Map<string, TraceEvent>(); // by thread and object
  const writes = new Map<string, TraceEvent[]>(); // by object
  const found: LostUpdate[] = [];
  for (const event of events) {
    const key = `${event.thread}\u0000${event.object}`;
    if (event.op === "read") lastRead.set(key, event);
    if (event.op !== "write") continue;
    const read = lastRead.get(key);
    const previous = writes.get(event.object) ?? [];
    if (read !== undefined) {
      for (const w of previous) {
        if (w.thread !== event.thread && w.time > read.time && w.time < event.time)
          found.push({ lost: w, staleRead: read, overwrittenBy: event });
      }
    }
    lastRead.delete(key);
    writes.set(event.object, [...previous, event]);
  }
  return found;
}
