/**
 * Watching for deadlock: the wait-for graph is read every few milliseconds; a deadlocked set is
 * reported once it has been seen twice with the same waits (same epochs), which rules out a
 * participant caught between "about to wait" and "woken". Reading the graph takes microseconds,
 * so a deadlock is reported a few milliseconds after it forms.
 */
import { wallClock } from "./trace-event.js";
import { slotName } from "./board.js";
import { type WaitEdge, type WaitForGraph, type WaitNode, readWaitForGraph } from "./wait-for-graph.js";

/** A detected deadlock. */
export interface DeadlockReport {
  /** The deadlocked participants and the waits between them (the cycle). */
  nodes: WaitNode[];
  edges: WaitEdge[];
  /** The whole graph when it was detected. */
  graph: WaitForGraph;
  /** Milliseconds from the last of the circular waits beginning to its detection. */
  detectedAfterMs: number;
  /** When it was detected (ms since the epoch). */
  at: number;
}

/** Raised in waits abandoned because of a deadlock. */
export class DeadlockError extends Error {
  override name = "DeadlockError";
  constructor(readonly report: DeadlockReport) {
    super(`deadlock: ${report.edges.map((e) => `${slotName(e.from)} waits for ${slotName(e.to)} (${e.label})`).join("; ")}`);
  }
}

/** Options of watchForDeadlock. */
export interface WatchOptions {
  /** How often the graph is read. */
  intervalMs?: number;
}

/** Calls `onDeadlock` (once) when the participants of this process deadlock; returns a function that stops watching. */
export function watchForDeadlock(onDeadlock: (report: DeadlockReport) => void, options: WatchOptions = {}): () => void {
  let previous = "";
  const timer = setInterval(() => {
    const graph = readWaitForGraph(slotName);
    if (graph.deadlocked.length === 0) return void (previous = "");
    const nodes = graph.nodes.filter((n) => graph.deadlocked.includes(n.slot));
    const signature = nodes.map((n) => `${n.slot}:${n.epoch}`).join(",");
    if (signature !== previous) return void (previous = signature);
    clearInterval(timer);
    const at = wallClock();
    const edges = graph.edges.filter((e) => graph.deadlocked.includes(e.from) && graph.deadlocked.includes(e.to));
    onDeadlock({ nodes, edges, graph, at, detectedAfterMs: at - Math.max(...nodes.map((n) => n.since ?? at)) });
  }, options.intervalMs ?? 3);
  timer.unref();
  return () => clearInterval(timer);
}
