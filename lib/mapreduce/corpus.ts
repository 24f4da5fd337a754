/**
 * Generated text for word counts and benchmarks: lowercase words from a fixed vocabulary, drawn
 * with Zipf's law (a few words are very common, most are rare, as in real text), 4 to 16 words a
 * line, single spaces, no empty lines. The same seed and size give the same bytes, so tests can
 * compare runners and tools on it exactly.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { seededRandom } from "../sequences/seeded-random.js";

/** What was written. */
export interface CorpusInfo {
  path: string;
  bytes: number;
  lines: number;
  words: number;
}

const CONSONANTS = "bcdfghklmnprstvwz";
const VOWELS = "aeiou";

/** `n` distinct pronounceable words. */
function vocabulary(n: number, next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < n) {
    const syllables = 1 + Math.floor(next() * 3);
    let w = "";
    for (let s = 0; s < syllables; s++)
      w += CONSONANTS[Math.floor(next() * CONSONANTS.length)] + VOWELS[Math.floor(next() * VOWELS.length)];
    if (next() < 0.3) w += CONSONANTS[Math.floor(next() * CONSONANTS.length)];
    words.add(w);
  }
  return [...words];
}

/** A table of word indexes in Zipf proportions, so drawing a word is one lookup. */
function zipfTable(n: number, size: number): Uint32Array {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const table = new Uint32Array(size);
  let at = 0;
  for (let i = 0; i < n && at < size; i++) {
    const count = Math.max(1, Math.round((weights[i] / total) * size));
    table.fill(i, at, Math.min(size, at + count));
    at += count;
  }
  if (at < size) for (let j = at; j < size; j++) table[j] = n - 1 - (j % 1000);
  return table;
}

/** Writes about `bytes` bytes of generated text to `path` (whole lines). */
export function writeCorpus(path: string, bytes: number, options: { seed?: number; vocabulary?: number } = {}): CorpusInfo {
  const next = seededRandom(options.seed ?? 42);
  const words = vocabulary(options.vocabulary ?? 20_000, next);
  const table = zipfTable(words.length, 1 << 20);
  const fd = openSync(path, "w");
  let written = 0;
  let lines = 0;
  let count = 0;
  try {
    while (written < bytes) {
      const chunk: string[] = [];
      let length = 0;
      while (length < 1 << 20 && written + length < bytes) {
        const n = 4 + Math.floor(next() * 13);
        const line: string[] = [];
        for (let i = 0; i < n; i++) line.push(words[table[Math.floor(next() * table.length)]]);
        const text = line.join(" ");
        chunk.push(text);
        length += text.length + 1;
        count += n;
        lines++;
      }
      written += writeSync(fd, `${chunk.join("\n")}\n`);
    }
  } finally {
    closeSync(fd);
  }
  return { path, bytes: written, lines, words: count };
}
