/**
 * 4.2.4 Iterables: an object whose `[Symbol.iterator]()` returns a fresh iterator each time can
 * be walked any number of times, which `allPairs` needs.
 */
import { nextLetter } from "./iterators.js";

/** Every ordered pair of elements of `s`; walks `s` once per element, so `s` must be re-iterable (the chapter's `all_pairs`). */
export function* allPairs<T>(s: Iterable<T>): Generator<[T, T], void, undefined> {
  for (const item1 of s) {
    for (const item2 of s) {
      yield [item1, item2];
    }
  }
}

/** The letters 'a' to 'd', iterable any number of times (the chapter's `LetterIterable`). */
export class LetterIterable implements Iterable<string> {
  *[Symbol.iterator](): Generator<string, void, undefined> {
    let current = "a";
    while (current <= "d") {
      yield current;
      current = nextLetter(current);
    }
  }
}
