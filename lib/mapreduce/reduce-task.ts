/**
 * A reduce task: merges its segment of every map run in key order, groups the values of each key
 * and calls reduce on them (values stream from disk, read once), writing the output pairs as
 * sorted `key TAB value` lines (a part file, as Hadoop's part-r-00000).
 */
import { join } from "node:path";
import { type CounterTable, FRAMEWORK } from "./counters.js";
import { type BadRecord, RecordError } from "./errors.js";
import { groupAdjacent } from "./group-sorted.js";
import type { Emit } from "./job.js";
import type { TaskProgress } from "./map-task.js";
import { mergePasses, mergeSegments } from "./merge.js";
import { formatPair, keyText, valueText } from "./pair-lines.js";
import { type RunSegment, TextFileWriter } from "./run-file.js";
import { RunningTask } from "./task-context.js";
import type { JobFunctions } from "./worker-functions.js";

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
  let currentKey = "";
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
  try {
    const segments = mergePasses(spec.segments, spec.dir, prefix);
    for (const [text, lines] of groupAdjacent(mergeSegments(segments), keyText)) {
      groups++;
      currentKey = text;
      const key: unknown = JSON.parse(text);
      const values: Iterable<unknown> = {
        *[Symbol.iterator]() {
          for (const line of lines) {
            if (++records % PROGRESS_EVERY === 0) report();
            yield JSON.parse(valueText(line));
          }
        },
      };
      try {
        const returned = reduce(key, values, emit, task);
        if (returned !== undefined) emit(key, returned);
      } catch (error) {
        const bad: BadRecord = { phase: "reduce", file: "", line: 0, record: currentKey, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), where: fns.locate(error) };
        if (!spec.skipBadRecords) throw new RecordError(bad);
        badRecords.push(bad);
      }
    }
  } finally {
    out.close();
  }
  progress({ taskId: spec.taskId, attempt: spec.attempt, bytes: 0, records });
  const c = task.counters;
  c.add(FRAMEWORK, "Reduce input groups", groups);
  c.add(FRAMEWORK, "Reduce input records", spec.segments.reduce((n, s) => n + s.records, 0));
  c.add(FRAMEWORK, "Reduce output records", written);
  c.add(FRAMEWORK, "Reduce output bytes", out.bytes);
  if (badRecords.length > 0) c.add(FRAMEWORK, "Bad keys skipped", badRecords.length);
  return { taskId: spec.taskId, attempt: spec.attempt, pid: process.pid, output, counters: c.table, badRecords, seconds: (performance.now() - started) / 1000 };
}
