/**
 * SIGINT must never kill the kernel. Cells run under `breakOnSigint`, whose watchdog resets
 * SIGINT to "exit" whenever the last watchdog stops, so between cells a SIGINT would end the
 * process. Sentinel threads keep a watchdog alive at all times: each waits forever inside a
 * `breakOnSigint` script. A SIGINT goes to the newest watchdog: a cell's, while a cell runs
 * synchronously (which stops it), otherwise a sentinel's, which reports it and waits again.
 * One sentinel thread holds three nested watchdogs, so one is always registered while another re-arms.
 */
import { workerLimits } from "./startup-snapshot.js";
import { Worker } from "node:worker_threads";
import { InterruptFlags } from "./interrupt-flags.js";

// Three nested watchdogs in one thread: the innermost takes a signal and re-arms while the outer
// ones stay registered, so the count of live watchdogs cannot drop to zero unless three signals
// land within one re-arm (microseconds). One thread costs ~8 MiB; nesting costs nothing.
const SENTINEL = `
const { parentPort, workerData } = require("node:worker_threads");
const vm = require("node:vm");
globalThis.slot = new Int32Array(new SharedArrayBuffer(4));
globalThis.flags = new Int32Array(workerData.flags);
// Tell the kernel once every watchdog is registered: the sockets open only then.
globalThis.armed = () => { Atomics.store(flags, workerData.armedSlot, 1); Atomics.notify(flags, workerData.armedSlot); };
globalThis.report = () => parentPort.postMessage("sigint");
const level = (body) => {
  const script = new vm.Script("for (;;) { try { " + body + " } catch { report() } }");
  return () => script.runInThisContext({ breakOnSigint: true });
};
globalThis.innermost = level("armed(); Atomics.wait(globalThis.slot, 0, 0)");
globalThis.middle = level("innermost()");
level("middle()")();
`;

/** Starts the sentinel, which marks `flags` armed; `onSigint` runs (on this thread) for each SIGINT no cell caught. */
export function startSigintSentinel(flags: InterruptFlags, onSigint: () => void): void {
  const workerData = { flags: flags.buffer, armedSlot: InterruptFlags.ARMED_SLOT };
  const worker = new Worker(SENTINEL, {
    eval: true,
    workerData,
    resourceLimits: workerLimits({ maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 }),
  });
  worker.on("message", onSigint);
  worker.unref();
}
