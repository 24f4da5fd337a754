/**
 * Why a job stops: a map or reduce function threw on a record, a function cannot be shipped to
 * worker processes, or a task failed on every attempt.
 */

/** Where a bad record is: input file, 1-based line number, and the record itself. */
export interface RecordLocation {
  file: string;
  line: number;
  record: string;
}

/** A record a function threw on (listed when bad records are skipped). */
export interface BadRecord extends RecordLocation {
  phase: "map" | "combine" | "reduce";
  error: string;
  /** Where in the function it was thrown, when known: `map: <code>`. */
  where?: string;
}

/** A map or reduce function threw: names the phase, input file, line and record. */
export class RecordError extends Error {
  override name = "MapReduceRecordError";
  constructor(readonly bad: BadRecord) {
    super(describeBadRecord(bad));
  }

  /** What crosses the IPC channel from a worker (workerpool sends errors as JSON). */
  toJSON(): { name: string; message: string; stack?: string; bad: BadRecord } {
    return { name: this.name, message: this.message, stack: this.stack, bad: this.bad };
  }
}

/** One line per bad record: `map failed at haiku.txt:2: Error: boom — record "…"`. */
export function describeBadRecord(bad: BadRecord): string {
  const where = bad.phase === "reduce" || bad.phase === "combine" ? `key ${bad.record}` : `${bad.file}:${bad.line}`;
  const record = bad.phase === "map" ? ` — record ${JSON.stringify(truncate(bad.record, 200))}` : "";
  const inCode = bad.where === undefined ? "" : ` (in ${bad.where})`;
  return `${bad.phase} function threw at ${where}: ${bad.error}${record}${inCode}`;
}

function truncate(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n)}…`;
}

/** A map, reduce, combine or partition function cannot run in another process. */
export class ShippingError extends Error {
  override name = "MapReduceShippingError";
}

/** A task failed on every attempt (worker crashes), or the job could not run. */
export class JobError extends Error {
  override name = "MapReduceJobError";
}
