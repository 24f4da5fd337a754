/**
 * `mapreduce(options)`: the one entry point. It checks the job, asks its runner for a plan,
 * resolves the inputs, ships the functions (for runners that use other processes), cuts the
 * splits, shows progress, runs the plan and collects the output files into a result sorted by
 * key. Nothing here depends on which runner it is (runners/index.ts lists them). Intermediate
 * files live in a temporary folder that is removed whatever happens; an Interrupt (or `signal`)
 * stops the job and every process it started.
 */
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { interruptSignal } from "../jupyter.js";
import { ownedTempFolder } from "../lifeline/orphan-folders.js";
import { checkJob, positiveInteger } from "./arguments.js";
import { type BadRecord, RecordError } from "./errors.js";
import type { MapReduceOptions, TaskEvent } from "./job.js";
import type { RunnerName } from "./runners/index.js";
import { ProgressModel } from "./progress.js";
import { MapReduceResult, pairsOfLines } from "./result.js";
import type { JobSettings, RunnerContext, RunnerPlan, UserFunctions } from "./runners/runner.js";
import { shipFunctions } from "./shipping/shipping.js";
import type { JobSummary } from "./summary.js";
import { type InputFile, type Split, defaultSplitSize, makeSplits, resolveInputs } from "./tasks/splits.js";
import { JobPanel } from "./views/job-panel.js";
import { ProgressView } from "./views/progress-view.js";
import { displayPath } from "./views/summary-view.js";

/** Every output pair of the part files, sorted by key (stable: a key's values keep their order). */
function readOutputs(files: string[]): [unknown, unknown][] {
  return pairsOfLines(files.flatMap((f) => readFileSync(f, "utf8").split("\n")));
}

/** A record error from a worker (a plain Error with the record attached), with the file named for people. */
function asRecordError(error: unknown, cwd: string): unknown {
  const bad = (error as { bad?: BadRecord } | null)?.bad;
  if (bad === undefined || (error as Error).name !== "MapReduceRecordError") return error;
  const rebuilt = new RecordError({ ...bad, file: bad.file === "" ? "" : displayPath(bad.file, cwd) });
  rebuilt.stack = `${rebuilt.name}: ${rebuilt.message}`; // the frames would be the runner's, not the user's
  return rebuilt;
}

/** The functions as source text, as far as the plan ships them (shipped before any input is read, so a function that cannot run elsewhere fails at once). */
function ship(plan: RunnerPlan, functions: UserFunctions) {
  if (plan.ships === "nothing") return undefined;
  return shipFunctions(plan.ships === "all" ? { ...functions } : { map: functions.map, reduce: functions.reduce });
}

/** The job's interrupt: the caller's signal, the notebook's Interrupt, or both. */
function jobSignal(signal: AbortSignal | undefined, notebookSignal: AbortSignal | undefined): AbortSignal {
  const signals = [signal, notebookSignal].filter((s): s is AbortSignal => s !== undefined);
  return signals.length === 0 ? new AbortController().signal : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
}

/** Runs a MapReduce job; resolves to its output pairs, sorted by key, with a summary. */
export async function mapreduce<K, V, O = V>(options: MapReduceOptions<K, V, O> & { runner?: RunnerName }): Promise<MapReduceResult<K, O>> {
  const job = options as MapReduceOptions<unknown, unknown, unknown>;
  const runner = checkJob(job);
  const cwd = options.cwd ?? process.cwd();
  const plan = await runner.plan({ options: job, cwd, count: positiveInteger });
  try {
    return await runPlan(options, runner.name, plan, cwd);
  } finally {
    await plan.close?.();
  }
}

async function runPlan<K, V, O>(
  options: MapReduceOptions<K, V, O>,
  runner: string,
  plan: RunnerPlan,
  cwd: string,
): Promise<MapReduceResult<K, O>> {
  const started = performance.now();
  const settings: JobSettings = {
    workers: plan.workers,
    reducers: plan.reducers,
    memoryBudget: positiveInteger(options.memoryBudget, "memoryBudget", 64 << 20),
    maxAttempts: positiveInteger(options.maxAttempts, "maxAttempts", 4),
    skipBadRecords: options.skipBadRecords === true,
  };
  const functions = { map: options.map, reduce: options.reduce, combine: options.combine, partition: options.partition } as UserFunctions;
  const shipped = ship(plan, functions);

  const files: InputFile[] = plan.input === "remote paths" ? [] : await resolveInputs(options.input, cwd);
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const splits: Split[] =
    plan.input === "splits"
      ? makeSplits(files, positiveInteger(options.splitSize, "splitSize", defaultSplitSize(totalBytes, settings.workers)))
      : [];
  const notebookSignal = interruptSignal();
  const where = plan.where === undefined ? "" : ` · ${plan.where}`;
  const what = plan.input === "remote paths" ? "" : ` · ${files.length === 1 ? displayPath(files[0].path, cwd) : `${files.length} files`}`;
  const title = `MapReduce · ${runner} runner${where}${what}`;
  const panel = options.panel === true ? new JobPanel(title) : undefined;
  panel?.show();
  // The panel's Cancel joins the caller's signal and the notebook's Interrupt: one way to stop a job.
  const signal = jobSignal(panel === undefined ? options.signal : jobSignal(options.signal, panel.signal), notebookSignal);
  signal.throwIfAborted();

  const progress = new ProgressModel();
  for (const phase of plan.phases) {
    const tasks = phase.tasks === "splits" ? splits.length : phase.tasks === "reducers" ? settings.reducers : phase.tasks;
    progress.addPhase(phase.name, phase.unit, tasks, phase.readsInput ? totalBytes : 0);
  }
  const show = panel === undefined && (options.progress === undefined ? notebookSignal !== undefined : options.progress !== false);
  const callback = typeof options.progress === "function" ? options.progress : undefined;
  const view = new ProgressView(
    title,
    () => progress.snapshot(),
    panel === undefined
      ? callback
      : (snapshot) => {
          panel.update(snapshot);
          callback?.(snapshot);
        },
    show,
  );
  const failedAttempts: TaskEvent[] = [];
  // Named for this process: the folders of a kernel that was killed mid-job go with the next job.
  const dir = ownedTempFolder("lazylab-mapreduce-", options.tmpDir ?? tmpdir());
  const ctx: RunnerContext = {
    files,
    splits,
    dir,
    functions,
    shipped,
    settings,
    progress,
    changed: () => view.changed(),
    signal,
    taskEvent(event) {
      if (event.type === "failed") failedAttempts.push(event);
      try {
        options.onTask?.(event);
      } catch (error) {
        process.stderr.write(`onTask threw: ${String(error)}\n`);
      }
    },
    print: (stream, text) => void process[stream].write(text),
  };
  try {
    const outcome = await plan.run(ctx);
    progress.finish("done");
    const summary: JobSummary = {
      runner,
      inputs: files,
      cwd,
      workers: settings.workers,
      reducers: settings.reducers,
      splits: splits.length,
      seconds: { total: 0, phases: Object.fromEntries(progress.snapshot().phases.map((p) => [p.name, progress.phaseSeconds(p.name)])) },
      counters: outcome.counters,
      reducerRecords: outcome.reducerRecords,
      failedAttempts,
      badRecords: outcome.badRecords.map((b) => ({ ...b })),
      notes: plan.notes,
      pipeline: outcome.pipeline,
    };
    const pairs = readOutputs(outcome.outputs) as [K, O][];
    summary.seconds.total = (performance.now() - started) / 1000;
    return new MapReduceResult<K, O>(pairs, summary, options.limit ?? 20);
  } catch (error) {
    progress.finish("failed");
    throw panel?.signal.aborted === true && signal.reason === panel.signal.reason ? panel.signal.reason : asRecordError(error, cwd);
  } finally {
    view.close();
    // A cleanup that fails must not hide the job's own outcome or error; it is said on stderr.
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(
      (error: Error) => void process.stderr.write(`could not remove ${dir}: ${error.message}\n`),
    );
    panel?.finish(progress.snapshot().state === "done" ? "done" : "failed"); // after the cleanup it reports
  }
}
