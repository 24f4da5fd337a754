/** Test inputs: the chapter's haiku and generated corpora, with the counts Unix tools give for them. */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writeCorpus } from "../../dist/lib/mapreduce/index.js";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const HAIKU = join(ROOT, "notebooks", "data", "haiku.txt");

/** The chapter's answer for the haiku (4.6.2). */
export const HAIKU_VOWELS: [string, number][] = [
  ["a", 6],
  ["e", 5],
  ["i", 2],
  ["o", 5],
  ["u", 1],
];

/** A fresh folder holding haiku.txt and a generated corpus of `bytes` bytes. */
export function dataFolder(bytes = 1 << 20, seed = 7): { dir: string; haiku: string; corpus: string } {
  const dir = mkdtempSync(join(tmpdir(), "lazylab-mr-test-"));
  const haiku = join(dir, "haiku.txt");
  copyFileSync(HAIKU, haiku);
  const corpus = join(dir, "corpus.txt");
  writeCorpus(corpus, bytes, { seed, vocabulary: 5000 });
  return { dir, haiku, corpus };
}

/** Word counts by `tr -s ' ' '\n' | sort | uniq -c`, as a Map. */
export function unixWordCount(path: string): Map<string, number> {
  const out = execFileSync("bash", ["-c", `tr -s ' ' '\\n' < "$1" | LC_ALL=C sort | uniq -c`, "wc", path], {
    maxBuffer: 1 << 28,
    encoding: "utf8",
  });
  const counts = new Map<string, number>();
  for (const line of out.split("\n")) {
    const m = /^\s*(\d+) (.*)$/.exec(line);
    if (m !== null) counts.set(m[2], Number(m[1]));
  }
  return counts;
}
