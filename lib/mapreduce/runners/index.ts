/**
 * The runner list: the one place that names the runners. Adding a runner is one new file with a
 * `Runner` object, its name in `RunnerName` (job.ts), and one line here; `mapreduce()` and the
 * `%%mapreduce` magic need no change.
 */
import type { RunnerName } from "../job.js";
import { hadoopRunner } from "./hadoop.js";
import { inlineRunner } from "./inline.js";
import { localRunner } from "./local.js";
import { pipelineRunner } from "./pipeline.js";
import { redisRunner } from "./redis.js";
import type { Runner } from "./runner.js";

/** Every runner by name (the compiler checks that each `RunnerName` has one). */
export const RUNNERS: Record<RunnerName, Runner> = {
  local: localRunner,
  inline: inlineRunner,
  pipeline: pipelineRunner,
  redis: redisRunner,
  hadoop: hadoopRunner,
};

/** The runners' names, in the order `%%mapreduce?` lists them. */
export const RUNNER_NAMES = Object.keys(RUNNERS) as RunnerName[];

/** The runner called `name`; a JobError-ready message names the choices when there is none. */
export function findRunner(name: string): Runner | undefined {
  return Object.hasOwn(RUNNERS, name) ? RUNNERS[name as RunnerName] : undefined;
}
