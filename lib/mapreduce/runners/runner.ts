/**
 * The Runner interface: what every runner decides, is given and gives back. The entry point
 * (mapreduce.ts) validates, asks the runner for a plan, resolves inputs, ships functions and shows
 * progress as the plan says; a runner only decides its plan, runs the phases and names its output files.
 */
import type { CounterTable } from "../counters.js";
import type { BadRecord } from "../errors.js";
import type { Combiner, MapReduceOptions, Mapper, Partitioner, Reducer, TaskEvent } from "../job.js";
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

/** A phase of the progress display; `tasks` counts the plan's splits, its reducers, or a fixed number. */
export interface PlannedPhase {
  name: string;
  unit: string;
  tasks: "splits" | "reducers" | number;
  /** The phase reads the input, so its bar also counts bytes. */
  readsInput: boolean;
}

/** What a runner decides before the job reads its input. */
export interface RunnerPlan {
  /** Task slots the job runs on (0 when the runner has none of its own, as with Hadoop). */
  workers: number;
  /** Reduce tasks R. */
  reducers: number;
  /** Which functions travel as source text to other processes. */
  ships: "nothing" | "map and reduce" | "all";
  /** Local files cut into splits, local files read whole by one program, or paths only the runner resolves. */
  input: "splits" | "whole files" | "remote paths";
  phases: PlannedPhase[];
  /** What the title says of where the job runs, e.g. "2 workers". */
  where?: string;
  /** Options the runner could not honour, said in the summary. */
  notes: string[];
  run(ctx: RunnerContext): Promise<RunnerOutcome>;
  /** Releases what planning opened (a Redis connection); called whatever happened. */
  close?(): Promise<void>;
}

/** What planning is given: the job's options, its folder, and the library's argument check. */
export interface PlanRequest {
  options: MapReduceOptions<unknown, unknown, unknown>;
  cwd: string;
  /** `value` checked as a positive integer named `name`, or `fallback` when undefined. */
  count(value: number | undefined, name: string, fallback: number): number;
}

/** One way to run a job (section 4.6): plans it, then runs the phases. */
export interface Runner {
  /** The name jobs ask for (`runner: "local"`): the key of this runner in the RUNNERS table. */
  name: string;
  /** One line for `%%mapreduce?`. */
  summary: string;
  plan(request: PlanRequest): Promise<RunnerPlan>;
}
