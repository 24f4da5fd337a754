/**
 * The map side's memory: emitted pairs are grouped by key as they arrive, a combiner (when
 * given) folds a key's values every few dozen emits, and when the estimated size passes the
 * memory budget the buffer is partitioned, sorted and spilled to disk as a run. Word count with
 * a combiner keeps one small entry per distinct word; without one, values pile up until a spill.
 */
import { compareCodePoints } from "./key-order.js";
import { serialize } from "./pair-lines.js";
import type { SortedKey } from "./run-file.js";

/** Combines some values of one key into (usually fewer) values. */
export type CombineValues = (key: unknown, values: unknown[]) => unknown[];

/** Chooses the reducer of a key, given the key and its JSON text. */
export type ChoosePartition = (key: unknown, keyText: string) => number;

interface Entry {
  key: unknown;
  values: unknown[];
}

const COMBINE_EVERY = 32; // values per key between combiner runs
const ENTRY_BYTES = 96; // map entry, array and key object overhead (estimate)

function valueBytes(value: unknown): number {
  if (typeof value === "number" || typeof value === "boolean" || value === null) return 16;
  if (typeof value === "string") return 32 + 2 * value.length;
  return 64 + 2 * (JSON.stringify(value)?.length ?? 0);
}

/** Emitted pairs grouped by key, with estimated memory. */
export class MapOutputBuffer {
  /** Pairs emitted by map (before the combiner). */
  emitted = 0;
  private bytes = 0;
  // Primitive keys index by themselves (a Map tells 1 from "1"); arrays and objects by their JSON.
  private readonly primitive = new Map<unknown, Entry>();
  private readonly structured = new Map<string, Entry>();

  constructor(
    private readonly reducers: number,
    private readonly partition: ChoosePartition,
    private readonly combine: CombineValues | undefined,
    private readonly budget: number,
  ) {}

  /** Adds one emitted pair. */
  add(key: unknown, value: unknown): void {
    this.emitted++;
    let entry: Entry | undefined;
    if (key !== null && typeof key === "object") {
      const text = serialize(key, "key");
      entry = this.structured.get(text);
      if (entry === undefined) {
        entry = { key, values: [] };
        this.structured.set(text, entry);
        this.bytes += ENTRY_BYTES + 2 * text.length;
      }
    } else {
      entry = this.primitive.get(key);
      if (entry === undefined) {
        if (key === undefined || typeof key === "function" || typeof key === "symbol" || typeof key === "bigint") serialize(key, "key"); // throws
        entry = { key, values: [] };
        this.primitive.set(key, entry);
        this.bytes += ENTRY_BYTES + (typeof key === "string" ? 2 * key.length : 8);
      }
    }
    if (value === undefined) serialize(value, "value"); // throws a clear error
    entry.values.push(value);
    this.bytes += valueBytes(value);
    if (this.combine !== undefined && entry.values.length >= COMBINE_EVERY) this.combineEntry(entry);
  }

  /** Whether the buffer holds more than its budget. */
  get overBudget(): boolean {
    return this.bytes > this.budget;
  }

  /** Whether nothing is buffered. */
  get empty(): boolean {
    return this.primitive.size === 0 && this.structured.size === 0;
  }

  /** Empties the buffer into partitions of keys sorted by their JSON text (combining each key once more). */
  drain(): SortedKey[][] {
    const partitions: (SortedKey & { partition: number })[][] = Array.from({ length: this.reducers }, () => []);
    for (const entries of [this.primitive.values(), this.structured.values()]) {
      for (const entry of entries) {
        if (this.combine !== undefined && entry.values.length > 1) this.combineEntry(entry);
        const keyText = serialize(entry.key, "key");
        const p = this.partition(entry.key, keyText);
        if (!Number.isInteger(p) || p < 0 || p >= this.reducers) {
          throw new RangeError(`partition(${keyText}, ${this.reducers}) returned ${p}; it must be an integer from 0 to ${this.reducers - 1}`);
        }
        partitions[p].push({ keyText, valueTexts: entry.values.map((v) => serialize(v, "value")), partition: p });
      }
    }
    this.primitive.clear();
    this.structured.clear();
    this.bytes = 0;
    for (const keys of partitions) keys.sort((a, b) => compareCodePoints(a.keyText, b.keyText));
    return partitions;
  }

  private combineEntry(entry: Entry): void {
    const before = entry.values.reduce((n: number, v) => n + valueBytes(v), 0);
    entry.values = this.combine!(entry.key, entry.values);
    this.bytes += entry.values.reduce((n: number, v) => n + valueBytes(v), 0) - before;
  }
}
