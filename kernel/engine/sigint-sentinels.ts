/**
 * SIGINT must never kill the kernel. Cells run under `breakOnSigint`, whose watchdog resets
 * SIGINT to "exit" whenever the last watchdog stops, so between cells a SIGINT would end the
 * process. Sentinel threads keep a watchdog alive at all times: each waits forever inside a
 * `breakOnSigint` script. A SIGINT goes to the newest watchdog: a cell's, while a cell runs
 * synchronously (which stops it), otherwise a sentinel's, which reports it and waits again.
 * Two sentinels, so one is always waiting while the other re-arms.
 */
import { Worker } from "node:worker_threads";

// Two nested watchdogs per sentinel: the inner one takes the signal and re-arms while the
// outer one stays registered, so the count of live watchdogs never drops to zero.
const SENTINEL = `
const { parentPort } = require("node:worker_threads");
const vm = require("node:vm");
const slot = new Int32Array(new SharedArrayBuffer(4));
const inner = new vm.Script("Atomics.wait(globalThis.slot, 0, 0)");
globalThis.slot = slot;
globalThis.report = () => parentPort.postMessage("sigint");
globalThis.waitInner = () => inner.runInThisContext({ breakOnSigint: true });
const outer = new vm.Script("for (;;) { try { waitInner() } catch { report() } }");
for (;;) {
  try { outer.runInThisContext({ breakOnSigint: true }); } catch { globalThis.report(); }
}
`;

/** Starts the sentinels; `onSigint` runs (on this thread) for each SIGINT no cell caught. */
export function startSigintSentinels(onSigint: () => void, count = 2): void {
  for (let i = 0; i < count; i++) {
    const worker = new Worker(SENTINEL, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 } });
    worker.on("message", onSigint);
    worker.unref();
  }
}
