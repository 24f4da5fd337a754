/**
 * The driver's view of tasks running on other hosts. Tasks are BullMQ jobs; what happens to them
 * arrives as the queue's events (a Redis stream, read by QueueEvents): a worker's `start` and
 * `progress` messages, an attempt that failed and waits to be retried, a stalled attempt (its
 * worker died and its lock expired), completion with the result, final failure. The tracker turns
 * them into the progress model's calls and the job's task events, as the local runner's do.
 */
import { Job, type Queue, type QueueEvents } from "bullmq";
import { JobError } from "../../errors.js";
import { type TaskMessage, type WorkerIdentity, decodeUserError, workerLabel } from "./remote-tasks.js";
import type { RunnerContext } from "../runner.js";

type Phase = "map" | "reduce";

interface Tracked {
  phase: Phase;
  attempt: number;
  worker?: WorkerIdentity;
  stalledAttempt?: number;
  resolve(result: unknown): void;
  reject(error: unknown): void;
}

/** Submits tasks to a queue and settles each when BullMQ says it completed or failed for good. */
export class RemoteTaskTracker {
  private readonly tasks = new Map<string, Tracked>();

  constructor(
    private readonly queue: Queue,
    events: QueueEvents,
    private readonly ctx: RunnerContext,
  ) {
    events.on("progress", ({ jobId, data }) => this.message(jobId, data as TaskMessage));
    events.on("waiting", ({ jobId, prev }) => {
      const t = this.tasks.get(jobId);
      if (t === undefined || prev !== "active") return;
      // An attempt ended without finishing. A stall is announced by the next event; a thrown
      // error left its reason in the job.
      const attempt = t.attempt;
      void Job.fromId(this.queue, jobId).then(
        (job) => t.stalledAttempt !== attempt && this.attemptFailed(jobId, t, attempt, job?.failedReason ?? "unknown"),
        () => undefined,
      );
    });
    events.on("stalled", ({ jobId }) => {
      const t = this.tasks.get(jobId);
      if (t === undefined) return;
      t.stalledAttempt = t.attempt;
      const who = t.worker === undefined ? "its worker" : `worker ${workerLabel(t.worker)}`;
      this.attemptFailed(jobId, t, t.attempt, `${who} stopped answering (its lock expired)`);
    });
    events.on("completed", ({ jobId, returnvalue }) => {
      const t = this.tasks.get(jobId);
      if (t === undefined) return;
      this.tasks.delete(jobId);
      ctx.progress.taskDone(t.phase, jobId);
      ctx.taskEvent({
        type: "done",
        taskId: jobId,
        phase: t.phase,
        attempt: t.attempt,
        pid: t.worker?.pid,
        worker: t.worker && workerLabel(t.worker),
      });
      ctx.changed();
      t.resolve(returnvalue);
    });
    events.on("failed", ({ jobId, failedReason }) => {
      const t = this.tasks.get(jobId);
      if (t === undefined) return;
      this.tasks.delete(jobId);
      const attempts = Math.max(1, t.attempt);
      const userError = decodeUserError(failedReason);
      if (userError !== undefined) return t.reject(Object.assign(userError, { taskId: jobId }));
      t.reject(new JobError(`task ${jobId} failed ${attempts} time${attempts === 1 ? "" : "s"}, the last time because: ${failedReason}`));
    });
  }

  /** Adds a task (its id is the BullMQ job id); resolves to what the worker returned. */
  submit<R>(phase: Phase, taskId: string, data: object): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.tasks.set(taskId, { phase, attempt: 0, resolve: resolve as (r: unknown) => void, reject });
      const attempts = this.ctx.settings.maxAttempts;
      this.queue.add(phase, data, { jobId: taskId, attempts, removeOnComplete: true, removeOnFail: true }).catch((error: unknown) => {
        this.tasks.delete(taskId);
        reject(error);
      });
    });
  }

  /** Rejects every task still waiting (the job was interrupted or failed). */
  abandon(reason: unknown): void {
    for (const t of this.tasks.values()) t.reject(reason);
    this.tasks.clear();
  }

  private message(taskId: string, m: TaskMessage): void {
    const t = this.tasks.get(taskId);
    if (t === undefined || typeof m !== "object" || m === null) return;
    const { ctx } = this;
    if (m.type === "start") {
      t.attempt = m.attempt;
      t.worker = m.worker;
      ctx.progress.taskStarted(t.phase, taskId);
      ctx.taskEvent({ type: "start", taskId, phase: t.phase, attempt: m.attempt, pid: m.worker.pid, worker: workerLabel(m.worker) });
    } else if (m.type === "progress" && m.attempt === t.attempt) {
      ctx.progress.taskProgress(t.phase, taskId, m.bytes, m.records);
    } else if (m.type === "output") {
      ctx.print(m.stream, m.text);
    }
    ctx.changed();
  }

  private attemptFailed(taskId: string, t: Tracked, attempt: number, reason: string): void {
    const { ctx } = this;
    ctx.progress.taskFailed(t.phase, taskId);
    ctx.taskEvent({
      type: "failed",
      taskId,
      phase: t.phase,
      attempt,
      pid: t.worker?.pid,
      worker: t.worker && workerLabel(t.worker),
      reason,
    });
    ctx.taskEvent({ type: "retry", taskId, phase: t.phase, attempt: attempt + 1 });
    ctx.changed();
  }
}
