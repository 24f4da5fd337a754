/**
 * The job model of section 4.6: a map function applied to every input record emits zero or more
 * key/value pairs; pairs are grouped by key; a reduce function turns each key's values into the
 * output. Optional: a combiner (a reducer run map-side, on part of a key's values) and a
 * partition function choosing which of R reducers gets a key. Keys and values travel between
 * processes as JSON, so they must be JSON values (strings, numbers, booleans, null, arrays,
 * plain objects).
 */

import type { ProgressSnapshot } from "./progress.js";

/** Hands one key/value pair to the framework (the chapter's `emit`). */
export type Emit<K, V> = (key: K, value: V) => void;

/** What a running map or reduce function may ask of the framework. */
export interface TaskContext {
  /** Adds `n` (default 1) to the user counter `group`/`name` (Hadoop's counters). */
  count(group: string, name: string, n?: number): void;
  /** The input file of the record being mapped ("" in reduce tasks). */
  readonly file: string;
  /** Which function runs: map, combine or reduce. */
  readonly phase: "map" | "combine" | "reduce";
  /** The task (`map-3`, `reduce-0`) and its attempt number (1 for the first try). */
  readonly taskId: string;
  readonly attempt: number;
}

/** A map function: one input record (a line without its newline) → zero or more emitted pairs. */
export type Mapper<K, V> = (record: string, emit: Emit<K, V>, ctx: TaskContext) => void;

/**
 * A reduce function: a key and an iterable over all its values → output for that key, either
 * returned (one value) or emitted (any number of pairs, as the chapter's reducer does).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a reducer that emits returns nothing; `void` lets it be written without `return undefined`.
export type Reducer<K, V, O = V> = (key: K, values: Iterable<V>, emit: Emit<K, O>, ctx: TaskContext) => O | void;

/** A combiner is a reducer whose output has the type of its input, so it may run any number of times map-side. */
export type Combiner<K, V> = Reducer<K, V, V>;

/** Chooses the reducer (0 … reducers-1) for a key; must give the same answer in every process. */
export type Partitioner<K> = (key: K, reducers: number) => number;

/** An event about one task attempt, for monitoring (and for tests that kill workers). */
export interface TaskEvent {
  type: "start" | "done" | "failed" | "retry";
  taskId: string;
  phase: "map" | "reduce";
  attempt: number;
  /** The worker process running the attempt (undefined for the inline runner). */
  pid?: number;
  /** The redis runner's worker: `host:pid (address)`. */
  worker?: string;
  /** Why an attempt failed. */
  reason?: string;
}

/** A MapReduce job: the functions and how to run them. */
export interface MapReduceOptions<K, V, O = V> {
  /** Input files: paths or globs (relative to `cwd`), read as lines. */
  input: string | string[];
  map: Mapper<K, V>;
  reduce: Reducer<K, V, O>;
  combine?: Combiner<K, V>;
  partition?: Partitioner<K>;
  /**
   * Which runner (runners/index.ts lists them; `mapreduce()` accepts only their names): worker
   * processes on this machine (`local`, the default), this process (`inline`), the chapter's Unix
   * pipeline, `lazylab worker` processes through Redis, or Hadoop streaming.
   */
  runner?: string;
  /** Worker processes (local runner); default one per core. */
  workers?: number;
  /** The redis runner's Redis (default: $LAZYLAB_REDIS, else redis://127.0.0.1:6379). */
  redis?: string;
  /**
   * The redis runner's cluster key file (default: $LAZYLAB_KEY_FILE, else the key of the
   * localCluster() at `redis`): the job's functions and tasks are signed with it, and workers run
   * only what it signed.
   */
  keyFile?: string;
  /**
   * The redis runner: workers read the inputs by path, because every host sees the same files
   * (a shared file system); by default the driver sends each split's bytes through Redis.
   */
  sharedInput?: boolean;
  /** The hadoop runner: the output directory in HDFS (default: `lazylab-output-<time>`). */
  output?: string;
  /** The hadoop runner: where mapper.mjs and reducer.mjs are written (default: `hadoop-job` under `cwd`). */
  programsDir?: string;
  /** Reduce tasks R; default the number of workers. The pipeline runner has one reducer. */
  reducers?: number;
  /** Skip records whose map (or keys whose reduce) throws, counting and listing them, instead of failing. */
  skipBadRecords?: boolean;
  /** Bytes of intermediate pairs a map task holds before it spills a sorted run to disk (default 64 MiB). */
  memoryBudget?: number;
  /** Attempts per task before the job fails (Hadoop's default: 4). */
  maxAttempts?: number;
  /** Target bytes per input split (default: about 4 splits per worker, between 1 and 64 MiB). */
  splitSize?: number;
  /** Show a live progress display (default: when running in a notebook), or call back with each snapshot. */
  progress?: boolean | ((snapshot: ProgressSnapshot) => void);
  /**
   * Show the progress as a live widget panel with a Cancel button (JupyterLab and other front ends
   * with a widget manager; elsewhere its static picture). Cancel stops the job as Interrupt does.
   */
  panel?: boolean;
  /** Called for every task attempt that starts, ends, fails or is retried. */
  onTask?: (event: TaskEvent) => void;
  /** Stops the job (and every process it started); default: the notebook's Interrupt. */
  signal?: AbortSignal;
  /** Folder that relative inputs are resolved against (default: the current directory). */
  cwd?: string;
  /** Where intermediate files go (default: the OS temporary folder); removed after the job. */
  tmpDir?: string;
  /** Result rows to show in the rendered table (default 20). */
  limit?: number;
}
