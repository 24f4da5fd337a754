/**
 * The `inline` runner: the same map and reduce tasks, run one after another in this process with
 * the functions as given (closures allowed: nothing is shipped). Meant for small inputs and for
 * debugging. Between tasks it yields to the event loop, so an interrupt stops it after the task
 * running at that moment.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { runMapTask } from "../tasks/map-task.js";
import { type TaskExecutor, runPhases } from "../tasks/phases.js";
import { runReduceTask } from "../tasks/reduce-task.js";
import type { Runner, RunnerContext, RunnerOutcome } from "./runner.js";
import { SPLIT_PHASES } from "./split-phases.js";
import type { JobFunctions } from "./workers/worker-functions.js";

/** Runs the job in this process. */
export async function runInline(ctx: RunnerContext): Promise<RunnerOutcome> {
  const functions: JobFunctions = { ...ctx.functions, locate: () => undefined };
  // One task per turn of the event loop, in submission order, so timers (an abort) run in between.
  // Once a task fails, the tasks still queued do not start: the job's folder is about to go.
  let queue: Promise<unknown> = Promise.resolve();
  let failed = false;
  const inTurn = <R>(run: () => R): Promise<R> => {
    const next = queue.then(async () => {
      await nextTurn();
      ctx.signal.throwIfAborted();
      if (failed) throw new Error("not started: an earlier task of the job failed");
      try {
        return await run();
      } catch (error) {
        failed = true;
        throw error;
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };
  const executor: TaskExecutor = {
    map: (spec, listener) =>
      inTurn(() => {
        listener.started(undefined);
        return runMapTask(spec, functions, (p) => listener.progress(p));
      }),
    reduce: (spec, listener) =>
      inTurn(() => {
        listener.started(undefined);
        return runReduceTask(spec, functions, (p) => listener.progress(p));
      }),
  };
  try {
    return await runPhases(ctx, executor);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await queue; // no task writes into the job's folder after this returns
  }
}

/** Everything in this process, one task at a time; closures allowed, since nothing is shipped. */
export const inlineRunner: Runner = {
  name: "inline",
  summary: "every task in the kernel's process, one at a time (closures allowed; for small inputs and debugging)",
  async plan({ options, count }) {
    return {
      workers: 1,
      reducers: count(options.reducers, "reducers", 1),
      ships: "nothing",
      input: "splits",
      phases: SPLIT_PHASES,
      notes: [],
      run: runInline,
    };
  },
};
