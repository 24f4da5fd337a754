/**
 * The chapter's companion module: `emit` writes a key/value pair as a line of standard output,
 * and `groupValuesByKey` groups the sorted lines (or pairs) a reducer reads by key, as
 * `group_values_by_key(sys.stdin)` does in the chapter's reducer.py.
 */
import { groupAdjacent } from "./group-sorted.js";
import { formatPair, keyText, serialize, valueText } from "./pair-lines.js";

/** Writes `key TAB value` (both as JSON) and a newline to standard output. */
export function emit(key: unknown, value: unknown): void {
  process.stdout.write(`${formatPair(key, value)}\n`);
}

interface Item {
  key: string;
  value: () => unknown;
}

function toItem(entry: string | readonly [unknown, unknown]): Item {
  if (typeof entry === "string") return { key: keyText(entry), value: () => JSON.parse(valueText(entry)) };
  return { key: serialize(entry[0], "key"), value: () => entry[1] };
}

/**
 * Groups sorted input by key: lines `key TAB value` (as `emit` writes them, sorted) or
 * `[key, value]` pairs sorted by key. Yields each key once with an iterable over its values,
 * in one pass (as Python's itertools.groupby): read a key's values before moving to the next key.
 */
export function* groupValuesByKey<K = unknown, V = unknown>(
  input: Iterable<string> | Iterable<readonly [K, V]>,
): Generator<[K, Iterable<V>]> {
  const source = input as Iterable<string | readonly [K, V]>;
  const items = (function* () {
    for (const entry of source) yield toItem(entry);
  })();
  for (const [key, group] of groupAdjacent(items, (item) => item.key)) {
    const values = {
      *[Symbol.iterator]() {
        for (const item of group) yield item.value() as V;
      },
    };
    yield [JSON.parse(key) as K, values];
  }
}
