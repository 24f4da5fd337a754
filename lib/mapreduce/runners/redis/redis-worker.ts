/**
 * `lazylab worker --redis URL`: a process on any host that runs the map and reduce tasks of every
 * job the drivers announce. It registers itself (a key with a short TTL, refreshed), attaches a
 * BullMQ Worker to each running job's queue, and runs each task on a pool of N worker processes,
 * so its own thread stays free to renew BullMQ's locks. Locks are short (4 s) and checked every
 * second: when a worker dies, another one finds its task stalled and takes it within seconds.
 */
import { rmSync } from "node:fs";
import { hostname } from "node:os";
import { ownedTempFolder } from "../../../lifeline/orphan-folders.js";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { connectRedis, removeJob, bullConnection } from "./redis-job.js";
import { ClusterKey, redactUrl } from "./cluster-key.js";
import { JOBS, JobKeys, QUEUE_PREFIX, WORKERS, WORKER_TTL_MS } from "./redis-keys.js";
import { type AttemptEnvironment, runRemoteMap, runRemoteReduce } from "./remote-task-io.js";
import {
  type RemoteMapTask,
  type RemoteReduceTask,
  type TaskMessage,
  type WorkerIdentity,
  encodeUserError,
  workerLabel,
} from "./remote-tasks.js";
import type { ShippedFunctions } from "../../shipping/shipping.js";
import { failureReason, isUserError } from "../workers/task-scheduler.js";
import { WorkerProcessPool } from "../workers/worker-pool.js";

/** How a worker is started. */
export interface RedisWorkerOptions {
  url: string;
  /** Tasks run at once (worker processes); default 1. */
  concurrency?: number;
  /** Where messages go (default: standard error). */
  log?: (line: string) => void;
  /** The cluster key's file (default: $LAZYLAB_KEY_FILE); jobs not signed with it are refused. */
  keyFile?: string;
}

/** BullMQ settings that make recovery of a dead worker's task take seconds, not half a minute. */
export const LOCK_SETTINGS = { lockDuration: 4000, lockRenewTime: 1000, stalledInterval: 1000, maxStalledCount: 3 } as const;

const SYNC_EVERY_MS = 2000;
const PROGRESS_EVERY_MS = 250;

interface AttachedJob {
  worker: Worker;
  controller: AbortController;
}

/** A running worker service; `stop()` ends it. */
export class RedisWorker {
  private readonly jobs = new Map<string, AttachedJob>();
  /** Jobs whose functions are not signed with our key: never attached, logged once. */
  private readonly refused = new Set<string>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly tmp = ownedTempFolder("lazylab-worker-");
  private stopped = false;
  private syncing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly options: Required<Omit<RedisWorkerOptions, "keyFile">>,
    private readonly key: ClusterKey,
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly pool: WorkerProcessPool,
    readonly identity: WorkerIdentity,
  ) {}

  /** Connects, registers and starts taking tasks. */
  static async start(options: RedisWorkerOptions): Promise<RedisWorker> {
    const full = { concurrency: 1, log: (line: string) => void process.stderr.write(`${line}\n`), ...options };
    const key = ClusterKey.load(options.keyFile); // no key, no worker: it would run whatever Redis holds
    if (key.readableByOthers) full.log(`warning: the cluster key file ${key.file} is readable by other users (chmod 600 it)`);
    const redis = await connectRedis(full.url, true);
    const info = String(await redis.call("CLIENT", "INFO"));
    const address = /\baddr=(\S+):\d+/.exec(info)?.[1] ?? "?";
    const subscriber = redis.duplicate();
    const worker = new RedisWorker(full, key, redis, subscriber, new WorkerProcessPool(full.concurrency), {
      host: hostname(),
      pid: process.pid,
      address,
    });
    await worker.register();
    subscriber.on("message", () => worker.sync());
    await subscriber.subscribe(JOBS);
    worker.timers.push(
      setInterval(
        () => void worker.register().catch((e: unknown) => worker.log(`cannot refresh registration: ${String(e)}`)),
        WORKER_TTL_MS / 3,
      ),
    );
    worker.timers.push(setInterval(() => worker.sync(), SYNC_EVERY_MS));
    worker.sync();
    await worker.syncing;
    worker.log(
      `lazylab worker ${workerLabel(worker.identity)}: connected to ${redactUrl(full.url)}, ${full.concurrency} task${full.concurrency === 1 ? "" : "s"} at a time, running jobs signed with the key in ${key.file}; waiting for jobs`,
    );
    return worker;
  }

  /** The key under which this worker is registered. */
  get registrationKey(): string {
    return `lazylab:worker:${this.identity.host}:${this.identity.pid}`;
  }

  private log(line: string): void {
    this.options.log(line);
  }

  private async register(): Promise<void> {
    const value = JSON.stringify({ ...this.identity, concurrency: this.options.concurrency });
    // The set lets drivers list workers without KEYS (which blocks a shared Redis); expired names are pruned by readers.
    await this.redis.multi().set(this.registrationKey, value, "PX", WORKER_TTL_MS).sadd(WORKERS, this.registrationKey).exec();
  }

  /** Attaches to new jobs and leaves ended ones (one pass at a time). */
  private sync(): void {
    this.syncing = this.syncing
      .then(() => this.syncOnce())
      .catch((error: unknown) => this.log(`cannot read the job list: ${String(error)}`));
  }

  private async syncOnce(): Promise<void> {
    if (this.stopped) return;
    const running = new Set(await this.redis.smembers(JOBS));
    for (const jobId of this.jobs.keys()) if (!running.has(jobId)) await this.detach(jobId);
    for (const jobId of this.refused) if (!running.has(jobId)) this.refused.delete(jobId);
    for (const jobId of running) {
      const keys = new JobKeys(jobId);
      if ((await this.redis.exists(keys.alive)) === 0) {
        // Its driver is gone (its heartbeat expired): stop its tasks here, even attached ones, and
        // remove it — every worker does, so a dead driver's job ends within a sync of the expiry.
        this.log(`job ${jobId}: its driver stopped answering; stopping its tasks and removing the job`);
        await this.detach(jobId);
        this.refused.delete(jobId);
        await removeJob(this.redis, this.options.url, jobId);
        continue;
      }
      if (this.jobs.has(jobId) || this.refused.has(jobId)) continue;
      const functions = await this.redis.get(keys.functions);
      if (functions === null) continue;
      const shipped = this.verified(jobId, "functions", functions);
      if (shipped === undefined) {
        this.refused.add(jobId);
        this.log(
          `refused job ${jobId}: its functions are not signed with this worker's cluster key (forged, or its driver uses another key); nothing of it runs`,
        );
        continue;
      }
      this.attach(jobId, shipped as ShippedFunctions);
    }
  }

  /** The parsed payload of a sealed value if this worker's key signed it for (jobId, what). */
  private verified(jobId: string, what: string, sealed: unknown): unknown {
    let value = sealed;
    if (typeof sealed === "string") {
      try {
        value = JSON.parse(sealed);
      } catch {
        return undefined;
      }
    }
    const body = this.key.open(jobId, what, value);
    if (body === undefined) return undefined;
    try {
      return JSON.parse(body);
    } catch {
      return undefined;
    }
  }

  private attach(jobId: string, shipped: ShippedFunctions): void {
    const controller = new AbortController();
    const worker = new Worker(new JobKeys(jobId).queue, (job: Job) => this.process(jobId, job, shipped, controller.signal), {
      connection: bullConnection(this.options.url),
      prefix: QUEUE_PREFIX,
      concurrency: this.options.concurrency,
      ...LOCK_SETTINGS,
    });
    worker.on("error", (error) => this.log(`job ${jobId}: ${String(error)}`));
    this.jobs.set(jobId, { worker, controller });
  }

  private async detach(jobId: string): Promise<void> {
    const attached = this.jobs.get(jobId);
    if (attached === undefined) return;
    this.jobs.delete(jobId);
    attached.controller.abort(); // kills the pool processes still running its tasks
    await attached.worker.close(true).catch(() => undefined);
  }

  /** Runs one task attempt; its progress and output go back as BullMQ progress. */
  private async process(jobId: string, job: Job, shipped: ShippedFunctions, signal: AbortSignal): Promise<unknown> {
    // A task is run only if the driver signed it for this job, name and id: Redis access is not enough.
    const task = job.name === "map" || job.name === "reduce" ? this.verified(jobId, `${job.name}:${job.id}`, job.data) : undefined;
    if (task === undefined || (task as { jobId?: unknown }).jobId !== jobId) {
      this.log(
        `refused task ${String(job.id)} (${String(job.name)}) of job ${jobId}: it is not signed with this worker's cluster key; not run`,
      );
      throw new UnrecoverableError("refused: the task is not signed with the workers' cluster key");
    }
    const attempt = job.attemptsStarted;
    const send = (message: TaskMessage) => job.updateProgress(message).catch(() => undefined);
    await send({ type: "start", attempt, worker: this.identity });
    let last = 0;
    const env: AttemptEnvironment = {
      redis: this.redis,
      pool: this.pool,
      shipped,
      attempt,
      worker: this.identity,
      tmp: this.tmp,
      signal,
      progress: (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        void send({ type: "progress", attempt, bytes: p.bytes, records: p.records });
      },
      output: (stream, text) => void send({ type: "output", attempt, stream, text }),
    };
    try {
      return job.name === "map" ? await runRemoteMap(task as RemoteMapTask, env) : await runRemoteReduce(task as RemoteReduceTask, env);
    } catch (error) {
      if (signal.aborted) throw new UnrecoverableError("the job ended");
      // The function threw: running it again would throw again.
      if (isUserError(error)) throw new UnrecoverableError(encodeUserError(error));
      throw new Error(`${failureReason(error)} (on ${workerLabel(this.identity)})`);
    }
  }

  /** Stops taking tasks, kills running ones (BullMQ gives them to other workers), unregisters. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    await this.syncing;
    await Promise.all([...this.jobs.keys()].map((id) => this.detach(id)));
    await this.pool.close(true);
    await this.redis
      .multi()
      .del(this.registrationKey)
      .srem(WORKERS, this.registrationKey)
      .exec()
      .catch(() => undefined);
    this.subscriber.disconnect();
    await this.redis.quit().catch(() => undefined);
    rmSync(this.tmp, { recursive: true, force: true });
  }
}
