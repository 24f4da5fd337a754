/**
 * For a Node child of the kernel (a MapReduce worker, a Process of 4.7): end this process when its
 * parent dies. A child blocked in read(2), or busy in a map function, never turns its event loop,
 * so it would not see its IPC channel close; a small thread of its own checks every half second
 * whether it has been re-parented and ends the child if so. A kernel killed outright (SIGKILL,
 * which runs no handler) leaves none of these behind.
 */
import { Worker } from "node:worker_threads";

const ORPHAN_WATCH = `
const { workerData } = require("node:worker_threads");
setInterval(() => { if (process.ppid !== workerData) process.kill(process.pid, "SIGKILL"); }, 500);
`;

/** Starts the watch (once per process); it never keeps the process alive. */
export function dieWithParent(): void {
  if (watching || process.ppid <= 1) return;
  watching = true;
  new Worker(ORPHAN_WATCH, {
    eval: true,
    workerData: process.ppid,
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  }).unref();
}

let watching = false;
