/**
 * The `redis` runner: the kernel is the driver of a job whose tasks run on `lazylab worker`
 * processes anywhere that can reach Redis. Everything travels through Redis: the shipped
 * functions, each input split's bytes (cut on line boundaries here, since workers on other hosts
 * cannot read this machine's files — unless `sharedInput` says they can, then only the path and
 * byte range go), the map runs partitioned for the reducers, and the part files. Tasks are BullMQ
 * jobs in a queue of the job's own, so retries, and recovery of a task whose worker died, are
 * BullMQ's; progress comes from the queue's events. When the job ends — done, failed or
 * interrupted — its queue is obliterated and every key it made deleted.
 */
import { randomBytes } from "node:crypto";
import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { Counters, FRAMEWORK } from "../counters.js";
import { type BadRecord, JobError } from "../errors.js";
import { lineNumberAt } from "../portable/line-reader.js";
import { announceJob, bullConnection, connectRedis, defaultRedisUrl, removeJob } from "./redis/redis-job.js";
import { ClusterKey, redactUrl } from "./redis/cluster-key.js";
import { DATA_TTL_MS, HEARTBEAT_TTL_MS, JobKeys, QUEUE_PREFIX, listWorkers } from "./redis/redis-keys.js";
import type {
  RemoteMapResult,
  RemoteMapTask,
  RemoteReduceResult,
  RemoteReduceTask,
  SplitInput,
  WorkerIdentity,
} from "./redis/remote-tasks.js";
import { RemoteTaskTracker } from "./redis/remote-task-tracker.js";
import type { Runner, RunnerContext, RunnerOutcome } from "./runner.js";
import { SPLIT_PHASES } from "./split-phases.js";
import { readSplitBytes } from "../tasks/split-bytes.js";
import type { Split } from "../tasks/splits.js";

/** The workers registered in a Redis, and a connection to it, before a job is planned. */
export interface RedisCluster {
  url: string;
  redis: Redis;
  workers: (WorkerIdentity & { concurrency: number })[];
  /** Tasks the workers run at once, all together. */
  slots: number;
  /** Workers read inputs by path (a file system they all share), instead of receiving the bytes. */
  sharedInput: boolean;
  /** What the job's functions and tasks are signed with: the workers run nothing else. */
  key: ClusterKey;
  close(): Promise<void>;
}

/** Connects to Redis and lists the workers; an error saying how to start one when there are none. */
export async function openCluster(url: string, sharedInput = false, keyFile?: string): Promise<RedisCluster> {
  const key = ClusterKey.load(keyFile, url); // before connecting: without a key, no job can be given to workers
  const redis = await connectRedis(url);
  try {
    const values = await listWorkers(redis);
    const workers = values.map((v) => JSON.parse(v) as WorkerIdentity & { concurrency: number });
    if (workers.length === 0) {
      throw new JobError(
        `no lazylab worker is connected to Redis at ${redactUrl(url)}: start one on each machine with\n  LAZYLAB_REDIS=URL npx lazylab worker --key-file ${key.file} --concurrency N`,
      );
    }
    const slots = workers.reduce((n, w) => n + w.concurrency, 0);
    return { url, redis, workers, slots, sharedInput, key, close: async () => void (await redis.quit().catch(() => undefined)) };
  } catch (error) {
    redis.disconnect();
    throw error;
  }
}

/** `2 workers on 2 hosts` for titles. */
export function describeCluster(cluster: RedisCluster): string {
  const hosts = new Set(cluster.workers.map((w) => `${w.host}/${w.address}`)).size;
  return `${cluster.slots} worker${cluster.slots === 1 ? "" : "s"} on ${hosts} host${hosts === 1 ? "" : "s"}`;
}

/** Where split i's lines start in its file, to turn a worker's split-relative line number into the file's. */
interface SplitPlan {
  split: Split;
  start: number;
}

/** Bad records of a map task as the input file has them: its path, and line numbers counted from its start. */
function fixLines(bad: BadRecord[], plan: SplitPlan): BadRecord[] {
  if (bad.length === 0) return bad;
  let before = 0;
  if (plan.start > 0) {
    const fd = openSync(plan.split.file, "r");
    try {
      before = lineNumberAt(fd, plan.start) - 1;
    } finally {
      closeSync(fd);
    }
  }
  return bad.map((b) => (b.phase === "map" ? { ...b, file: plan.split.file, line: b.line + before } : b));
}

/** Runs the job on the cluster's workers (the cluster stays open: the caller closes it). */
export async function runRedis(ctx: RunnerContext, cluster: RedisCluster): Promise<RunnerOutcome> {
  if (ctx.shipped === undefined) throw new JobError("the redis runner needs the functions as source text");
  const { redis, url } = cluster;
  const keys = new JobKeys(randomBytes(6).toString("hex"));
  const connection = bullConnection(url);
  const queue = new Queue(keys.queue, { connection, prefix: QUEUE_PREFIX });
  // Read from the stream's start: no event of this fresh queue can be missed.
  const events = new QueueEvents(keys.queue, { connection, prefix: QUEUE_PREFIX, lastEventId: "0" });
  const tracker = new RemoteTaskTracker(queue, events, ctx);
  const onAbort = () => tracker.abandon(ctx.signal.reason ?? new Error("aborted"));
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  let heartbeat: NodeJS.Timeout | undefined;
  const plans: SplitPlan[] = [];
  try {
    await redis.set(keys.alive, "1", "PX", HEARTBEAT_TTL_MS);
    heartbeat = setInterval(() => {
      void redis.set(keys.alive, "1", "PX", HEARTBEAT_TTL_MS).catch(() => undefined);
      // Tasks would wait forever with no worker left (registrations expire seconds after a worker dies).
      void listWorkers(redis).then(
        (left) => {
          if (left.length === 0)
            tracker.abandon(
              new JobError(
                `every lazylab worker connected to ${redactUrl(url)} has stopped; start one with\n  LAZYLAB_REDIS=URL npx lazylab worker --key-file ${cluster.key.file}`,
              ),
            );
        },
        () => undefined,
      );
    }, HEARTBEAT_TTL_MS / 3);
    // Signed: workers run the functions and tasks of this job only if the signatures are the cluster key's.
    const sealed = (what: string, value: unknown) => cluster.key.seal(keys.jobId, what, JSON.stringify(value));
    await redis.set(keys.functions, JSON.stringify(sealed("functions", ctx.shipped)), "PX", DATA_TTL_MS);
    await events.waitUntilReady();
    await announceJob(redis, keys.jobId);
    const { settings, progress } = ctx;

    // Map phase: each split is uploaded, then queued, so workers start on the first while the rest go up.
    progress.phaseStarted("map");
    ctx.changed();
    const maps: Promise<RemoteMapResult>[] = [];
    for (const [i, split] of ctx.splits.entries()) {
      ctx.signal.throwIfAborted();
      let input: SplitInput;
      if (cluster.sharedInput) {
        input = { kind: "path", file: split.file, start: split.start, end: split.end };
        plans.push({ split, start: 0 });
      } else {
        const size = ctx.files.find((f) => f.path === split.file)?.size ?? split.end;
        const { start, bytes } = readSplitBytes(split.file, split.start, split.end, size);
        await redis.set(keys.split(i), bytes, "PX", DATA_TTL_MS);
        input = { kind: "bytes", key: keys.split(i), file: split.file, bytes: bytes.length };
        plans.push({ split, start });
      }
      const task: RemoteMapTask = {
        jobId: keys.jobId,
        taskId: `map-${i}`,
        input,
        reducers: settings.reducers,
        memoryBudget: settings.memoryBudget,
        skipBadRecords: settings.skipBadRecords,
      };
      maps.push(
        tracker.submit<RemoteMapResult>("map", task.taskId, sealed(`map:${task.taskId}`, task)).then((result) => {
          progress.taskDone(
            "map",
            task.taskId,
            split.end - split.start,
            new Counters().merge(result.counters).get(FRAMEWORK, "Map input records"),
          );
          void redis.unlink(keys.split(i)).catch(() => undefined); // its bytes are no longer needed
          return result;
        }),
      );
    }
    const mapResults = await Promise.all(maps);
    progress.phaseDone("map");

    // Reduce phase: reducer r reads partition r of every spill of every map task.
    const reduceTasks: RemoteReduceTask[] = Array.from({ length: settings.reducers }, (_, r) => ({
      jobId: keys.jobId,
      taskId: `reduce-${r}`,
      partition: r,
      segments: mapResults.flatMap((m) =>
        m.runs.map((run) => ({ key: `${run.key}:p${r}`, ...run.segments[r] })).filter((s) => s.records > 0),
      ),
      skipBadRecords: settings.skipBadRecords,
    }));
    const reducerRecords = reduceTasks.map((t) => t.segments.reduce((n, s) => n + s.records, 0));
    progress.setTotals("reduce", { records: reducerRecords.reduce((a, b) => a + b, 0) });
    progress.phaseStarted("reduce");
    ctx.changed();
    const reduceResults = await Promise.all(
      reduceTasks.map((task, r) =>
        tracker.submit<RemoteReduceResult>("reduce", task.taskId, sealed(`reduce:${task.taskId}`, task)).then((result) => {
          progress.taskDone("reduce", task.taskId, 0, reducerRecords[r]);
          return result;
        }),
      ),
    );
    progress.phaseDone("reduce");

    // The part files come back to this machine, where the result is read.
    const outputs: string[] = [];
    for (const [r, result] of reduceResults.entries()) {
      const bytes = await redis.getBuffer(result.output);
      if (bytes === null) throw new JobError(`the output of reduce-${r} is missing from Redis`);
      const path = join(ctx.dir, `part-r-${String(r).padStart(5, "0")}`);
      writeFileSync(path, bytes);
      outputs.push(path);
    }
    const counters = new Counters();
    const badRecords: BadRecord[] = [];
    mapResults.forEach((m, i) => {
      counters.merge(m.counters);
      badRecords.push(...fixLines(m.badRecords, plans[i]));
    });
    for (const r of reduceResults) {
      counters.merge(r.counters);
      badRecords.push(...r.badRecords);
    }
    return { outputs, counters: counters.table, badRecords, reducerRecords };
  } catch (error) {
    tracker.abandon(error);
    // A map function's error names the worker's copy of the split: name the input file's line.
    const { bad, taskId } = error as { bad?: BadRecord; taskId?: string };
    const plan = taskId?.startsWith("map-") ? plans[Number(taskId.slice(4))] : undefined;
    if (bad !== undefined && plan !== undefined) (error as { bad: BadRecord }).bad = fixLines([bad], plan)[0];
    throw error;
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
    clearInterval(heartbeat);
    await events.close().catch(() => undefined);
    await removeJob(redis, url, keys.jobId, queue).catch((e: unknown) =>
      process.stderr.write(`could not remove job ${keys.jobId} from Redis: ${String(e)}\n`),
    );
    await queue.close().catch(() => undefined);
  }
}

/** `lazylab worker` processes on any hosts, reached through Redis; planned for the workers registered there. */
export const redisRunner: Runner = {
  name: "redis",
  summary: "lazylab worker processes on any machines, through Redis (--redis URL)",
  async plan({ options, count }) {
    const cluster = await openCluster(options.redis ?? defaultRedisUrl(), options.sharedInput === true, options.keyFile);
    return {
      workers: cluster.slots,
      reducers: count(options.reducers, "reducers", cluster.slots),
      ships: "all",
      input: "splits",
      phases: SPLIT_PHASES,
      where: describeCluster(cluster),
      notes: [],
      run: (ctx) => runRedis(ctx, cluster),
      close: () => cluster.close(),
    };
  },
};
