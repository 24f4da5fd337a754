/**
 * The result of a job: its output pairs in key order (iterable as `[key, value]`), and a summary
 * of how it ran. In a notebook it renders as a table with the summary; as text it prints the way
 * the chapter's pipeline does (`'a'\t6`).
 */
import { inspect } from "node:util";
import { compareCodePoints } from "./tasks/key-order.js";
import { keyText, valueText } from "./portable/pair-lines.js";
import { formatKey, type JobSummary } from "./summary.js";
import { summaryHtml, summaryText } from "./views/summary-view.js";
import { MIMEBUNDLE } from "../render/mimebundle.js";

export { formatKey, type JobSummary } from "./summary.js";

/** The pairs of output lines (`key TAB value`, JSON), sorted by key (stable: a key's values keep their order). */
export function pairsOfLines(lines: string[]): [unknown, unknown][] {
  const keyed = lines.filter((l) => l !== "").map((line) => ({ key: keyText(line), line }));
  keyed.sort((a, b) => compareCodePoints(a.key, b.key));
  return keyed.map(({ key, line }) => [JSON.parse(key), JSON.parse(valueText(line))]);
}

/** Output pairs in key order, with the summary of the job that produced them. */
export class MapReduceResult<K, V> implements Iterable<[K, V]> {
  constructor(
    /** The output pairs, sorted by key. */
    readonly pairs: [K, V][],
    readonly summary: JobSummary,
    /** Rows shown when rendered. */
    readonly limit = 20,
  ) {}

  [Symbol.iterator](): Iterator<[K, V]> {
    return this.pairs[Symbol.iterator]();
  }

  /** The number of output pairs. */
  get size(): number {
    return this.pairs.length;
  }

  /** The output as a Map (a key emitted more than once keeps its last value). */
  toMap(): Map<K, V> {
    return new Map(this.pairs);
  }

  private index: Map<string, V> | undefined;

  /** The value of `key` (the first, if the reducer emitted several), or undefined. */
  get(key: K): V | undefined {
    if (this.index === undefined) {
      this.index = new Map();
      for (const [k, v] of this.pairs) {
        const text = JSON.stringify(k);
        if (!this.index.has(text)) this.index.set(text, v);
      }
    }
    return this.index.get(JSON.stringify(key));
  }

  /** A counter of the job (framework counters are in group "Map-Reduce Framework"). */
  counter(group: string, name: string): number {
    return this.summary.counters[group]?.[name] ?? 0;
  }

  /** Every pair as a line `key<TAB>value`, as the chapter prints them. */
  toString(): string {
    return this.pairs.map(([k, v]) => `${formatKey(k)}\t${formatKey(v)}`).join("\n");
  }

  [MIMEBUNDLE](): Record<string, string> {
    return {
      "text/plain": summaryText(this.pairs, this.summary, this.limit),
      "text/html": summaryHtml(this.pairs, this.summary, this.limit),
    };
  }

  [inspect.custom](): string {
    return summaryText(this.pairs, this.summary, this.limit);
  }
}
