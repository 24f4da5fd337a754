/**
 * The `local` runner: map and reduce tasks on a pool of worker processes, one per core by
 * default. Workers receive the functions as source text and the splits as byte ranges, and
 * exchange intermediate data through files, so the only traffic on the IPC channels is task
 * specs, progress and small results.
 */
import { processCount } from "../counts.js";
import { JobError } from "../errors.js";
import { killOnExit } from "./workers/exit-cleanup.js";
import type { MapTaskResult } from "../tasks/map-task.js";
import { type TaskExecutor, runPhases } from "../tasks/phases.js";
import type { ReduceTaskResult } from "../tasks/reduce-task.js";
import { availableParallelism } from "node:os";
import { SPLIT_PHASES } from "./split-phases.js";
import type { Runner, RunnerContext, RunnerOutcome } from "./runner.js";
import { WorkerProcessPool } from "./workers/worker-pool.js";

/** Runs the job on worker processes; every worker is gone when this settles, whatever happened. */
export async function runLocal(ctx: RunnerContext): Promise<RunnerOutcome> {
  const shipped = ctx.shipped;
  if (shipped === undefined) throw new JobError("the local runner needs the functions as source text");
  const pool = new WorkerProcessPool(ctx.settings.workers);
  const onAbort = () => pool.kill(); // stop at once, even a worker inside a long synchronous loop
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  const forget = killOnExit(() => pool.kill());
  let ok = false;
  try {
    const executor: TaskExecutor = {
      map: (spec, listener) =>
        pool.run<MapTaskResult>("map", [spec, shipped], {
          event: (e) => (e.kind === "pid" ? listener.started(e.pid) : listener.progress(e)),
          output: (stream, text) => listener.output(stream, text),
        }),
      reduce: (spec, listener) =>
        pool.run<ReduceTaskResult>("reduce", [spec, shipped], {
          event: (e) => (e.kind === "pid" ? listener.started(e.pid) : listener.progress(e)),
          output: (stream, text) => listener.output(stream, text),
        }),
    };
    const outcome = await runPhases(ctx, executor);
    ok = true;
    return outcome;
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    await pool.close(!ok);
    forget();
  }
}

/** Worker processes on this machine, one per core by default. */
export const localRunner: Runner = {
  name: "local",
  summary: "worker processes, one per core, with retries of failed tasks",
  async plan({ options, count }) {
    const workers = processCount(options.workers, "workers") ?? count(options.workers, "workers", availableParallelism());
    return {
      workers,
      reducers: count(options.reducers, "reducers", workers),
      ships: "all",
      input: "splits",
      phases: SPLIT_PHASES,
      where: `${workers} worker${workers === 1 ? "" : "s"}`,
      notes: [],
      run: runLocal,
    };
  },
};
