/** 4.2.3 Generators: the Letters iterator as a generator function, its place kept by `yield`. */
import { nextLetter } from "./iterators.js";

/** Yields 'a' to 'd' (the chapter's `letters_generator`). */
export function* lettersGenerator(): Generator<string, void, undefined> {
  let current = "a";
  while (current <= "d") {
    yield current;
    current = nextLetter(current);
  }
}
