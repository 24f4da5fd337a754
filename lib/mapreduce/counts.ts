/** Counts given as arguments (workers, reducers, concurrency), as numbers or command-line text. */
import { availableParallelism } from "node:os";
import { JobError } from "./errors.js";

/** `value` (a number, or text from a command line) as a positive integer named `name`; undefined stays undefined. */
export function countArgument(value: number | string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw new JobError(`${name} must be a positive integer, not ${value}`);
  return n;
}

/** The most processes one option may start: 4 per core (more only adds switching and memory). */
export const MAX_PROCESSES = 4 * availableParallelism();

/**
 * `value` as a count of processes to start (workers, concurrency): a positive integer of at most
 * MAX_PROCESSES; undefined stays undefined. A typo such as `--workers 240` would otherwise fork
 * hundreds of processes.
 */
export function processCount(value: number | string | undefined, name: string): number | undefined {
  const n = countArgument(value, name);
  if (n !== undefined && n > MAX_PROCESSES) {
    throw new JobError(
      `${name} is ${n}, but at most ${MAX_PROCESSES} processes may be started here (4 per core, ${availableParallelism()} cores): each one is a process of its own`,
    );
  }
  return n;
}
