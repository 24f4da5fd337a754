/**
 * Reducers the chapter leans on: Python's built-in `sum` is its vowel-count reducer. Each takes
 * the iterable of a key's values, so `(key, values) => sum(values)` is a reduce function and a
 * combiner. Workers and the pipeline programs know these by name, so cells may use them freely.
 *
 * Portable: imports nothing.
 */

/** The sum of the values (Python's `sum`). */
export function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** How many values there are. */
export function count(values: Iterable<unknown>): number {
  let n = 0;
  for (const _ of values) n++;
  return n;
}

/** The largest value (-Infinity for none). */
export function max(values: Iterable<number>): number {
  let best = -Infinity;
  for (const v of values) if (v > best) best = v;
  return best;
}

/** The smallest value (Infinity for none). */
export function min(values: Iterable<number>): number {
  let best = Infinity;
  for (const v of values) if (v < best) best = v;
  return best;
}

/** The property that marks a reducer as a fold of its values (see `foldReducer`). */
export const FOLD = Symbol.for("lazylab.mapreduce.fold");

/** A reducer made from a binary function; runners may apply it value by value. */
export interface FoldReducer<V> {
  (key: unknown, values: Iterable<V>): V;
  readonly [FOLD]: (a: V, b: V) => V;
}

/**
 * A reducer (and combiner) from an associative, commutative binary function, as Spark's
 * `reduceByKey` takes one: `foldReducer((a, b) => a + b)`. A map task then folds each emitted
 * value into one running value per key instead of collecting values and combining them in
 * batches (Hadoop ships `LongSumReducer` for the same reason).
 */
export function foldReducer<V>(fold: (a: V, b: V) => V): FoldReducer<V> {
  const reducer = (_key: unknown, values: Iterable<V>): V => {
    let first = true;
    let acc = undefined as V;
    for (const v of values) {
      acc = first ? v : fold(acc, v);
      first = false;
    }
    return acc;
  };
  return Object.assign(reducer, { [FOLD]: fold });
}

/** The sum reducer, as a fold: `(key, values) => sum(values)`, applied value by value map-side. */
export const sumReducer: FoldReducer<number> = foldReducer((a: number, b: number) => a + b);
