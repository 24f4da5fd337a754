/**
 * The summary of how a job ran, and how keys are printed: the data the views (views/) render.
 * Its own file so that result.ts and views/summary-view.ts both import it and not each other.
 */
import { inspect } from "node:util";
import type { CounterTable } from "./counters.js";
import type { BadRecord } from "./errors.js";
import type { TaskEvent } from "./job.js";
import type { InputFile } from "./tasks/splits.js";

/** How a job ran. */
export interface JobSummary {
  runner: string;
  inputs: InputFile[];
  /** Folder relative input paths were resolved against (for shorter names). */
  cwd: string;
  workers: number;
  reducers: number;
  splits: number;
  /** Seconds: the whole job and each phase. */
  seconds: { total: number; phases: Record<string, number> };
  counters: CounterTable;
  /** Input records of each reducer. */
  reducerRecords: number[];
  /** Attempts that failed and were run again. */
  failedAttempts: TaskEvent[];
  /** Records skipped with skipBadRecords. */
  badRecords: BadRecord[];
  /** Remarks (options a runner does not use, …). */
  notes: string[];
  /** The pipeline runner's command and programs. */
  pipeline?: { command: string; programs: Record<string, string> };
}

/** A key or value printed as the chapter's Python would (`'a'`, `6`). */
export function formatKey(value: unknown): string {
  return inspect(value, { breakLength: Number.POSITIVE_INFINITY, depth: 3 });
}
