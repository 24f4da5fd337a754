/**
 * 4.2.1 Iterators, on TypeScript's iterator protocol: `next()` returns `{ done, value }` where
 * Python's `__next__` returns a value or raises StopIteration, and `[Symbol.iterator]()` plays
 * `__iter__`. `next(iterator)` and `StopIteration` give the chapter's Python behaviour back.
 */

/** Raised by `next(iterator)` at the end of the series (Python's StopIteration). */
export class StopIteration extends Error {
  override name = "StopIteration";
  constructor() {
    super("the iterator has no more elements");
  }
}

/** The next element of `iterator`, or StopIteration at the end (Python's built-in `next`). */
export function next<T>(iterator: Iterator<T>): T {
  const step = iterator.next();
  if (step.done === true) throw new StopIteration();
  return step.value;
}

/** The letter after `letter` ('a' → 'b'): Python's `chr(ord(letter) + 1)`. */
export function nextLetter(letter: string): string {
  return String.fromCharCode(letter.charCodeAt(0) + 1);
}

/** Iterates over the letters 'a' to 'd', once (the chapter's `Letters`). */
export class Letters implements IterableIterator<string> {
  current = "a";

  next(): IteratorResult<string, undefined> {
    if (this.current > "d") return { value: undefined, done: true };
    const result = this.current;
    this.current = nextLetter(result);
    return { value: result, done: false };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

/** Iterates over the positive integers, forever (the chapter's `Positives`). */
export class Positives implements IterableIterator<number> {
  current = 1;

  next(): IteratorResult<number, never> {
    const result = this.current;
    this.current += 1;
    return { value: result, done: false };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
