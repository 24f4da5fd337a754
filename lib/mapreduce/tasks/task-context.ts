/**
 * The `ctx` a map or reduce function receives, and the adapters that call user functions the way
 * the runners need them: a combiner as "some values in, fewer values out", a reducer writing
 * what it returns or emits.
 */
import { Counters } from "../counters.js";
import type { Combiner, Emit, TaskContext } from "../job.js";
import type { MapSideCombiner } from "./map-buffer.js";
import { FOLD } from "../portable/reducers.js";

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

/**
 * A combiner as the map buffer calls it: values in, combined values out (returned or emitted,
 * same key); a fold reducer is used as its fold. The output array is reused from call to call
 * (the buffer copies it at once), because this runs every few dozen emits.
 */
export function mapSideCombiner(combine: Combiner<unknown, unknown> | undefined, task: RunningTask): MapSideCombiner {
  if (combine === undefined) return undefined;
  const fold = (combine as { [FOLD]?: unknown })[FOLD];
  if (typeof fold === "function") return { kind: "fold", fold: fold as (a: unknown, b: unknown) => unknown };
  const ctx = task.asCombiner();
  const out: unknown[] = [];
  let current: unknown;
  const emit: Emit<unknown, unknown> = (k, v) => {
    if (k !== current && JSON.stringify(k) !== JSON.stringify(current)) {
      throw new Error(`a combiner must emit the key it was given (${JSON.stringify(current)}), not ${JSON.stringify(k)}`);
    }
    out.push(v);
  };
  return {
    kind: "batch",
    combine(key, values) {
      out.length = 0;
      current = key;
      const returned = combine(key, values, emit, ctx);
      if (returned !== undefined) out.push(returned);
      return out;
    },
  };
}
