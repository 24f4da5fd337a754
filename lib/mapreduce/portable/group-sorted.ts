/**
 * Grouping a sorted sequence: runs of adjacent items with the same key become one group whose
 * items are read lazily, in one pass, so a key with millions of values never sits in memory.
 *
 * Portable: imports nothing.
 */

/** Raised when a reducer iterates a key's values a second time (they stream from disk once). */
export class ValuesConsumedError extends Error {
  override name = "ValuesConsumedError";
}

/** Groups adjacent items of `items` whose `keyOf` is equal: yields the key and an iterable over the group. */
export function* groupAdjacent<T>(items: Iterator<T>, keyOf: (item: T) => string): Generator<[string, Iterable<T>]> {
  let head = items.next();
  while (!head.done) {
    const key = keyOf(head.value);
    let started = false;
    let first = true; // the head item is known to belong to the group
    const group: Iterable<T> = {
      [Symbol.iterator]() {
        if (started)
          throw new ValuesConsumedError(`the values of key ${key} can be iterated only once (copy them into an array to reuse them)`);
        started = true;
        return (function* () {
          while (!head.done && (first || keyOf(head.value) === key)) {
            first = false;
            const item = head.value;
            head = items.next();
            yield item;
          }
        })();
      },
    };
    yield [key, group];
    // Skip whatever the consumer left unread.
    if (first && !head.done) {
      first = false;
      head = items.next();
    }
    while (!head.done && keyOf(head.value) === key) head = items.next();
  }
}
