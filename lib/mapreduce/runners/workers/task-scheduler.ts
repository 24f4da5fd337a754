/**
 * Running a phase's tasks with retries, as Hadoop does: every task is submitted at once (the pool
 * queues what it cannot start), an attempt that fails because its worker died is submitted again,
 * up to `maxAttempts`; an attempt that fails because the user's function threw stops the phase
 * (running it again would throw again); so does an abort.
 */
import { JobError, RecordError } from "../../errors.js";

/** How a phase's attempts are started and watched. */
export interface SchedulerOptions {
  maxAttempts: number;
  /** The task's name in messages (`map-3`). */
  taskName(index: number): string;
  signal: AbortSignal;
  /** An attempt failed and will be tried again. */
  onRetry(taskIndex: number, attempt: number, error: unknown): void;
}

/** Whether an error is the task's own (deterministic) rather than its worker's. */
export function isUserError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return (
    error instanceof RecordError ||
    name === "MapReduceRecordError" ||
    name === "PairFormatError" ||
    name === "ValuesConsumedError" ||
    name === "RangeError"
  );
}

/** Why an attempt failed, in one line (workerpool's crash report is long). */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const signal = /signalCode: `(\w+)`/.exec(message)?.[1];
  const code = /exitCode: `(\w+)`/.exec(message)?.[1];
  if (/terminated Unexpectedly/.test(message))
    return signal && signal !== "null" ? `worker killed by ${signal}` : `worker exited with code ${code}`;
  return message.split("\n")[0];
}

/** Runs `count` tasks through `start(i, attempt)`; resolves to their results in order. */
export function runTasks<R>(count: number, start: (index: number, attempt: number) => Promise<R>, options: SchedulerOptions): Promise<R[]> {
  const { signal, maxAttempts } = options;
  return new Promise<R[]>((resolve, reject) => {
    const results = new Array<R>(count);
    let remaining = count;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if (error === undefined) resolve(results);
      else reject(error);
    };
    const onAbort = () => finish(signal.reason ?? new Error("aborted"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    if (count === 0) return finish();
    const launch = (index: number, attempt: number) => {
      start(index, attempt).then(
        (result) => {
          results[index] = result;
          if (--remaining === 0) finish();
        },
        (error: unknown) => {
          if (settled) return;
          if (isUserError(error)) return finish(error);
          if (attempt >= maxAttempts) {
            return finish(
              new JobError(
                `task ${options.taskName(index)} failed ${attempt} time${attempt === 1 ? "" : "s"}, the last time because: ${failureReason(error)}`,
              ),
            );
          }
          options.onRetry(index, attempt, error);
          launch(index, attempt + 1);
        },
      );
    };
    for (let i = 0; i < count; i++) launch(i, 1);
  });
}
