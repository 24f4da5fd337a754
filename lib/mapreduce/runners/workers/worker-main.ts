/**
 * The program each worker process runs: a workerpool worker offering the map and reduce tasks.
 * Every task first announces the worker's pid (so the runner can kill it on interrupt) and
 * then sends progress events while it works; its result is a small index of files on disk, so
 * intermediate data never goes through the IPC channel.
 */
import workerpool from "workerpool";
import { dieWithParent } from "../../../lifeline/orphan-watch.js";
import { type MapTaskSpec, type TaskProgress, runMapTask } from "../../tasks/map-task.js";
import { type ReduceTaskSpec, runReduceTask } from "../../tasks/reduce-task.js";
import type { ShippedFunctions } from "../../shipping/shipping.js";
import { loadFunctions } from "./worker-functions.js";

/** Messages a worker sends while a task runs. */
export type WorkerEvent = { kind: "pid"; pid: number } | ({ kind: "progress" } & TaskProgress);

function announce(): void {
  workerpool.workerEmit({ kind: "pid", pid: process.pid } satisfies WorkerEvent);
}

function sendProgress(p: TaskProgress): void {
  workerpool.workerEmit({ kind: "progress", ...p } satisfies WorkerEvent);
}

// A worker busy in a map function would not notice the kernel dying (SIGKILL): it watches for that.
dieWithParent();

workerpool.worker({
  map(spec: MapTaskSpec, shipped: ShippedFunctions) {
    announce();
    return runMapTask(spec, loadFunctions(shipped), sendProgress);
  },
  reduce(spec: ReduceTaskSpec, shipped: ShippedFunctions) {
    announce();
    return runReduceTask(spec, loadFunctions(shipped), sendProgress);
  },
});
