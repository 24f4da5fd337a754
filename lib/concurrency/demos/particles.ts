/**
 * The particle simulator three ways — one thread; threads sharing memory, phased by a barrier;
 * processes passing positions around a ring of pipes — checked to give the same positions, and
 * timed side by side.
 */
import { barChartSvg } from "../../render/bar-chart-svg.js";
import { MIMEBUNDLE, type MimeBundle } from "../../render/mimebundle.js";
import { drawingBundle, Figure } from "../../render/rich-output.js";
import { htmlTable } from "../../render/table.js";
import { COLORS } from "../../render/svg-markup.js";
import { textGrid } from "../../render/text-grid.js";
import { Barrier } from "../barrier.js";
import { Pipe } from "../pipe.js";
import { Process } from "../process.js";
import { Scope } from "../scope.js";
import { Thread } from "../thread.js";
import { blockStart, initialParticles } from "./particle-physics.js";
import { simulateAlone, simulateRing, simulateShared } from "./particle-workers.js";

/** Options of a comparison. */
export interface ParticleOptions {
  n?: number;
  steps?: number;
  /** Threads, and processes, in the parallel variants. */
  workers?: number;
  seed?: number;
  /**
   * How threads share the read phase: "chunks" (default) — chunks of particles taken from a shared
   * counter, so a faster core does more; "blocks" — each thread computes exactly its own block, as
   * in the chapter.
   */
  schedule?: "chunks" | "blocks";
  /** Particles per chunk with schedule "chunks". */
  chunk?: number;
}

/** One variant's outcome. */
export interface VariantRun {
  name: string;
  pos: Float64Array;
  /** Stepping time, measured inside the workers after a start gate. */
  ms: number;
  /** Including starting and stopping the threads or processes. */
  totalMs: number;
  /** CPU time of each worker while stepping (ms; NaN where the system does not tell). */
  cpuMs: number[];
  /** With schedule "chunks": how many chunks each thread took. */
  chunks?: number[];
}

/** Runs the simulation in one worker thread. */
export async function runAlone(options: ParticleOptions = {}): Promise<VariantRun> {
  const { n = 1000, steps = 10, workers = 2, seed = 1 } = options;
  return Scope.run(async () => {
    const started = performance.now();
    const { pos, vel } = initialParticles(n, seed);
    const out = (await new Thread({ target: simulateAlone, args: [pos, vel, steps, workers], name: "alone" }).start().join()) as {
      pos: Float64Array;
      ms: number;
      cpuMs: number;
    };
    return { name: "1 thread", pos: out.pos, ms: out.ms, totalMs: performance.now() - started, cpuMs: [out.cpuMs] };
  });
}

/** Runs it with `workers` threads sharing memory, phased by a Barrier. */
export async function runThreads(options: ParticleOptions = {}): Promise<VariantRun> {
  const { n = 1000, steps = 10, workers = 2, seed = 1, schedule = "chunks", chunk = 50 } = options;
  return Scope.run(async () => {
    const started = performance.now();
    const next = schedule === "chunks" ? new Int32Array(new SharedArrayBuffer(4 * steps)) : null; // one chunk counter per step
    const initial = initialParticles(n, seed);
    const shared = () => new Float64Array(new SharedArrayBuffer(16 * n));
    const [pos, vel, acc] = [shared(), shared(), shared()];
    pos.set(initial.pos);
    const barrier = new Barrier(workers, { name: "step barrier" });
    const threads = Array.from({ length: workers }, (_, rank) =>
      new Thread({
        target: simulateShared,
        args: [pos, vel, acc, barrier, rank, workers, steps, workers, next, chunk],
        name: `particles-${rank}`,
      }).start(),
    );
    const outs = (await Promise.all(threads.map((t) => t.join()))) as { ms: number; cpuMs: number; chunks: number }[];
    const name = `${workers} threads + barrier${schedule === "blocks" ? ", own blocks" : ""}`;
    return {
      name,
      pos: pos.slice(),
      ms: Math.max(...outs.map((o) => o.ms)),
      totalMs: performance.now() - started,
      cpuMs: outs.map((o) => o.cpuMs),
      ...(next ? { chunks: outs.map((o) => o.chunks) } : {}),
    };
  });
}

/** Runs it with `workers` processes in a ring of pipes. */
export async function runProcesses(options: ParticleOptions = {}): Promise<VariantRun> {
  const { n = 1000, steps = 10, workers = 2, seed = 1 } = options;
  return Scope.run(async () => {
    const started = performance.now();
    const { pos, vel } = initialParticles(n, seed);
    const links = Array.from({ length: workers }, (_, i) => Pipe<Float64Array | string>(false, { name: `ring-${i}` })); // link i: from rank i to rank i + 1
    const processes = Array.from({ length: workers }, (_, rank) => {
      const [a, b] = [blockStart(n, workers, rank), blockStart(n, workers, rank + 1)];
      const toNext = links[rank][1];
      const fromPrev = links[(rank - 1 + workers) % workers][0];
      return new Process({
        target: simulateRing,
        args: [pos.slice(2 * a, 2 * b), vel.slice(2 * a, 2 * b), n, rank, workers, steps, toNext, fromPrev],
        name: `ring-${rank}`,
      }).start();
    });
    const outs = (await Promise.all(processes.map((p) => p.join()))) as { pos: Float64Array; ms: number; cpuMs: number }[];
    const all = new Float64Array(2 * n);
    outs.forEach((o, rank) => all.set(o.pos, 2 * blockStart(n, workers, rank)));
    return {
      name: `${workers} processes, ring`,
      pos: all,
      ms: Math.max(...outs.map((o) => o.ms)),
      totalMs: performance.now() - started,
      cpuMs: outs.map((o) => o.cpuMs),
    };
  });
}

/** The largest difference between two position arrays. */
export function maxDifference(a: Float64Array, b: Float64Array): number {
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k] - b[k]));
  return max;
}

/** The three variants compared. */
export class ParticleComparison extends Figure {
  constructor(
    readonly n: number,
    readonly steps: number,
    readonly runs: VariantRun[],
  ) {
    const base = runs[0];
    const differences = runs.map((r) => maxDifference(base.pos, r.pos));
    const speedups = runs.map((r) => base.ms / r.ms);
    const chart = barChartSvg({
      title: `Particle simulator, n = ${n}, ${steps} steps: speedup over one thread`,
      bars: runs.map((r, i) => ({
        label: r.name,
        value: speedups[i],
        caption: `${speedups[i].toFixed(2)}× (${Math.round(r.ms)} ms)`,
        color: i === 0 ? COLORS.compute : i === 1 ? COLORS.barrier : COLORS.pipe,
      })),
      valueLabel: "speedup",
      reference: { value: runs.length > 1 ? Math.max(1, runs.length - 1) : 1, label: "ideal for 2 workers" },
    });
    const rows = runs.map((r, i) => [
      r.name,
      `${r.ms.toFixed(0)} ms`,
      `${r.totalMs.toFixed(0)} ms`,
      `${speedups[i].toFixed(2)}×`,
      differences[i].toExponential(1),
    ]);
    const agree = differences.every((d) => d <= 1e-12);
    const verdict = `positions ${agree ? "agree" : "DISAGREE"}: largest difference ${Math.max(...differences).toExponential(1)} (limit 1e-12)`;
    super([chart], `${textGrid(["variant", "stepping", "with start-up", "speedup", "max |Δ| vs 1 thread"], rows)}\n${verdict}`, [
      verdict,
      `stepping times are measured inside the workers after a start gate; "with start-up" includes creating the threads or processes.`,
    ]);
    this.rows = rows;
    this.agree = agree;
    this.differences = differences;
    this.speedups = speedups;
  }
  readonly agree: boolean;
  readonly differences: number[];
  readonly speedups: number[];
  private readonly rows: string[][];

  /** What this run measured, in words (the prose beside it reads its figures from here). */
  summary(): string {
    const [, threads, processes] = this.speedups;
    const how = (x: number) => `${x.toFixed(2)}× ${x >= 1 ? "as fast as" : "the speed of"} one thread`;
    return `This run: two threads stepped ${how(threads)}, two processes in a ring ${how(processes)}.`;
  }

  /** The chart, then the table with start-up as HTML too, then the notes. */
  override [MIMEBUNDLE](): MimeBundle {
    const bundle = drawingBundle(this.svgs, this.plain, [this.summary(), ...this.notes]);
    const table = htmlTable(["variant", "stepping", "with start-up", "speedup", "max |Δ| vs 1 thread"], this.rows);
    const html = bundle["text/html"].replace(/^<div>(<div>.*?<\/div>)/s, (_, chart: string) => `<div>${chart}${table}`);
    return { ...bundle, "text/html": html, "text/plain": `${this.plain}\n${this.summary()}` };
  }
}

/** Runs the three variants one after the other and compares them. */
export async function particleDemo(options: ParticleOptions = {}): Promise<ParticleComparison> {
  const { n = 1000, steps = 10 } = options;
  const runs = [await runAlone(options), await runThreads(options), await runProcesses(options)];
  return new ParticleComparison(n, steps, runs);
}
