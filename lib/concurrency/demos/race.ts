/**
 * The shared counter race of 4.7.2, two ways. `raceReplay` replays the chapter's exact
 * interleaving with a shared program counter, so the update is lost every time, and draws it as
 * the chapter's table. `raceFreeRuns` lets two threads increment freely behind a start gate,
 * many times, and draws a histogram of how many updates each run lost — with plain increments,
 * a Lock, or Atomics.add.
 */
import { barChartSvg } from "../../render/bar-chart-svg.js";
import { MIMEBUNDLE, type MimeBundle } from "../../render/mimebundle.js";
import { drawingBundle } from "../../render/rich-output.js";
import { COLORS } from "../../render/svg-markup.js";
import { textGrid } from "../../render/text-grid.js";
import { Barrier } from "../barrier.js";
import { Lock } from "../lock.js";
import { Scope } from "../scope.js";
import { SharedInts } from "../shared-ints.js";
import { Thread } from "../thread.js";
import type { Timeline } from "../timeline.js";
import { Trace } from "../trace.js";
import { Turnstile } from "../turnstile.js";
import { findLostUpdates } from "../lost-updates.js";
import { RacePlayer } from "./race-player.js";
import { type IncrementMode, type RunPart, freeIncrement, lockedIncrement, scriptedIncrement } from "./race-steps.js";

/** The chapter's interleaving: Thread 0 reads, Thread 1 reads, Thread 0 calculates and writes, Thread 1 calculates and writes. */
export const CHAPTER_SCHEDULE = [0, 1, 0, 0, 1, 1];

/** The outcome of a replayed race. */
export class RaceReplay {
  constructor(
    /** The counter after both increments (1: an update was lost). */
    readonly count: number,
    /** How many updates were lost. */
    readonly lost: number,
    readonly trace: Trace,
    readonly timeline: Timeline,
  ) {}

  /** A Play/slider widget stepping through the interleaving, the current row and timeline step highlighted. */
  player(): RacePlayer {
    return new RacePlayer(this.trace, this.timeline.events, "The counter race");
  }

  [MIMEBUNDLE](): MimeBundle {
    return this.timeline[MIMEBUNDLE]();
  }
}

/** Replays two threads incrementing `counter[0]` in the interleaving `schedule` (the chapter's by default). */
export async function raceReplay(schedule: number[] = CHAPTER_SCHEDULE): Promise<RaceReplay> {
  return Scope.run(async () => {
    const trace = new Trace();
    const counter = new SharedInts("counter", [0], { trace });
    const turns = new Turnstile(schedule);
    const threads = [0, 1].map((who) =>
      new Thread({ target: scriptedIncrement, args: [counter, turns, who], name: `Thread ${who}`, trace }).start(),
    );
    await Promise.all(threads.map((t) => t.join()));
    const count = counter.values()[0];
    const lost = findLostUpdates(trace.events()).length;
    const caption = [`count is now: ${count} — incremented twice, ${lost === 1 ? "one update lost" : `${lost} updates lost`}.`];
    return new RaceReplay(
      count,
      lost,
      trace,
      trace.timeline({ title: "The counter race, replayed in the chapter's order", hide: ["start", "end"], caption }),
    );
  });
}

/** Replays the two increments under a Lock, colliding on purpose: the second thread waits for the lock, then reads the first one's write. */
export async function raceReplayWithLock(): Promise<RaceReplay> {
  return Scope.run(async () => {
    const trace = new Trace();
    const counter = new SharedInts("counter", [0], { trace });
    const lock = new Lock({ name: "lock", trace });
    const turns = new Turnstile([0, 1]);
    const threads = [0, 1].map((who) =>
      new Thread({ target: lockedIncrement, args: [counter, lock, turns, who], name: `Thread ${who}`, trace }).start(),
    );
    await Promise.all(threads.map((t) => t.join()));
    const count = counter.values()[0];
    const lost = findLostUpdates(trace.events()).length;
    const caption = [`count is now: ${count}. Thread 1 waited for the lock, so it read Thread 0's write: no update lost.`];
    return new RaceReplay(
      count,
      lost,
      trace,
      trace.timeline({ title: "The same two increments, each holding a Lock", hide: ["start", "end"], caption }),
    );
  });
}

/** One free run. */
export interface FreeRun {
  expected: number;
  actual: number;
  lost: number;
  /** How long the two threads' loops overlapped (ms). */
  overlapMs: number;
}

/** The outcome of many free runs. */
export class FreeRuns {
  constructor(
    readonly mode: IncrementMode,
    readonly ms: number,
    readonly runs: FreeRun[],
  ) {}

  /** Runs that lost at least one update. */
  get runsWithLoss(): number {
    return this.runs.filter((r) => r.lost > 0).length;
  }

  /** The histogram as SVG: runs by share of updates lost. */
  svg(): string {
    const edges = [0, 1e-9, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1.01];
    const labels = ["none", "<10%", "10–20%", "20–30%", "30–40%", "40–50%", "50–60%", "≥60%"];
    const counts = labels.map(() => 0);
    for (const run of this.runs) {
      const share = run.expected === 0 ? 0 : run.lost / run.expected;
      const bin = share === 0 ? 0 : edges.findIndex((e, i) => share >= e && share < edges[i + 1]);
      counts[Math.max(0, bin)]++;
    }
    const how = { plain: "plain increments", lock: "with a Lock", atomic: "with Atomics.add" }[this.mode];
    return barChartSvg({
      title: `${this.runs.length} free runs of two threads, ${how}: ${this.runsWithLoss} of them lost updates`,
      bars: labels.map((label, i) => ({ label, value: counts[i], color: i === 0 ? COLORS.good : COLORS.bad })),
      valueLabel: "runs",
      categoryLabel: `share of the ${this.ms} ms of increments that were lost`,
    });
  }

  /** The runs as a text table. */
  text(): string {
    const rows = this.runs.map((r, i) => [
      String(i + 1),
      String(r.expected),
      String(r.actual),
      String(r.lost),
      `${((100 * r.lost) / Math.max(1, r.expected)).toFixed(1)}%`,
      r.overlapMs.toFixed(1),
    ]);
    return `${this.runsWithLoss} of ${this.runs.length} runs lost updates (${this.mode})\n${textGrid(["run", "increments", "counter", "lost", "lost %", "overlap ms"], rows)}`;
  }

  [MIMEBUNDLE](): MimeBundle {
    return drawingBundle([this.svg()], this.text());
  }
}

/** Options of raceFreeRuns. */
export interface FreeRunOptions {
  runs?: number;
  /** How long each thread increments per run (≥ 50 ms, so that the two loops overlap). */
  ms?: number;
  mode?: IncrementMode;
}

/** Two threads increment one shared counter freely for `ms` per run, `runs` times; counts what was lost. */
export async function raceFreeRuns(options: FreeRunOptions = {}): Promise<FreeRuns> {
  const { runs = 20, ms = 60, mode = "plain" } = options;
  return Scope.run(async () => {
    const counter = new Int32Array(new SharedArrayBuffer(4));
    const gate = new Barrier(3, { name: "start gate" }); // two threads and the notebook
    const lock = new Lock();
    const threads = [0, 1].map(() => new Thread({ target: freeIncrement, args: [counter, gate, runs, ms, mode, lock] }).start());
    const actual: number[] = [];
    for (let run = 0; run < runs; run++) {
      Atomics.store(counter, 0, 0);
      await gate.waitAsync(); // start
      await gate.waitAsync(); // both done
      actual.push(Atomics.load(counter, 0));
    }
    const parts = (await Promise.all(threads.map((t) => t.join()))) as RunPart[][];
    return new FreeRuns(
      mode,
      ms,
      actual.map((value, run) => {
        const [a, b] = [parts[0][run], parts[1][run]];
        const expected = a.increments + b.increments;
        return {
          expected,
          actual: value,
          lost: expected - value,
          overlapMs: Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start)),
        };
      }),
    );
  });
}
