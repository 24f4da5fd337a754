/**
 * 4.2.5 Streams: a lazily computed recursive list. `first` is a field; `rest` is a getter (the
 * chapter's property) that calls `computeRest` at most once and caches what it returns.
 *
 * Beside the chapter's functions (`makeIntegerStream`, `mapStream`, `filterStream`,
 * `firstKAsList`) the class offers idiomatic TypeScript: `Stream.from`, `map/filter/take`,
 * `toArray` and iteration. Properties the chapter's Python does not have, and tests hold:
 * - stack safety: `filterStream` skips rejected elements in a loop, so a filter that rejects
 *   100,000 elements in a row costs no stack, and a walk of a million elements stays shallow;
 * - no retained prefix: a forced thunk is dropped with what it captured, and nothing points
 *   back to earlier cells, so a walk that reassigns its only reference (`s = s.rest`) lets the
 *   garbage collector take what it has passed. Whoever keeps the head keeps every element
 *   computed from it (that is memoization), so long walks should not hold it. (In V8 an
 *   argument expression stays referenced by the calling frame for the whole call, so
 *   `walk(pipeline(), n)` holds the head: bind the stream to a variable the loop reassigns,
 *   or iterate it with for…of.)
 * - speed: the chapter's functions pass their state to a shared `computeRest(a, b)` through
 *   `Stream.lazy` instead of allocating a closure per element. Besides halving the allocation,
 *   this keeps a walk cheap for V8's generational GC: a cell promoted to the old generation
 *   (every cell alive at a full GC is) keeps each younger cell after it alive through minor
 *   GCs until the next full GC, so bytes per cell are what a long walk pays for.
 */
import { inspect } from "node:util";
import { streamBundle, streamText } from "./stream-view.js";
import { type StreamExplorer, exploreStream } from "./stream-explorer.js";
import { MIMEBUNDLE } from "../render/mimebundle.js";

/** The chapter's `compute_rest`: no arguments, returns the rest (a Stream or `Stream.empty`). */
export type ComputeRest<T> = () => Stream<T>;

/** A `compute_rest` given its state as arguments (see `Stream.lazy`). */
export type ComputeRestOf<T, A, B> = (a: A, b: B) => Stream<T>;

type AnyComputeRest<T> = (a: unknown, b: unknown) => Stream<T>;

/** The two states of a Stream's rest, as the display sees them without forcing anything. */
export type RestState = "computed" | "pending";

const returnEmpty = (): Stream<never> => Stream.empty;

// Stands in for the thunk while it runs, so a rest defined in terms of itself fails clearly
// instead of recursing until the stack overflows.
const computing = (): never => {
  throw new ReferenceError("a Stream's rest was requested while it was being computed (it depends on itself)");
};

/** A lazily computed recursive list (the chapter's Stream). */
export class Stream<T> implements Iterable<T> {
  /** The empty stream; `s === Stream.empty` tests for the end (the chapter's `s is Stream.empty`). */
  static readonly empty: Stream<never> = createEmpty(Stream.prototype);

  readonly first: T;
  private _computeRest: AnyComputeRest<T> | undefined;
  private _a: unknown; // the arguments of _computeRest (Stream.lazy); dropped with it
  private _b: unknown;
  private _rest: Stream<T> | undefined;

  /** A stream whose first element is `first` and whose rest `computeRest()` returns when first asked for. */
  constructor(first: T, computeRest: ComputeRest<T> = returnEmpty) {
    if (typeof computeRest !== "function") throw new TypeError("computeRest must be callable.");
    this.first = first;
    this._computeRest = computeRest;
    this._a = undefined;
    this._b = undefined;
    this._rest = undefined;
  }

  /**
   * Like `new Stream(first, () => computeRest(a, b))` without allocating that closure: for
   * functions that make a cell per element, as the chapter's do.
   */
  static lazy<T, A, B = undefined>(first: T, computeRest: ComputeRestOf<T, A, B>, a: A, b?: B): Stream<T> {
    const s = new Stream<T>(first, computeRest as unknown as ComputeRest<T>);
    s._a = a;
    s._b = b;
    return s;
  }

  /** The rest of the stream, computing it if necessary (once: later reads return the cached stream). */
  get rest(): Stream<T> {
    const compute = this._computeRest;
    if (compute !== undefined) {
      const a = this._a;
      const b = this._b;
      this._computeRest = computing;
      try {
        this._rest = compute(a, b);
      } catch (error) {
        this._computeRest = compute; // as in Python: a failed computation is tried again next time
        throw error;
      }
      // Drop the thunk and what it captured: the cells it would otherwise keep alive.
      this._computeRest = undefined;
      this._a = undefined;
      this._b = undefined;
    }
    return this._rest as Stream<T>;
  }

  /** Whether this is `Stream.empty`. */
  get isEmpty(): boolean {
    return (this as Stream<unknown>) === Stream.empty;
  }

  /** Whether the rest has been computed, without computing it. */
  get restState(): RestState {
    return this._computeRest === undefined ? "computed" : "pending";
  }

  /** The stream of the elements of `iterable`, pulled one at a time as the stream is walked. */
  static from<T>(iterable: Iterable<T>): Stream<T> {
    return fromIterator(iterable[Symbol.iterator]());
  }

  /** A finite stream of the given elements. */
  static of<T>(...elements: T[]): Stream<T> {
    return Stream.from(elements);
  }

  /** The stream of `fn` applied to each element (lazily, like `mapStream`). */
  map<U>(fn: (value: T) => U): Stream<U> {
    return mapStream(fn, this);
  }

  /** The stream of the elements that satisfy `fn` (lazily, like `filterStream`). */
  filter<S extends T>(fn: (value: T) => value is S): Stream<S>;
  filter(fn: (value: T) => boolean): Stream<T>;
  filter(fn: (value: T) => boolean): Stream<T> {
    return filterStream(fn, this);
  }

  /** The stream of the first `k` elements; computes none of them beyond what is walked. */
  take(k: number): Stream<T> {
    return takeStream(this, k);
  }

  /** The first `k` elements as an array (`firstKAsList`). */
  firstK(k: number): T[] {
    return firstKAsList(this, k);
  }

  /**
   * A widget to force this stream one element at a time ("next"), showing computed and pending
   * cells, and that walking the computed part again recomputes nothing (Jupyter widgets; a static
   * picture elsewhere).
   */
  explore(): StreamExplorer<T> {
    return exploreStream(this);
  }

  /** Every element as an array: only for finite streams. */
  toArray(): T[] {
    return [...this];
  }

  /** An iterator that walks the stream, computing each rest only when the next element is asked for. */
  [Symbol.iterator](): IterableIterator<T> {
    return new StreamIterator(this);
  }

  /** The chapter's repr, extended with the computed prefix: `Stream(1, <...>)`, `Stream(1, 2, <...>)`, `Stream(1, 5, 9)`. */
  toString(): string {
    return streamText(this);
  }

  /** Rich display in Jupyter: computed elements and the pending rest. */
  [MIMEBUNDLE](): Record<string, string> {
    return streamBundle(this);
  }

  /** How console.log and the REPL print a stream. */
  [inspect.custom](): string {
    return streamText(this);
  }
}

// The class's own prototype is passed in: the outer `Stream` binding does not exist yet while
// static fields are initialised.
function createEmpty(prototype: Stream<unknown>): Stream<never> {
  const noElement = (what: string) => () => {
    throw new TypeError(`Stream.empty has no ${what}`);
  };
  const empty = Object.create(prototype, {
    first: { get: noElement("first element") },
    rest: { get: noElement("rest") },
    _computeRest: { value: undefined },
    _a: { value: undefined },
    _b: { value: undefined },
    _rest: { value: undefined },
  }) as Stream<never>;
  Object.freeze(empty);
  return empty;
}

/** Walks a stream; holds only the current cell, so the walked prefix can be collected. */
class StreamIterator<T> implements IterableIterator<T> {
  private started = false;

  constructor(private current: Stream<T>) {}

  next(): IteratorResult<T> {
    // Advance lazily: the rest is computed when the next element is asked for, not before.
    if (this.started && this.current !== Stream.empty) this.current = this.current.rest;
    this.started = true;
    if (this.current === Stream.empty) return { done: true, value: undefined };
    return { done: false, value: this.current.first };
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this;
  }
}

function fromIterator<T>(iterator: Iterator<T>): Stream<T> {
  const step = iterator.next();
  return step.done === true ? Stream.empty : Stream.lazy(step.value, fromIterator, iterator);
}

// Each chapter function below defines its compute_rest beside it, taking as arguments what the
// chapter's local function captures (see Stream.lazy).

/** The integers from `first` upwards, lazily (the chapter's `make_integer_stream`). */
export function makeIntegerStream(first = 1): Stream<number> {
  return Stream.lazy(first, computeIntegerRest, first);
}

function computeIntegerRest(first: number): Stream<number> {
  return makeIntegerStream(first + 1);
}

/** `fn` mapped over `s`, applied to each element when it is reached (the chapter's `map_stream`). */
export function mapStream<T, U>(fn: (value: T) => U, s: Stream<T>): Stream<U> {
  if (s === Stream.empty) return Stream.empty;
  return Stream.lazy(fn(s.first), computeMapRest, fn, s);
}

function computeMapRest<T, U>(fn: (value: T) => U, s: Stream<T>): Stream<U> {
  return mapStream(fn, s.rest);
}

/** The elements of `s` that satisfy `fn` (the chapter's `filter_stream`). */
export function filterStream<T, S extends T>(fn: (value: T) => value is S, s: Stream<T>): Stream<S>;
export function filterStream<T>(fn: (value: T) => boolean, s: Stream<T>): Stream<T>;
export function filterStream<T>(fn: (value: T) => boolean, s: Stream<T>): Stream<T> {
  // The chapter recurses through compute_rest() for each rejected element, one stack frame per
  // rejection; this loop rejects without growing the stack (and drops each rejected cell).
  while (s !== Stream.empty && !fn(s.first)) s = s.rest;
  if (s === Stream.empty) return s;
  return Stream.lazy(s.first, computeFilterRest, fn, s);
}

function computeFilterRest<T>(fn: (value: T) => boolean, s: Stream<T>): Stream<T> {
  return filterStream(fn, s.rest);
}

/** The first `k` elements of `s` (the chapter's `first_k_as_list`); computes nothing after the k-th. */
export function firstKAsList<T>(s: Stream<T>, k: number): T[] {
  const firstK: T[] = [];
  while (s !== Stream.empty && k > 0) {
    firstK.push(s.first);
    k = k - 1;
    // The chapter's `s, k = s.rest, k-1` also computes the rest after the k-th element.
    if (k > 0) s = s.rest;
  }
  return firstK;
}

/** The first `k` elements of `s` as a stream; asks for no element after the k-th. */
export function takeStream<T>(s: Stream<T>, k: number): Stream<T> {
  if (s === Stream.empty || k <= 0) return Stream.empty;
  if (k === 1) return new Stream(s.first);
  return Stream.lazy(s.first, computeTakeRest, s, k - 1);
}

function computeTakeRest<T>(s: Stream<T>, k: number): Stream<T> {
  return takeStream(s.rest, k);
}
