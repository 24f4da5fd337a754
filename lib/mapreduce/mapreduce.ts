/**
 * `mapreduce(options)`: the one entry point. It resolves the inputs, ships the functions (for
 * runners that use other processes), plans the splits, shows progress, runs the chosen runner,
 * and collects the output files into a result sorted by key. Intermediate files live in a
 * temporary folder that is removed whatever happens; an Interrupt (or `signal`) stops the job
 * and every process it started.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { interruptSignal } from "../jupyter.js";
import { type BadRecord, JobError, RecordError } from "./errors.js";
import type { MapReduceOptions, RunnerName, TaskEvent } from "./job.js";
import { ProgressModel } from "./progress.js";
import { ProgressView } from "./views/progress-view.js";
import { type JobSummary, MapReduceResult, pairsOfLines } from "./result.js";
import type { JobSettings, RunnerContext, RunnerOutcome, UserFunctions } from "./runners/runner.js";
import { runInline } from "./runners/inline.js";
import { runLocal } from "./runners/local.js";
import { runPipeline } from "./runners/pipeline.js";
import { runHadoopStreaming } from "./runners/hadoop.js";
import { defaultRedisUrl } from "./runners/redis/redis-job.js";
import { type RedisCluster, describeCluster, openCluster, runRedis } from "./runners/redis.js";
import { shipFunctions } from "./shipping/shipping.js";
import { defaultSplitSize, makeSplits, resolveInputs } from "./tasks/splits.js";
import { displayPath } from "./views/summary-view.js";

const RUNNERS: Record<Exclude<RunnerName, "redis" | "hadoop">, (ctx: RunnerContext) => Promise<RunnerOutcome>> = { local: runLocal, inline: runInline, pipeline: runPipeline };
const RUNNER_NAMES = ["local", "inline", "pipeline", "redis", "hadoop"];

function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new JobError(`${name} must be a positive integer, not ${value}`);
  return value;
}

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

/** Runs a MapReduce job; resolves to its output pairs, sorted by key, with a summary. */
export async function mapreduce<K, V, O = V>(options: MapReduceOptions<K, V, O>): Promise<MapReduceResult<K, O>> {
  const runner: RunnerName = options.runner ?? "local";
  if (!RUNNER_NAMES.includes(runner)) throw new JobError(`unknown runner ${runner}: use ${RUNNER_NAMES.join(", ")}`);
  if (typeof options.map !== "function") throw new JobError("a job needs a map function");
  if (typeof options.reduce !== "function") throw new JobError("a job needs a reduce function");
  if (runner === "hadoop") return runOnHadoop(options);
  if (runner !== "redis") return runJob(options, runner);
  // The redis runner plans splits and reducers for the workers registered in Redis.
  const cluster = await openCluster(options.redis ?? defaultRedisUrl(), options.sharedInput === true);
  try {
    return await runJob(options, runner, cluster);
  } finally {
    await cluster.close();
  }
}

async function runJob<K, V, O>(options: MapReduceOptions<K, V, O>, runner: RunnerName, cluster?: RedisCluster): Promise<MapReduceResult<K, O>> {
  const started = performance.now();
  const workers = runner === "local" ? positiveInteger(options.workers, "workers", availableParallelism()) : (cluster?.slots ?? 1);
  const settings: JobSettings = {
    workers,
    reducers: runner === "pipeline" ? 1 : positiveInteger(options.reducers, "reducers", workers),
    memoryBudget: positiveInteger(options.memoryBudget, "memoryBudget", 64 << 20),
    maxAttempts: positiveInteger(options.maxAttempts, "maxAttempts", 4),
    skipBadRecords: options.skipBadRecords === true,
  };
  const functions = { map: options.map, reduce: options.reduce, combine: options.combine, partition: options.partition } as UserFunctions;
  const notes: string[] = [];
  if (runner === "pipeline" && (options.combine || options.partition)) notes.push("the pipeline runner has one reducer and no combiner: combine and partition were not used");
  if (runner === "pipeline" && options.reducers !== undefined && options.reducers !== 1) notes.push("the pipeline runner has one reducer (--reducers ignored)");
  // Ship before reading any input, so a function that cannot run elsewhere fails at once.
  const shipped = runner === "inline" ? undefined : shipFunctions(runner === "pipeline" ? { map: functions.map, reduce: functions.reduce } : { ...functions });

  const cwd = options.cwd ?? process.cwd();
  const files = await resolveInputs(options.input, cwd);
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const splits = runner === "pipeline" ? [] : makeSplits(files, positiveInteger(options.splitSize, "splitSize", defaultSplitSize(totalBytes, workers)));
  const notebookSignal = interruptSignal();
  const signals = [options.signal, notebookSignal].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length === 1 ? signals[0] : AbortSignal.any(signals);
  signal.throwIfAborted();

  const progress = new ProgressModel();
  if (runner === "pipeline") {
    progress.addPhase("map", "stage", 1, totalBytes);
    progress.addPhase("sort", "stage", 1);
    progress.addPhase("reduce", "stage", 1);
  } else {
    progress.addPhase("map", "splits", splits.length, totalBytes);
    progress.addPhase("reduce", "tasks", settings.reducers);
  }
  const where = cluster !== undefined ? ` · ${describeCluster(cluster)}` : runner === "local" ? ` · ${workers} worker${workers === 1 ? "" : "s"}` : "";
  const title = `MapReduce · ${runner} runner${where} · ${files.length === 1 ? displayPath(files[0].path, cwd) : `${files.length} files`}`;
  const show = options.progress === undefined ? notebookSignal !== undefined : options.progress !== false;
  const view = new ProgressView(title, () => progress.snapshot(), typeof options.progress === "function" ? options.progress : undefined, show);
  const failedAttempts: TaskEvent[] = [];
  const dir = await mkdtemp(join(options.tmpDir ?? tmpdir(), "lazylab-mapreduce-"));
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
    const outcome = cluster !== undefined ? await runRedis(ctx, cluster) : await RUNNERS[runner as keyof typeof RUNNERS](ctx);
    progress.finish("done");
    const summary: JobSummary = {
      runner,
      inputs: files,
      cwd,
      workers,
      reducers: settings.reducers,
      splits: splits.length,
      seconds: { total: 0, phases: Object.fromEntries(progress.snapshot().phases.map((p) => [p.name, progress.phaseSeconds(p.name)])) },
      counters: outcome.counters,
      reducerRecords: outcome.reducerRecords,
      failedAttempts,
      badRecords: outcome.badRecords.map((b) => ({ ...b })),
      notes,
      pipeline: outcome.pipeline,
    };
    const pairs = readOutputs(outcome.outputs) as [K, O][];
    summary.seconds.total = (performance.now() - started) / 1000;
    return new MapReduceResult<K, O>(pairs, summary, options.limit ?? 20);
  } catch (error) {
    progress.finish("failed");
    throw asRecordError(error, cwd);
  } finally {
    view.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Section 4.6.3: the job's mapper and reducer programs under Hadoop streaming; inputs and output are HDFS paths. */
async function runOnHadoop<K, V, O>(options: MapReduceOptions<K, V, O>): Promise<MapReduceResult<K, O>> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const shipped = shipFunctions({ map: options.map, reduce: options.reduce });
  const inputs = (Array.isArray(options.input) ? options.input : [options.input]).filter((p) => p.trim() !== "");
  if (inputs.length === 0) throw new JobError("no input: give --input with directories or files in Hadoop's file system");
  const output = options.output ?? `lazylab-output-${new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "")}`;
  const signals = [options.signal, interruptSignal()].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length === 0 ? new AbortController().signal : AbortSignal.any(signals);
  const notes = [`Hadoop streaming · input ${inputs.join(", ")} · output ${output}`];
  if (options.combine || options.partition) notes.push("Hadoop streaming runs the mapper and reducer programs only: combine and partition were not used");
  const outcome = await runHadoopStreaming(
    { shipped, inputs, output, programsDir: resolve(cwd, options.programsDir ?? "hadoop-job"), reducers: options.reducers, skipBadRecords: options.skipBadRecords === true },
    signal,
    (text) => void process.stderr.write(text),
  );
  const summary: JobSummary = {
    runner: "hadoop",
    inputs: [],
    cwd,
    workers: 0,
    reducers: options.reducers ?? 1,
    splits: 0,
    seconds: { total: (performance.now() - started) / 1000, phases: {} },
    counters: outcome.counters.table,
    reducerRecords: [],
    failedAttempts: [],
    badRecords: [],
    notes,
    pipeline: { command: outcome.command, programs: { "mapper.mjs": readFileSync(outcome.programs.mapper, "utf8"), "reducer.mjs": readFileSync(outcome.programs.reducer, "utf8") } },
  };
  return new MapReduceResult<K, O>(pairsOfLines(outcome.lines) as [K, O][], summary, options.limit ?? 20);
}
