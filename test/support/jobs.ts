/** The MapReduce jobs the runner tests share: the chapter's vowel count, word count, and a sum reducer. */
import type { Emit } from "../../dist/lib/mapreduce/index.js";

/** The chapter's mapper: (vowel, count) for each vowel in the line. */
export function countVowels(line: string, emit: Emit<string, number>) {
  for (const vowel of "aeiou") {
    const count = line.split(vowel).length - 1;
    if (count > 0) emit(vowel, count);
  }
}

/** Word count's mapper: (word, 1) for each space-separated word. */
export const words = (line: string, emit: Emit<string, number>) => {
  for (const w of line.split(" ")) if (w !== "") emit(w, 1);
};

/** The sum of a key's values, written out as a loop (shipped to workers as it stands). */
export const total = (_key: string, values: Iterable<number>) => {
  let t = 0;
  for (const v of values) t += v;
  return t;
};
