/**
 * The runner list: the one place that names the runners. Adding a runner is one new file with a
 * `Runner` object and one line here; `RunnerName`, `mapreduce()` and the `%%mapreduce` magic follow.
 */
import { hadoopRunner } from "./hadoop.js";
import { inlineRunner } from "./inline.js";
import { localRunner } from "./local.js";
import { pipelineRunner } from "./pipeline.js";
import { redisRunner } from "./redis.js";
import type { Runner } from "./runner.js";

/** Every runner by name. */
export const RUNNERS = {
  local: localRunner,
  inline: inlineRunner,
  pipeline: pipelineRunner,
  redis: redisRunner,
  hadoop: hadoopRunner,
} as const satisfies Record<string, Runner>;

/** The runners' names, as the type of `mapreduce()`'s `runner` option. */
export type RunnerName = keyof typeof RUNNERS;

/** The runners' names, in the order `%%mapreduce?` lists them. */
export const RUNNER_NAMES = Object.keys(RUNNERS) as RunnerName[];

/** Whether `name` names a runner (own keys only: "constructor" is not a runner). */
export function isRunnerName(name: string): name is RunnerName {
  return Object.hasOwn(RUNNERS, name);
}
