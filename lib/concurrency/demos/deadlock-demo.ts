/**
 * 4.7.8's deadlock, two kinds, each found by the wait-for graph and cleaned up: the chapter's
 * two processes that both receive first on a duplex pipe (the notebook is one of them, as the
 * chapter's main process is), and two threads taking two locks in opposite order. Once the
 * circular wait is seen, the scope is aborted: workers are terminated, the child process is
 * killed, the notebook's pending recv rejects. The result draws the cycle and the trace.
 */
import { Figure } from "../../render/rich-output.js";
import { waitForSvg } from "../../render/wait-for-svg.js";
import { textGrid } from "../../render/text-grid.js";
import { Barrier } from "../barrier.js";
import { DeadlockError, type DeadlockReport, watchForDeadlock } from "../deadlock-watch.js";
import { Lock } from "../lock.js";
import { type Connection, Pipe } from "../pipe.js";
import { Process } from "../process.js";
import { Scope } from "../scope.js";
import { moduleFunction } from "../target.js";
import { Thread } from "../thread.js";
import { Trace } from "../trace.js";
import { wallClock } from "../trace-event.js";
import { currentBoard, State } from "../board.js";

/** The chapter's `deadlock(in_pipe, out_pipe)`: receive first, then send. */
export const deadlock = moduleFunction(import.meta.url, "deadlock", (inPipe: Connection<number>, outPipe: Connection<number>): void => {
  const item = inPipe.recv();
  console.log("got an item:", item);
  outPipe.send(item + 1);
});

/** Takes `first`, waits until the other thread holds its first lock too, then takes `second`. */
export const takeTwo = moduleFunction(import.meta.url, "takeTwo", (first: Lock, second: Lock, bothHoldOne: Barrier): void => {
  first.acquire();
  bothHoldOne.wait(); // make the bad interleaving certain: each holds one lock before asking for the other
  second.acquire();
  second.release();
  first.release();
});

/** Which deadlock. */
export type DeadlockKind = "pipes" | "locks";

/** The outcome: the cycle found, how fast, and the cleanup. */
export class DeadlockDemo extends Figure {
  constructor(
    readonly kind: DeadlockKind,
    readonly report: DeadlockReport,
    /** Milliseconds from detection until every thread and process of the demo was gone. */
    readonly cleanupMs: number,
    /** Whether every participant of the demo is finished now. */
    readonly allStopped: boolean,
    readonly trace: Trace,
  ) {
    const cycle = onCycle(report);
    const svg = waitForSvg(
      kind === "pipes" ? "Deadlock: both processes receive first" : "Deadlock: two locks taken in opposite order",
      report.nodes.map((n) => ({ id: n.slot, label: nodeName(kind, n.slot, n.name), detail: `in ${n.waitsFor ?? ""}`, stuck: true })),
      report.edges.map((e) => ({ ...e, label: `waits (${e.label})`, cycle: cycle.has(e.from) && cycle.has(e.to) })),
      [
        `detected ${report.detectedAfterMs.toFixed(1)} ms after the circular wait formed; all ${allStopped ? "stopped" : "NOT stopped"} ${cleanupMs.toFixed(1)} ms later.`,
      ],
    );
    const timeline = trace.timeline({ title: "What happened before", hide: ["start", "end"] });
    const edges = textGrid(
      ["waiter", "waits for", "because of"],
      report.edges.map((e) => [name(report, e.from), name(report, e.to), e.label]),
    );
    super(
      [svg, timeline.svg()],
      `deadlock detected after ${report.detectedAfterMs.toFixed(1)} ms; cleanup ${cleanupMs.toFixed(1)} ms\n${edges}\n\n${timeline.text()}`,
    );
  }
}

function name(report: DeadlockReport, slot: number): string {
  return report.nodes.find((n) => n.slot === slot)?.name ?? `#${slot}`;
}

/** The slots that lie on a cycle of the report's edges (others are stuck behind it, like a joining notebook). */
function onCycle(report: DeadlockReport): Set<number> {
  const next = (slot: number) => report.edges.filter((e) => e.from === slot).map((e) => e.to);
  const reaches = (from: number, target: number, seen = new Set<number>()): boolean =>
    next(from).some((n) => n === target || (!seen.has(n) && (seen.add(n), reaches(n, target, seen))));
  return new Set(report.nodes.map((n) => n.slot).filter((slot) => reaches(slot, slot)));
}

// In the pipe deadlock the notebook plays the chapter's main process.
function nodeName(kind: DeadlockKind, slot: number, name: string): string {
  return kind === "pipes" && slot === 0 ? "MainProcess (notebook)" : name;
}

/**
 * Runs `body` — a cell's code that may deadlock, such as the chapter's `create_deadlock` — with
 * the wait-for graph watching and a fresh Trace for it to attach to its pipes, locks and
 * participants. When the circular wait forms, everything `body` started is stopped (the child
 * process killed, threads terminated, the notebook's pending recv abandoned) and the cycle drawn.
 * `kind` names the drawing; with "pipes" the notebook's own lane is the chapter's MainProcess.
 */
export async function detectDeadlock(body: (trace: Trace) => Promise<unknown>, kind: DeadlockKind = "pipes"): Promise<DeadlockDemo> {
  const trace = new Trace();
  if (kind === "pipes") trace.lanes.set(0, "MainProcess");
  let found: DeadlockReport | undefined;
  let detectedAt = 0;
  try {
    await Scope.run(async (scope) => {
      const stop = watchForDeadlock((report) => {
        found = report;
        detectedAt = wallClock();
        void scope.abort(new DeadlockError(report)).catch(() => undefined);
      });
      scope.defer(stop);
      await body(trace);
    });
  } catch (error) {
    if (!(error instanceof DeadlockError)) throw error;
  }
  if (found === undefined) throw new Error("no deadlock happened");
  const board = currentBoard();
  const others = found.nodes.filter((n) => n.slot !== 0); // slot 0 is the notebook's own thread
  const allStopped = others.every((n) => board.read(n.slot).state === State.Finished);
  return new DeadlockDemo(kind, found, wallClock() - detectedAt, allStopped, trace);
}

/** Sets up a deadlock of `kind` with the library's copy of the listing, detects it, cleans up, and draws it. */
export async function deadlockDemo(kind: DeadlockKind = "pipes"): Promise<DeadlockDemo> {
  return detectDeadlock(async (trace) => {
    if (kind === "pipes") {
      const pipe = Pipe<number>(true, { name: "pipe", trace });
      const other = new Process({ target: deadlock, args: [pipe[0], pipe[1]], trace }).start();
      // the chapter's main process runs deadlock(pipe[1], pipe[0]) itself; the notebook awaits instead of blocking
      const item = await pipe[1].recvAsync();
      pipe[0].send(item + 1);
      await other.join();
    } else {
      const [a, b] = [new Lock({ name: "lock_a", trace }), new Lock({ name: "lock_b", trace })];
      const bothHoldOne = new Barrier(2, { name: "both hold one" });
      const threads = [
        new Thread({ target: takeTwo, args: [a, b, bothHoldOne], trace }).start(),
        new Thread({ target: takeTwo, args: [b, a, bothHoldOne], trace }).start(),
      ];
      await Promise.all(threads.map((p) => p.join()));
    }
  }, kind);
}
