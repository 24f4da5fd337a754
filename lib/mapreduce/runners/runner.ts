/**
 * What every runner is given and gives back. The entry point (mapreduce.ts) resolves inputs,
 * ships functions and shows progress; a runner only runs the phases and names its output files.
 */
import type { CounterTable } from "../counters.js";
import type { BadRecord } from "../errors.js";
import type { Combiner, Mapper, Partitioner, Reducer, TaskEvent } from "../job.js";
import type { ProgressModel } from "../progress.js";
import type { ShippedFunctions } from "../shipping/shipping.js";
import type { InputFile, Split } from "../tasks/splits.js";

/** The job's functions as the user gave them. */
export interface UserFunctions {
  map: Mapper<unknown, unknown>;
  reduce: Reducer<unknown, unknown, unknown>;
  combine?: Combiner<unknown, unknown>;
  partition?: Partitioner<unknown>;
}

/** Settings every runner reads (defaults already applied). */
export interface JobSettings {
  workers: number;
  reducers: number;
  memoryBudget: number;
  maxAttempts: number;
  skipBadRecords: boolean;
}

/** A runner's view of the job. */
export interface RunnerContext {
  files: InputFile[];
  splits: Split[];
  /** A fresh folder for intermediate and output files, removed after the job. */
  dir: string;
  functions: UserFunctions;
  /** The functions as source text (for runners that start other processes). */
  shipped?: ShippedFunctions;
  settings: JobSettings;
  progress: ProgressModel;
  /** Call after changing `progress`, so the display redraws. */
  changed(): void;
  signal: AbortSignal;
  /** Reports a task attempt's start, end, failure or retry. */
  taskEvent(event: TaskEvent): void;
  /** Writes what a worker printed. */
  print(stream: "stdout" | "stderr", text: string): void;
}

/** What a runner produced. */
export interface RunnerOutcome {
  /** Files of `key TAB value` lines holding the output (each sorted by key). */
  outputs: string[];
  counters: CounterTable;
  badRecords: BadRecord[];
  /** Input records of each reducer (to show skew). */
  reducerRecords: number[];
  /** The pipeline runner's command line and programs. */
  pipeline?: { command: string; programs: Record<string, string> };
}
