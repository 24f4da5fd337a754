/**
 * A reduce task: merges its segment of every map run in key order, groups the values of each key
 * and calls reduce on them (values stream from disk, read once), writing the output pairs as
 * sorted `key TAB value` lines (a part file, as Hadoop's part-r-00000).
 */
import { join } from "node:path";
import { type CounterTable, FRAMEWORK } from "../counters.js";
import { type BadRecord, RecordError } from "../errors.js";
import { ValuesConsumedError } from "../portable/group-sorted.js";
import type { Emit } from "../job.js";
import type { TaskProgress } from "./map-task.js";
import { MergedRuns, mergePasses } from "./merge.js";
import { formatPair, serialize, valueText } from "../portable/pair-lines.js";
import { type RunSegment, TextFileWriter } from "./run-file.js";
import { RunningTask } from "./task-context.js";
import type { JobFunctions } from "../runners/workers/worker-functions.js";

/** What a reduce task is given. */
export interface ReduceTaskSpec {
  taskId: string;
  attempt: number;
  partition: number;
  segments: RunSegment[];
  skipBadRecords: boolean;
  /** Folder for merge passes and the output. */
  dir: string;
}

/** What a finished reduce task reports. */
export interface ReduceTaskResult {
  taskId: string;
  attempt: number;
  pid: number;
  /** The part file: output pairs as lines, in key order. */
  output: string;
  counters: CounterTable;
  badRecords: BadRecord[];
  seconds: number;
}

const PROGRESS_EVERY = 4096; // records between clock checks

/**
 * The values of one key, read from the merge as the reducer iterates (an iterator class, not a
 * generator: one small object per key). Iterable once, as the values stream from disk.
 */
class KeyValues implements Iterable<unknown>, Iterator<unknown> {
  private started = false;
  read = 0;

  constructor(
    private readonly merged: MergedRuns,
    private readonly key: string,
  ) {}

  [Symbol.iterator](): Iterator<unknown> {
    if (this.started)
      throw new ValuesConsumedError(`the values of key ${this.key} can be iterated only once (copy them into an array to reuse them)`);
    this.started = true;
    return this;
  }

  next(): IteratorResult<unknown> {
    const merged = this.merged;
    if (merged.done || merged.key !== this.key) return { done: true, value: undefined };
    const value: unknown = JSON.parse(valueText(merged.line));
    merged.advance();
    this.read++;
    return { done: false, value };
  }

  /** Moves the merge past values the reducer left unread. */
  skipRest(): void {
    const merged = this.merged;
    while (!merged.done && merged.key === this.key) merged.advance();
  }
}

/** Runs one reduce task attempt. */
export function runReduceTask(spec: ReduceTaskSpec, fns: JobFunctions, progress: (p: TaskProgress) => void): ReduceTaskResult {
  const started = performance.now();
  const reduce = fns.reduce;
  if (reduce === undefined) throw new Error("the job has no reduce function");
  const task = new RunningTask("reduce", spec.taskId, spec.attempt);
  const prefix = `${spec.taskId}-a${spec.attempt}`;
  const output = join(spec.dir, `part-r-${String(spec.partition).padStart(5, "0")}-a${spec.attempt}`);
  const out = new TextFileWriter(output);
  const badRecords: BadRecord[] = [];
  let records = 0;
  let groups = 0;
  let written = 0;
  let lastReport = started;
  const emit: Emit<unknown, unknown> = (key, value) => {
    out.write(`${formatPair(key, value)}\n`);
    written++;
  };
  const report = () => {
    const now = performance.now();
    if (now - lastReport < 100) return;
    lastReport = now;
    progress({ taskId: spec.taskId, attempt: spec.attempt, bytes: 0, records });
  };
  const merged = new MergedRuns(mergePasses(spec.segments, spec.dir, prefix));
  try {
    while (!merged.done) {
      const text = merged.key;
      const key: unknown = JSON.parse(text);
      const values = new KeyValues(merged, text);
      groups++;
      try {
        const returned = reduce(key, values, emit, task);
        // The usual case, one value returned for the key: its JSON text is already known.
        if (returned !== undefined) {
          out.write(`${text}\t${serialize(returned, "value")}\n`);
          written++;
        }
      } catch (error) {
        const bad: BadRecord = {
          phase: "reduce",
          file: "",
          line: 0,
          record: text,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          where: fns.locate(error),
        };
        if (!spec.skipBadRecords) throw new RecordError(bad);
        badRecords.push(bad);
      }
      values.skipRest();
      records += values.read;
      if (groups % PROGRESS_EVERY === 0) report();
    }
  } finally {
    merged.close();
    out.close();
  }
  progress({ taskId: spec.taskId, attempt: spec.attempt, bytes: 0, records });
  const c = task.counters;
  c.add(FRAMEWORK, "Reduce input groups", groups);
  c.add(
    FRAMEWORK,
    "Reduce input records",
    spec.segments.reduce((n, s) => n + s.records, 0),
  );
  c.add(FRAMEWORK, "Reduce output records", written);
  c.add(FRAMEWORK, "Reduce output bytes", out.bytes);
  if (badRecords.length > 0) c.add(FRAMEWORK, "Bad keys skipped", badRecords.length);
  return {
    taskId: spec.taskId,
    attempt: spec.attempt,
    pid: process.pid,
    output,
    counters: c.table,
    badRecords,
    seconds: (performance.now() - started) / 1000,
  };
}
