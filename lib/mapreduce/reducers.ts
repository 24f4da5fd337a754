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
