/** The tracing part every primitive shares: an optional trace and its interned object name. */
import type { Op } from "./trace-event.js";
import { type Destination, decodeArgs, encodeArgs } from "./shippable.js";
import type { Trace } from "./trace.js";

/** Options common to the primitives. */
export interface PrimitiveOptions {
  /** The name shown in traces and wait-for graphs. */
  name?: string;
  /** Where to record what happens to it. */
  trace?: Trace;
}

/** How a primitive's tracing travels (the trace in its shipped form for the destination). */
export interface ShippedTracing {
  name: string;
  trace?: unknown;
}

/** A primitive's name and trace. */
export class Tracing {
  private readonly ref: number;

  constructor(
    readonly name: string,
    readonly trace: Trace | undefined,
  ) {
    this.ref = trace?.intern(name) ?? 0;
  }

  /** Records `op` on this object, if traced; returns the event's logical time (0 untraced). */
  record(op: Op, value?: number | string): number {
    return this.trace?.record(op, this.ref, value) ?? 0;
  }

  /** The shipped form, for participant `slot` of kind `to`. */
  toShipped(to: Destination = "thread", slot = 0): ShippedTracing {
    return { name: this.name, trace: this.trace === undefined ? undefined : encodeArgs(this.trace, to, slot) };
  }

  /** Rebuilds a shipped form. */
  static revive(shipped: ShippedTracing): Tracing {
    return new Tracing(shipped.name, shipped.trace === undefined ? undefined : (decodeArgs(shipped.trace) as Trace));
  }
}

const counters = new Map<string, number>();

/** A default name: "lock-1", "barrier-2" … */
export function defaultName(kind: string): string {
  const n = (counters.get(kind) ?? 0) + 1;
  counters.set(kind, n);
  return `${kind}-${n}`;
}
