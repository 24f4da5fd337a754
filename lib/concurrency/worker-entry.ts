/**
 * The module every Thread's worker runs: it becomes the participant it was told to be, rebuilds
 * the target and its arguments, runs it and posts back its result or error.
 */
import { parentPort, workerData } from "node:worker_threads";
import { becomeParticipant } from "./participants.js";
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

async function main(data: WorkerData): Promise<void> {
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
