/**
 * A job's presence in Redis, shared by the driver and the workers: connecting (with a clear error
 * when Redis is not there), announcing a job so workers attach to its queue, and removing it —
 * its queue obliterated and every key of it deleted. The driver removes its job when it ends,
 * fails or is interrupted; a worker removes a job whose driver died (its heartbeat expired).
 */
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { JobError } from "../../errors.js";
import { redactUrl } from "./cluster-key.js";
import { JOBS, JobKeys, QUEUE_PREFIX, deleteMatching } from "./redis-keys.js";

/** The Redis URL used when none is given: $LAZYLAB_REDIS, else redis://127.0.0.1:6379. */
export function defaultRedisUrl(): string {
  return process.env.LAZYLAB_REDIS ?? "redis://127.0.0.1:6379";
}

/** BullMQ's connection options for a URL. */
export function bullConnection(url: string): { url: string } {
  return { url };
}

/**
 * A connection that gives up after a few tries (for the driver: a notebook should hear at once
 * that Redis is not there); `persistent` ones reconnect forever (for workers).
 */
export async function connectRedis(url: string, persistent = false): Promise<Redis> {
  let lastError: unknown;
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: persistent ? null : 3,
    retryStrategy: persistent ? (n) => Math.min(n * 200, 2000) : (n) => (n > 3 ? null : 200),
  });
  redis.on("error", (error: unknown) => {
    lastError = error; // reported by connect() or by the next command
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new JobError(
      `cannot connect to Redis at ${redactUrl(url)}: ${(lastError as Error | undefined)?.message ?? (error as Error).message} (start one with: redis-server --save "" --appendonly no)`,
    );
  }
  return redis;
}

/** Makes a job visible to workers: in the set of jobs, announced on the channel. */
export async function announceJob(redis: Redis, jobId: string): Promise<void> {
  await redis.sadd(JOBS, jobId);
  await redis.publish(JOBS, `start ${jobId}`);
}

/** Removes every trace of a job: out of the set (workers detach), its queue obliterated, its keys deleted. */
export async function removeJob(redis: Redis, url: string, jobId: string, queue?: Queue): Promise<void> {
  const keys = new JobKeys(jobId);
  await redis.unlink(keys.alive); // first: a worker still writing for this job sees it gone and takes its writes back
  await redis.srem(JOBS, jobId);
  await redis.publish(JOBS, `end ${jobId}`);
  const q = queue ?? new Queue(keys.queue, { connection: bullConnection(url), prefix: QUEUE_PREFIX });
  try {
    await q.obliterate({ force: true });
  } catch {
    // already gone (another worker removed it): the sweep below is what matters
  } finally {
    if (queue === undefined) await q.close();
  }
  await deleteMatching(redis, `lazylab:job:${jobId}:*`);
  await deleteMatching(redis, `${QUEUE_PREFIX}:${keys.queue}:*`);
}
