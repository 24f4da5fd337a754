/**
 * What travels through a job's BullMQ queue between the driver (the kernel) and `lazylab worker`
 * processes on any host: task data, results (small indexes of Redis keys, never the data), the
 * messages a running task sends back as BullMQ progress, and how a user error crosses as text.
 */
import type { CounterTable } from "../../counters.js";
import type { BadRecord } from "../../errors.js";

/** Which process ran an attempt: host name, pid, and the address its Redis connection comes from. */
export interface WorkerIdentity {
  host: string;
  pid: number;
  address: string;
}

/** `host:pid (address)`, as shown in task events and summaries. */
export function workerLabel(w: WorkerIdentity): string {
  return `${w.host}:${w.pid} (${w.address})`;
}

/** A map task's input: its bytes in a Redis key, or (on a shared file system) a byte range of a path. */
export type SplitInput =
  | { kind: "bytes"; key: string; file: string; bytes: number }
  | { kind: "path"; file: string; start: number; end: number };

/** The data of a map task. */
export interface RemoteMapTask {
  jobId: string;
  taskId: string;
  input: SplitInput;
  reducers: number;
  memoryBudget: number;
  skipBadRecords: boolean;
}

/** One spill of a map attempt in Redis: partition r is at `${key}:p${r}` (absent when empty). */
export interface RemoteRun {
  key: string;
  segments: { records: number; bytes: number }[];
}

/** What a map attempt returns. */
export interface RemoteMapResult {
  runs: RemoteRun[];
  counters: CounterTable;
  /** Lines are counted from the split's first line; the driver makes them the file's. */
  badRecords: BadRecord[];
  worker: WorkerIdentity;
  seconds: number;
}

/** A reduce task: partition `partition` of every map run, each a Redis key. */
export interface RemoteReduceTask {
  jobId: string;
  taskId: string;
  partition: number;
  segments: { key: string; records: number; bytes: number }[];
  skipBadRecords: boolean;
}

/** What a reduce attempt returns: where its part file is. */
export interface RemoteReduceResult {
  output: string;
  bytes: number;
  counters: CounterTable;
  badRecords: BadRecord[];
  worker: WorkerIdentity;
  seconds: number;
}

/** What a running attempt reports through `job.updateProgress`. */
export type TaskMessage =
  | { type: "start"; attempt: number; worker: WorkerIdentity }
  | { type: "progress"; attempt: number; bytes: number; records: number }
  | { type: "output"; attempt: number; stream: "stdout" | "stderr"; text: string };

const USER_ERROR = "lazylab-user-error ";

/** A user error (the function threw) as a failed job's reason text. */
export function encodeUserError(error: unknown): string {
  const e = error as { name?: unknown; message?: unknown; bad?: BadRecord };
  return `${USER_ERROR}${JSON.stringify({ name: String(e?.name ?? "Error"), message: String(e?.message ?? error), bad: e?.bad })}`;
}

/** The user error a failed reason carries (an Error with `name`, `message` and `bad`), or undefined. */
export function decodeUserError(reason: string): (Error & { bad?: BadRecord }) | undefined {
  if (!reason.startsWith(USER_ERROR)) return undefined;
  const { name, message, bad } = JSON.parse(reason.slice(USER_ERROR.length)) as { name: string; message: string; bad?: BadRecord };
  const error = Object.assign(new Error(message), { bad });
  error.name = name;
  return error;
}
