/**
 * The progress of a job, phase by phase: tasks done and running, bytes and records so far,
 * elapsed time and an estimate of what is left. Runners feed it task events; views read
 * snapshots. A retried task's progress starts over, as its work does.
 */

/** One phase as a progress bar shows it. */
export interface PhaseProgress {
  name: string;
  /** What its tasks are called ("splits", "tasks"). */
  unit: string;
  tasksTotal: number;
  tasksDone: number;
  tasksRunning: number;
  bytesTotal: number;
  bytesDone: number;
  /** Records known in advance (reduce input), or 0 when unknown. */
  recordsTotal: number;
  recordsDone: number;
  failedAttempts: number;
  state: "waiting" | "running" | "done" | "failed";
  elapsed: number;
  /** Seconds left, estimated from the fraction done (undefined before there is any). */
  eta?: number;
}

/** The whole job at one moment. */
export interface ProgressSnapshot {
  phases: PhaseProgress[];
  elapsed: number;
  state: "running" | "done" | "failed";
}

interface Phase {
  name: string;
  unit: string;
  tasksTotal: number;
  bytesTotal: number;
  recordsTotal: number;
  /** Finished tasks and what they read. */
  done: Map<string, { bytes: number; records: number }>;
  running: Map<string, { bytes: number; records: number }>;
  failedAttempts: number;
  startedAt?: number;
  endedAt?: number;
  failed: boolean;
}

/** The fraction of a phase done: by bytes when known, else records, else tasks. */
export function phaseFraction(p: PhaseProgress): number {
  if (p.state === "done") return 1;
  if (p.bytesTotal > 0) return p.bytesDone / p.bytesTotal;
  if (p.recordsTotal > 0) return p.recordsDone / p.recordsTotal;
  return p.tasksTotal > 0 ? p.tasksDone / p.tasksTotal : 0;
}

/** Mutable progress of a job. */
export class ProgressModel {
  private readonly phases = new Map<string, Phase>();
  private readonly startedAt = performance.now();
  private endedAt: number | undefined;
  private state: ProgressSnapshot["state"] = "running";

  /** Declares a phase (in display order). */
  addPhase(name: string, unit: string, tasksTotal: number, bytesTotal = 0, recordsTotal = 0): void {
    this.phases.set(name, {
      name,
      unit,
      tasksTotal,
      bytesTotal,
      recordsTotal,
      done: new Map(),
      running: new Map(),
      failedAttempts: 0,
      failed: false,
    });
  }

  /** Changes what a phase expects (reduce input is known only after the map phase). */
  setTotals(name: string, totals: { tasks?: number; bytes?: number; records?: number }): void {
    const p = this.phase(name);
    p.tasksTotal = totals.tasks ?? p.tasksTotal;
    p.bytesTotal = totals.bytes ?? p.bytesTotal;
    p.recordsTotal = totals.records ?? p.recordsTotal;
  }

  /** A task attempt started. */
  taskStarted(name: string, taskId: string): void {
    const p = this.phase(name);
    p.startedAt ??= performance.now();
    p.running.set(taskId, { bytes: 0, records: 0 });
  }

  /** A running task reports how far it got. */
  taskProgress(name: string, taskId: string, bytes: number, records: number): void {
    const task = this.phase(name).running.get(taskId);
    if (task !== undefined) {
      task.bytes = bytes;
      task.records = records;
    }
  }

  /** A task finished (its last reported progress counts as final, unless figures are given; given again, they replace the first). */
  taskDone(name: string, taskId: string, bytes?: number, records?: number): void {
    const p = this.phase(name);
    const last = p.running.get(taskId) ?? p.done.get(taskId);
    p.running.delete(taskId);
    p.done.set(taskId, { bytes: bytes ?? last?.bytes ?? 0, records: records ?? last?.records ?? 0 });
    if (p.done.size === p.tasksTotal) p.endedAt ??= performance.now();
  }

  /** A task attempt failed: its progress is lost. */
  taskFailed(name: string, taskId: string): void {
    const p = this.phase(name);
    p.running.delete(taskId);
    p.failedAttempts++;
  }

  /** Marks a phase done (phases without tasks, such as the pipeline's sort). */
  phaseDone(name: string): void {
    const p = this.phase(name);
    p.startedAt ??= performance.now();
    p.endedAt ??= performance.now();
    p.tasksTotal = Math.max(p.tasksTotal, p.done.size);
  }

  /** Marks a phase started (phases without tasks). */
  phaseStarted(name: string): void {
    this.phase(name).startedAt ??= performance.now();
  }

  /** Ends the job. */
  finish(state: "done" | "failed"): void {
    this.state = state;
    this.endedAt = performance.now();
    if (state === "failed") for (const p of this.phases.values()) if (p.endedAt === undefined && p.startedAt !== undefined) p.failed = true;
  }

  /** Seconds a phase ran (0 if it never started). */
  phaseSeconds(name: string): number {
    const p = this.phase(name);
    return p.startedAt === undefined ? 0 : ((p.endedAt ?? this.endedAt ?? performance.now()) - p.startedAt) / 1000;
  }

  /** The state of every phase now. */
  snapshot(): ProgressSnapshot {
    const now = this.endedAt ?? performance.now();
    const phases = [...this.phases.values()].map((p): PhaseProgress => {
      let bytes = 0;
      let records = 0;
      for (const t of [...p.done.values(), ...p.running.values()]) {
        bytes += t.bytes;
        records += t.records;
      }
      const state = p.failed ? "failed" : p.endedAt !== undefined ? "done" : p.startedAt !== undefined ? "running" : "waiting";
      const elapsed = p.startedAt === undefined ? 0 : ((p.endedAt ?? now) - p.startedAt) / 1000;
      const view: PhaseProgress = {
        name: p.name,
        unit: p.unit,
        tasksTotal: p.tasksTotal,
        tasksDone: p.done.size,
        tasksRunning: state === "failed" ? 0 : p.running.size,
        bytesTotal: p.bytesTotal,
        bytesDone: Math.min(bytes, p.bytesTotal || bytes),
        recordsTotal: p.recordsTotal,
        recordsDone: records,
        failedAttempts: p.failedAttempts,
        state,
        elapsed,
      };
      const f = phaseFraction(view);
      if (state === "running" && f > 0.01) view.eta = (elapsed * (1 - f)) / f;
      return view;
    });
    return { phases, elapsed: (now - this.startedAt) / 1000, state: this.state };
  }

  private phase(name: string): Phase {
    const p = this.phases.get(name);
    if (p === undefined) throw new Error(`no phase ${name}`);
    return p;
  }
}
