/**
 * The module every Thread's worker runs: it becomes the participant it was told to be, rebuilds
 * the target and its arguments, runs it and posts back its result or error.
 */
import { parentPort, workerData } from "node:worker_threads";
import { becomeParticipant } from "./board.js";
import { reportOf } from "./participant.js";
import { decodeArgs } from "./shippable.js";
import { type ShippedTarget, reviveTarget } from "./target.js";
import { type ShippedTrace, Trace } from "./trace.js";
import "./worker-api.js"; // registers every shippable kind

/** What a Thread hands its worker. */
export interface WorkerData {
  slot: number;
  name: string;
  processName: string;
  target: ShippedTarget;
  args: unknown;
  board: SharedArrayBuffer;
  trace?: ShippedTrace;
}

/** A line of output from the worker: sent as a message, not through Node's worker stdio. */
export interface OutputMessage {
  t: "output";
  name: "stdout" | "stderr";
  text: string;
}

// Node's worker stdout waits for the parent to acknowledge each chunk before sending the next, and
// a worker blocked in Atomics.wait (a consumer in queue.get()) never sees the acknowledgement: its
// later lines would sit in the worker until it ends, or be lost when it is terminated. Posting each
// write as a message hands it over at once.
function sendOutputAsMessages(): void {
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | (() => void), callback?: () => void) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString(typeof encoding === "string" ? encoding : "utf8");
      parentPort!.postMessage({ t: "output", name, text } satisfies OutputMessage);
      const done = typeof encoding === "function" ? encoding : callback;
      if (done !== undefined) queueMicrotask(done);
      return true;
    }) as typeof stream.write;
  }
}

async function main(data: WorkerData): Promise<void> {
  sendOutputAsMessages();
  becomeParticipant({ slot: data.slot, name: data.name, processName: data.processName, mayBlock: true }, data.board);
  const trace = data.trace === undefined ? undefined : new Trace(data.trace);
  trace?.record("start", "", data.name);
  try {
    const fn = await reviveTarget(data.target, `${data.name} (${data.target.name})`);
    const value = await fn(...(decodeArgs(data.args) as unknown[]));
    trace?.record("end", "", data.name);
    parentPort!.postMessage({ t: "result", value });
  } catch (error) {
    trace?.record("error", "", error instanceof Error ? error.message : String(error));
    parentPort!.postMessage({ t: "error", error: reportOf(error) });
  }
}

void main(workerData as WorkerData);
