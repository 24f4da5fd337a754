/**
 * Where a job lives in Redis. Every name starts with `lazylab:` so one Redis can serve other
 * programs too: BullMQ's keys for a job's queue are `lazylab:mr-<id>:*` (its prefix and the
 * queue's name), the job's own data (shipped functions, input splits, map output, part files)
 * `lazylab:job:<id>:*`. Both patterns are swept when the job ends, so nothing outlives it.
 */
import type { Redis } from "ioredis";

/** BullMQ's key prefix for every lazylab queue. */
export const QUEUE_PREFIX = "lazylab";

/** The set of running jobs, and the channel on which drivers announce `start <id>` / `end <id>`. */
export const JOBS = "lazylab:jobs";

/**
 * Each worker process holds `lazylab:worker:<host>:<pid>` (with a short TTL) while it runs, and
 * its name is in this set, so that drivers list workers without KEYS; names whose key expired
 * are removed by whoever lists them.
 */
export const WORKERS = "lazylab:workers";

/** The registrations of the workers alive now (and the names of dead ones pruned from the set). */
export async function listWorkers(redis: Redis): Promise<string[]> {
  const names = await redis.smembers(WORKERS);
  if (names.length === 0) return [];
  const values = await redis.mget(...names);
  const dead = names.filter((_, i) => values[i] === null);
  if (dead.length > 0) await redis.srem(WORKERS, ...dead);
  return values.filter((v): v is string => v !== null);
}

/** How long a key lives without being refreshed: a driver's heartbeat, a worker's registration. */
export const HEARTBEAT_TTL_MS = 15_000;
/** A worker's registration expires this fast, so a dead worker stops being counted within seconds. */
export const WORKER_TTL_MS = 6_000;
/** Data keys expire by themselves a day later if nobody (driver or worker) could delete them. */
export const DATA_TTL_MS = 24 * 3600_000;

/** The Redis names of one job. */
export class JobKeys {
  constructor(readonly jobId: string) {}

  /** The BullMQ queue holding the job's map and reduce tasks. */
  get queue(): string {
    return `mr-${this.jobId}`;
  }

  /** Refreshed by the driver while it runs; workers give up the job when it expires. */
  get alive(): string {
    return `lazylab:job:${this.jobId}:alive`;
  }

  /** The shipped functions (JSON). */
  get functions(): string {
    return `lazylab:job:${this.jobId}:functions`;
  }

  /** The bytes of input split `i`. */
  split(i: number): string {
    return `lazylab:job:${this.jobId}:split:${i}`;
  }

  /** Spill `spill` of a map attempt; partition r of it is at `${run(…)}:p${r}`. */
  run(taskId: string, attempt: number, spill: number): string {
    return `lazylab:job:${this.jobId}:run:${taskId}:a${attempt}:s${spill}`;
  }

  /** The part file a reduce attempt wrote. */
  output(taskId: string, attempt: number): string {
    return `lazylab:job:${this.jobId}:out:${taskId}:a${attempt}`;
  }
}

/** Deletes every key matching `pattern` (SCAN, then UNLINK in batches); returns how many. */
export async function deleteMatching(redis: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== "0");
  return deleted;
}
