/**
 * What can be passed to a Thread or a Process as an argument. Plain data is copied (structured
 * clone); the library's shared objects (Lock, Barrier, Queue, SharedInts, Trace, pipe ends …)
 * travel as a small description of their shared memory and are rebuilt on the other side, so both
 * sides act on the same memory. A process shares no memory: shared-memory objects refuse to go
 * there, as in the chapter, where processes communicate only through pipes.
 */

/** Where an argument is going. */
export type Destination = "thread" | "process";

const TAG = "__lazylab_shipped";

interface Kind<T, S> {
  cls: abstract new (...args: never[]) => T;
  ship(value: T, to: Destination, slot: number): S;
  revive(shipped: S): T;
}

const kinds = new Map<string, Kind<unknown, unknown>>();

/** Declares how instances of `cls` travel: `ship` describes one (throwing if it cannot go `to` there), `revive` rebuilds it. */
export function registerShippable<T, S>(
  name: string,
  cls: abstract new (...args: never[]) => T,
  ship: (value: T, to: Destination, slot: number) => S,
  revive: (shipped: S) => T,
): void {
  kinds.set(name, { cls, ship, revive } as Kind<unknown, unknown>);
}

/** Raised for an argument that cannot be sent where it was asked to go. */
export class ShippingError extends Error {
  override name = "ShippingError";
}

/** Replaces the library's shared objects in `value` by their descriptions, for participant `slot` of kind `to`. */
export function encodeArgs(value: unknown, to: Destination, slot: number, path = "args"): unknown {
  if (value === null || typeof value !== "object") {
    if (typeof value === "function")
      throw new ShippingError(`${path} is a function; only the target function is shipped, its arguments must be data or shared objects`);
    return value;
  }
  for (const [name, kind] of kinds) {
    if (value instanceof kind.cls) return { [TAG]: name, data: kind.ship(value, to, slot) };
  }
  if (Array.isArray(value)) return value.map((v, i) => encodeArgs(v, to, slot, `${path}[${i}]`));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeArgs(v, to, slot, `${path}.${k}`)]));
  }
  return value; // typed arrays, Maps, Dates …: structured clone (typed arrays on a SharedArrayBuffer stay shared between threads)
}

/** Rebuilds what `encodeArgs` described. */
export function decodeArgs(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeArgs);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const tagged = value as { [TAG]?: string; data?: unknown };
  if (typeof tagged[TAG] === "string") {
    const kind = kinds.get(tagged[TAG]);
    if (kind === undefined) throw new ShippingError(`cannot rebuild a ${tagged[TAG]} here`);
    return kind.revive(tagged.data);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeArgs(v)]));
}

/** Throws the chapter's point for shared-memory objects sent to a process. */
export function refuseProcess(what: string): never {
  throw new ShippingError(`a ${what} lives in shared memory, which processes do not share; processes communicate through a Pipe`);
}
