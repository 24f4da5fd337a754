/** The checks of a job's arguments, shared by `mapreduce()` and the `%%mapreduce` magic. */
import { countArgument } from "./counts.js";
import { JobError } from "./errors.js";

export { MAX_PROCESSES, countArgument, processCount } from "./counts.js";
import type { MapReduceOptions } from "./job.js";
import { RUNNERS, RUNNER_NAMES, type RunnerName, isRunnerName } from "./runners/index.js";
import type { Runner } from "./runners/runner.js";

/** `value` as a positive integer named `name` (`fallback` when undefined); a JobError otherwise. */
export function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  return countArgument(value, name) ?? fallback;
}

/** `name` checked as a runner's name, or a JobError listing the runners (`label` names the option). */
export function runnerNamed(name: string, label = "runner"): RunnerName {
  if (!isRunnerName(name)) throw new JobError(`${label} must be one of ${RUNNER_NAMES.join(", ")}, not ${name}`);
  return name;
}

/** Checks what every job needs and returns its runner. */
export function checkJob(options: MapReduceOptions<unknown, unknown, unknown>): Runner {
  const runner = RUNNERS[runnerNamed(options.runner ?? "local")];
  if (typeof options.map !== "function") throw new JobError("a job needs a map function");
  if (typeof options.reduce !== "function") throw new JobError("a job needs a reduce function");
  return runner;
}
