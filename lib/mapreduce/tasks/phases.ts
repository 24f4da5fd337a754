/**
 * The map phase and the reduce phase of the local and inline runners: map tasks over the splits,
 * then one reduce task per partition over that partition's segment of every map run. How an
 * attempt runs (in a worker process, or in this process) is the runner's `TaskExecutor`.
 */
import { Counters } from "../counters.js";
import type { BadRecord } from "../errors.js";
import type { MapTaskResult, MapTaskSpec, TaskProgress } from "./map-task.js";
import type { ReduceTaskResult, ReduceTaskSpec } from "./reduce-task.js";
import { segmentsFor } from "./run-file.js";
import type { RunnerContext, RunnerOutcome } from "../runners/runner.js";
import { failureReason, runTasks } from "../runners/workers/task-scheduler.js";

/** What an attempt reports while it runs. */
export interface AttemptListener {
  started(pid: number | undefined): void;
  progress(p: TaskProgress): void;
  output(stream: "stdout" | "stderr", text: string): void;
}

/** Runs one task attempt somewhere. */
export interface TaskExecutor {
  map(spec: MapTaskSpec, listener: AttemptListener): Promise<MapTaskResult>;
  reduce(spec: ReduceTaskSpec, listener: AttemptListener): Promise<ReduceTaskResult>;
}

type Phase = "map" | "reduce";

/** Runs the phases; resolves when every task succeeded, rejects at the first user error, abort or exhausted task. */
export async function runPhases(ctx: RunnerContext, executor: TaskExecutor): Promise<RunnerOutcome> {
  const { settings, progress } = ctx;
  const pids = new Map<string, number | undefined>(); // `${taskId}/${attempt}` → pid

  async function attempt<S extends { taskId: string; attempt: number }, R>(
    phase: Phase,
    spec: S,
    run: (spec: S, l: AttemptListener) => Promise<R>,
  ): Promise<R> {
    const listener: AttemptListener = {
      started(pid) {
        pids.set(`${spec.taskId}/${spec.attempt}`, pid);
        progress.taskStarted(phase, spec.taskId);
        ctx.taskEvent({ type: "start", taskId: spec.taskId, phase, attempt: spec.attempt, pid });
        ctx.changed();
      },
      progress(p) {
        progress.taskProgress(phase, spec.taskId, p.bytes, p.records);
        ctx.changed();
      },
      output: (stream, text) => ctx.print(stream, text),
    };
    const result = await run(spec, listener);
    progress.taskDone(phase, spec.taskId);
    ctx.taskEvent({ type: "done", taskId: spec.taskId, phase, attempt: spec.attempt, pid: pids.get(`${spec.taskId}/${spec.attempt}`) });
    ctx.changed();
    return result;
  }

  function onRetry(phase: Phase, taskId: string) {
    return (_index: number, attempt: number, error: unknown) => {
      const pid = pids.get(`${taskId}/${attempt}`);
      progress.taskFailed(phase, taskId);
      ctx.taskEvent({ type: "failed", taskId, phase, attempt, pid, reason: failureReason(error) });
      ctx.taskEvent({ type: "retry", taskId, phase, attempt: attempt + 1 });
      ctx.changed();
    };
  }

  // Map phase.
  const mapSpecs: MapTaskSpec[] = ctx.splits.map((split, i) => ({
    taskId: `map-${i}`,
    attempt: 1,
    file: split.file,
    start: split.start,
    end: split.end,
    reducers: settings.reducers,
    memoryBudget: settings.memoryBudget,
    skipBadRecords: settings.skipBadRecords,
    dir: ctx.dir,
  }));
  progress.phaseStarted("map");
  const maps = await runTasks(mapSpecs.length, (i, n) => attempt("map", { ...mapSpecs[i], attempt: n }, (s, l) => executor.map(s, l)), {
    maxAttempts: settings.maxAttempts,
    signal: ctx.signal,
    taskName: (i) => mapSpecs[i].taskId,
    onRetry: (i, n, e) => onRetry("map", mapSpecs[i].taskId)(i, n, e),
  });
  progress.phaseDone("map");

  // Reduce phase: partition r reads segment r of every run of every map task.
  const runs = maps.flatMap((m) => m.runs);
  const reduceSpecs: ReduceTaskSpec[] = Array.from({ length: settings.reducers }, (_, r) => ({
    taskId: `reduce-${r}`,
    attempt: 1,
    partition: r,
    segments: segmentsFor(runs, r),
    skipBadRecords: settings.skipBadRecords,
    dir: ctx.dir,
  }));
  const reducerRecords = reduceSpecs.map((s) => s.segments.reduce((n, seg) => n + seg.records, 0));
  progress.setTotals("reduce", { records: reducerRecords.reduce((a, b) => a + b, 0) });
  progress.phaseStarted("reduce");
  ctx.changed();
  const reduces = await runTasks(
    reduceSpecs.length,
    (i, n) => attempt("reduce", { ...reduceSpecs[i], attempt: n }, (s, l) => executor.reduce(s, l)),
    {
      maxAttempts: settings.maxAttempts,
      signal: ctx.signal,
      taskName: (i) => reduceSpecs[i].taskId,
      onRetry: (i, n, e) => onRetry("reduce", reduceSpecs[i].taskId)(i, n, e),
    },
  );
  progress.phaseDone("reduce");

  const counters = new Counters();
  const badRecords: BadRecord[] = [];
  for (const result of [...maps, ...reduces]) {
    counters.merge(result.counters);
    badRecords.push(...result.badRecords);
  }
  return { outputs: reduces.map((r) => r.output), counters: counters.table, badRecords, reducerRecords };
}
