/**
 * A map task: reads the lines of one split, calls map on each, buffers the emitted pairs
 * (combining them when a combiner is given), spills sorted runs when the buffer passes its
 * budget, and ends with the runs' index. It runs the same in a worker process and inline.
 */
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { type CounterTable, FRAMEWORK } from "../counters.js";
import { type BadRecord, RecordError } from "../errors.js";
import type { Emit } from "../job.js";
import { LineBatches, lineNumberAt } from "../portable/line-reader.js";
import { MapOutputBuffer } from "./map-buffer.js";
import { partitionOfText } from "../portable/partition.js";
import { type RunFile, writeRun } from "./run-file.js";
import { RunningTask, mapSideCombiner } from "./task-context.js";
import type { JobFunctions } from "../runners/workers/worker-functions.js";

/** What a map task is given. */
export interface MapTaskSpec {
  taskId: string;
  attempt: number;
  file: string;
  start: number;
  end: number;
  reducers: number;
  memoryBudget: number;
  skipBadRecords: boolean;
  /** Folder for the runs this attempt writes. */
  dir: string;
}

/** How far a task got (sent a few times a second). */
export interface TaskProgress {
  taskId: string;
  attempt: number;
  bytes: number;
  records: number;
}

/** What a finished map task reports. */
export interface MapTaskResult {
  taskId: string;
  attempt: number;
  pid: number;
  runs: RunFile[];
  counters: CounterTable;
  badRecords: BadRecord[];
  seconds: number;
}

const PROGRESS_EVERY_MS = 100;
const BUDGET_CHECK_LINES = 128;

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Runs one map task attempt. */
export function runMapTask(spec: MapTaskSpec, fns: JobFunctions, progress: (p: TaskProgress) => void): MapTaskResult {
  const started = performance.now();
  const map = fns.map;
  if (map === undefined) throw new Error("the job has no map function");
  const task = new RunningTask("map", spec.taskId, spec.attempt);
  task.file = spec.file;
  const partition = fns.partition;
  const choose =
    partition === undefined
      ? (_key: unknown, text: string) => partitionOfText(text, spec.reducers)
      : (key: unknown) => partition(key, spec.reducers);
  const buffer = new MapOutputBuffer(spec.reducers, choose, mapSideCombiner(fns.combine, task), spec.memoryBudget);
  const emit: Emit<unknown, unknown> = buffer.emit;
  const runs: RunFile[] = [];
  const badRecords: BadRecord[] = [];
  const spill = () => {
    const path = join(spec.dir, `${spec.taskId}-a${spec.attempt}-s${runs.length}.run`);
    runs.push(writeRun(path, buffer.drain()));
  };

  const fd = openSync(spec.file, "r");
  let records = 0;
  let lastReport = started;
  try {
    const reader = new LineBatches(fd, spec.start, spec.end);
    for (let batch = reader.next(); batch !== undefined; batch = reader.next()) {
      const lines = batch.lines;
      let i = 0;
      while (i < lines.length) {
        // The budget is checked every BUDGET_CHECK_LINES lines, so a spill is never far past it.
        const stop = Math.min(lines.length, i + BUDGET_CHECK_LINES);
        try {
          for (; i < stop; i++) map(lines[i], emit, task);
        } catch (error) {
          const bad = badRecord(fd, spec.file, batch.offset, lines, i, error, fns);
          if (!spec.skipBadRecords) throw new RecordError(bad);
          badRecords.push(bad);
          i++;
        }
        if (buffer.overBudget) spill();
      }
      records += lines.length;
      const now = performance.now();
      if (now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        progress({ taskId: spec.taskId, attempt: spec.attempt, bytes: Math.min(reader.position, spec.end) - spec.start, records });
      }
    }
  } finally {
    closeSync(fd);
  }
  if (!buffer.empty) spill();
  progress({ taskId: spec.taskId, attempt: spec.attempt, bytes: spec.end - spec.start, records });

  const c = task.counters;
  c.add(FRAMEWORK, "Map input records", records);
  c.add(FRAMEWORK, "Map input bytes", spec.end - spec.start);
  c.add(FRAMEWORK, "Map output records", buffer.emitted);
  if (fns.combine !== undefined) {
    c.add(FRAMEWORK, "Combine input records", buffer.combineInput);
    c.add(FRAMEWORK, "Combine output records", buffer.combineOutput);
  }
  c.add(FRAMEWORK, "Spilled runs", runs.length);
  c.add(
    FRAMEWORK,
    "Spilled records",
    runs.reduce((n, run) => n + run.segments.reduce((m, s) => m + s.records, 0), 0),
  );
  c.add(
    FRAMEWORK,
    "Map output bytes",
    runs.reduce((n, run) => n + (run.segments.at(-1)?.end ?? 0), 0),
  );
  if (badRecords.length > 0) c.add(FRAMEWORK, "Bad records skipped", badRecords.length);
  return {
    taskId: spec.taskId,
    attempt: spec.attempt,
    pid: process.pid,
    runs,
    counters: c.table,
    badRecords,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The bad record at index `i` of a batch: file, line number (counted only now, on the error path) and text. */
function badRecord(
  fd: number,
  file: string,
  batchOffset: number,
  lines: string[],
  i: number,
  error: unknown,
  fns: JobFunctions,
): BadRecord {
  let offset = batchOffset;
  for (let j = 0; j < i; j++) offset += Buffer.byteLength(lines[j]) + 1;
  return {
    phase: error instanceof RecordError ? error.bad.phase : "map",
    file,
    line: lineNumberAt(fd, offset),
    record: lines[i],
    error: errorText(error),
    where: fns.locate(error),
  };
}
