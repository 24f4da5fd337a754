/**
 * The `ctx` a map or reduce function receives, and the adapters that call user functions the way
 * the runners need them: a combiner as "some values in, fewer values out", a reducer writing
 * what it returns or emits.
 */
import { Counters, FRAMEWORK } from "./counters.js";
import type { Combiner, Emit, TaskContext } from "./job.js";

/** A task's context; `file` follows the record being mapped. */
export class RunningTask implements TaskContext {
  file = "";
  readonly counters = new Counters();

  constructor(
    readonly phase: "map" | "reduce",
    readonly taskId: string,
    readonly attempt: number,
  ) {}

  count(group: string, name: string, n = 1): void {
    this.counters.add(String(group), String(name), Number(n));
  }

  /** The same context seen from a combiner. */
  asCombiner(): TaskContext {
    return { count: (g, n, k) => this.count(g, n, k), file: this.file, phase: "combine", taskId: this.taskId, attempt: this.attempt };
  }
}

/** A combiner as the map buffer calls it: values in, combined values out (returned or emitted, same key). */
export function combineValues(combine: Combiner<unknown, unknown>, task: RunningTask): (key: unknown, values: unknown[]) => unknown[] {
  const ctx = task.asCombiner();
  return (key, values) => {
    const out: unknown[] = [];
    const emit: Emit<unknown, unknown> = (k, v) => {
      if (k !== key && JSON.stringify(k) !== JSON.stringify(key)) throw new Error(`a combiner must emit the key it was given (${JSON.stringify(key)}), not ${JSON.stringify(k)}`);
      out.push(v);
    };
    const returned = combine(key, values, emit, ctx);
    if (returned !== undefined) out.push(returned);
    task.counters.add(FRAMEWORK, "Combine input records", values.length);
    task.counters.add(FRAMEWORK, "Combine output records", out.length);
    return out;
  };
}
