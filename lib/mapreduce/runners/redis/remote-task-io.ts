/**
 * A task from the queue, run on this host: its input comes out of Redis into local files (the
 * split's bytes, or each map run's segment for this reducer), the task itself runs unchanged on
 * the worker process pool (map-task.ts, reduce-task.ts), and its output goes back into Redis
 * (one key per spill and partition, one per part file) for the reducers and the driver, which
 * may be on other hosts. Local files are removed when the attempt ends, whatever happened.
 */
import { closeSync, openSync, readFileSync, readSync, writeSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Redis } from "ioredis";
import type { MapTaskResult, MapTaskSpec, TaskProgress } from "../../tasks/map-task.js";
import type { ReduceTaskResult, ReduceTaskSpec } from "../../tasks/reduce-task.js";
import { DATA_TTL_MS, JobKeys } from "./redis-keys.js";
import type { RemoteMapResult, RemoteMapTask, RemoteReduceResult, RemoteReduceTask, RemoteRun, WorkerIdentity } from "./remote-tasks.js";
import type { RunSegment } from "../../tasks/run-file.js";
import type { ShippedFunctions } from "../../shipping/shipping.js";
import type { WorkerProcessPool } from "../workers/worker-pool.js";

/** What an attempt needs from the worker that runs it. */
export interface AttemptEnvironment {
  redis: Redis;
  pool: WorkerProcessPool;
  shipped: ShippedFunctions;
  attempt: number;
  worker: WorkerIdentity;
  /** Folder for this worker's temporary files. */
  tmp: string;
  /** Stops the attempt (its pool process is killed). */
  signal: AbortSignal;
  progress(p: TaskProgress): void;
  output(stream: "stdout" | "stderr", text: string): void;
}

function readRange(fd: number, start: number, end: number): Buffer {
  const bytes = Buffer.allocUnsafe(end - start);
  for (let done = 0; done < bytes.length; ) {
    const n = readSync(fd, bytes, done, bytes.length - done, start + done);
    if (n === 0) throw new Error("a run file ended early");
    done += n;
  }
  return bytes;
}

async function withFolder<R>(env: AttemptEnvironment, taskId: string, body: (dir: string) => Promise<R>): Promise<R> {
  const dir = await mkdtemp(join(env.tmp, `${taskId}-a${env.attempt}-`));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function listener(env: AttemptEnvironment) {
  return {
    event: (e: { kind: string } & Partial<TaskProgress>) => {
      if (e.kind === "progress") env.progress(e as TaskProgress);
    },
    output: env.output,
  };
}

/** Runs a map attempt: split → local file → map task → one Redis key per spill and partition. */
export function runRemoteMap(task: RemoteMapTask, env: AttemptEnvironment): Promise<RemoteMapResult> {
  const keys = new JobKeys(task.jobId);
  return withFolder(env, task.taskId, async (dir) => {
    let file: string;
    let start = 0;
    let end: number;
    if (task.input.kind === "bytes") {
      const bytes = await env.redis.getBuffer(task.input.key);
      if (bytes === null) throw new Error(`the input of ${task.taskId} is no longer in Redis (the job ended?)`);
      file = join(dir, "split");
      const fd = openSync(file, "w");
      try {
        writeSync(fd, bytes);
      } finally {
        closeSync(fd);
      }
      end = bytes.length;
    } else {
      ({ file, start, end } = task.input);
    }
    const spec: MapTaskSpec = {
      taskId: task.taskId,
      attempt: env.attempt,
      file,
      start,
      end,
      reducers: task.reducers,
      memoryBudget: task.memoryBudget,
      skipBadRecords: task.skipBadRecords,
      dir,
    };
    const result = await env.pool.run<MapTaskResult>("map", [spec, env.shipped], listener(env), env.signal);
    const runs: RemoteRun[] = [];
    const written: string[] = [];
    for (const [spill, run] of result.runs.entries()) {
      const key = keys.run(task.taskId, env.attempt, spill);
      const fd = openSync(run.path, "r");
      try {
        const writes = env.redis.pipeline();
        run.segments.forEach((s, r) => {
          if (s.end <= s.start) return;
          writes.set(`${key}:p${r}`, readRange(fd, s.start, s.end), "PX", DATA_TTL_MS);
          written.push(`${key}:p${r}`);
        });
        await writes.exec();
      } finally {
        closeSync(fd);
      }
      runs.push({ key, segments: run.segments.map((s) => ({ records: s.records, bytes: s.end - s.start })) });
    }
    await unlessJobEnded(env, keys, written);
    // A bad record's file is this host's copy of the split: name the job's input instead.
    const badRecords = result.badRecords.map((b) => ({ ...b, file: task.input.file }));
    return { runs, counters: result.counters, badRecords, worker: env.worker, seconds: result.seconds };
  });
}

/**
 * Takes back what an attempt just wrote if its job ended meanwhile (another task failed, or an
 * interrupt): the driver deletes the job's `alive` key before sweeping its keys, so writes that
 * finished before it did are swept, and a worker that finds the key gone after writing removes
 * its own — nothing outlives the job either way.
 */
async function unlessJobEnded(env: AttemptEnvironment, keys: JobKeys, written: string[]): Promise<void> {
  if (written.length === 0 || (await env.redis.exists(keys.alive)) === 1) return;
  await env.redis.unlink(...written);
  throw new Error(`job ${keys.jobId} ended while ${written.length} of its keys were being written; they were removed`);
}

/** Runs a reduce attempt: its segments → one local run file → reduce task → the part file into Redis. */
export function runRemoteReduce(task: RemoteReduceTask, env: AttemptEnvironment): Promise<RemoteReduceResult> {
  const keys = new JobKeys(task.jobId);
  return withFolder(env, task.taskId, async (dir) => {
    const path = join(dir, "input.run");
    const fd = openSync(path, "w");
    const segments: RunSegment[] = [];
    try {
      let offset = 0;
      for (const s of task.segments) {
        const bytes = await env.redis.getBuffer(s.key);
        if (bytes === null) throw new Error(`map output ${s.key} is no longer in Redis (the job ended?)`);
        writeSync(fd, bytes);
        segments.push({ path, start: offset, end: offset + bytes.length, records: s.records });
        offset += bytes.length;
      }
    } finally {
      closeSync(fd);
    }
    const spec: ReduceTaskSpec = {
      taskId: task.taskId,
      attempt: env.attempt,
      partition: task.partition,
      segments,
      skipBadRecords: task.skipBadRecords,
      dir,
    };
    const result = await env.pool.run<ReduceTaskResult>("reduce", [spec, env.shipped], listener(env), env.signal);
    const output = keys.output(task.taskId, env.attempt);
    const bytes = readFileSync(result.output);
    await env.redis.set(output, bytes, "PX", DATA_TTL_MS);
    await unlessJobEnded(env, keys, [output]);
    return {
      output,
      bytes: bytes.length,
      counters: result.counters,
      badRecords: result.badRecords,
      worker: env.worker,
      seconds: result.seconds,
    };
  });
}
