// The two jobs of the benchmark as map functions, shared by the single-process baseline and the
// lazylab runs so that both call exactly the same code per line.

/** Word count: (word, 1) for every space-separated word. */
export function countWords(line, emit) {
  for (const word of line.split(" ")) if (word !== "") emit(word, 1);
}

/** The chapter's vowel count: (vowel, count) for every vowel that occurs in the line. */
export function countVowels(line, emit) {
  for (const vowel of "aeiou") {
    const count = line.split(vowel).length - 1;
    if (count > 0) emit(vowel, count);
  }
}

export const JOBS = { words: countWords, vowels: countVowels };
