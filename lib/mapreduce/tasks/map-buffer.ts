/**
 * The map side's memory: emitted pairs are grouped by key as they arrive; a combiner folds a
 * key's values as they come (a fold reducer) or every few dozen emits (any other combiner); and
 * when the estimated size passes the memory budget the buffer is partitioned, sorted and spilled
 * to disk as a run. Word count with a combiner keeps one small entry per distinct word; without
 * one, values pile up until a spill.
 *
 * `emit` is built once per buffer as a closure specialised to the combiner's kind, because it
 * runs for every pair a map function emits (tens of millions per task).
 */
import { sortByKeyText } from "./key-order.js";
import { serialize } from "../portable/pair-lines.js";
import type { SortedKey } from "./run-file.js";

/** Combines some values of one key into (usually fewer) values; the returned array may be reused by the next call. */
export type CombineValues = (key: unknown, values: unknown[]) => unknown[];

/** How values of a key are combined map-side: by a binary fold, in batches, or not at all. */
export type MapSideCombiner =
  | { kind: "fold"; fold: (a: unknown, b: unknown) => unknown }
  | { kind: "batch"; combine: CombineValues }
  | undefined;

/** Chooses the reducer of a key, given the key and its JSON text. */
export type ChoosePartition = (key: unknown, keyText: string) => number;

const COMBINE_EVERY = 32; // values per key between runs of a batch combiner
const ENTRY_BYTES = 96; // map entry, array and key overhead (estimate)

interface Entry {
  key: unknown;
  /** Batch combiner: COMBINE_EVERY slots, `count` used. No combiner: every value. Fold: [running value]. */
  values: unknown[];
  count: number;
  /** Estimated bytes of the values held. */
  bytes: number;
}

function valueBytes(value: unknown): number {
  if (typeof value === "number" || typeof value === "boolean" || value === null) return 16;
  if (typeof value === "string") return 32 + 2 * value.length;
  return 64 + 2 * (JSON.stringify(value)?.length ?? 0);
}

/** Emitted pairs grouped by key, with estimated memory. */
export class MapOutputBuffer {
  /** Pairs emitted by map (before the combiner). */
  get emitted(): number {
    return this.countEmitted();
  }
  private emittedByOthers = 0;
  private countEmitted = () => this.emittedByOthers;
  /** Values that went into, and came out of, the combiner. */
  combineInput = 0;
  combineOutput = 0;
  /** Adds one emitted pair (the `emit` map functions receive). */
  readonly emit: (key: unknown, value: unknown) => void;
  private bytes = 0;
  // Primitive keys index by themselves (a Map tells 1 from "1"); arrays and objects by their JSON.
  private readonly primitive = new Map<unknown, Entry>();
  private readonly structured = new Map<string, Entry>();
  // With a fold combiner: the running value of each primitive key, and sizes of those that grow.
  private readonly folded = new Map<unknown, unknown>();
  private readonly foldedSizes = new Map<unknown, number>();

  constructor(
    private readonly reducers: number,
    private readonly partition: ChoosePartition,
    private readonly combiner: MapSideCombiner,
    private readonly budget: number,
  ) {
    this.emit =
      combiner?.kind === "fold"
        ? this.foldingEmit(combiner.fold)
        : combiner?.kind === "batch"
          ? this.batchingEmit(combiner.combine)
          : this.collectingEmit();
  }

  /** Whether the buffer holds more than its budget. */
  get overBudget(): boolean {
    return this.bytes > this.budget;
  }

  /** Whether nothing is buffered. */
  get empty(): boolean {
    return this.primitive.size === 0 && this.structured.size === 0 && this.folded.size === 0;
  }

  /** Empties the buffer into partitions of keys sorted by their JSON text (combining each key once more). */
  drain(): SortedKey[][] {
    const partitions: SortedKey[][] = Array.from({ length: this.reducers }, () => []);
    const place = (key: unknown, keyText: string, valueTexts: string[]) => {
      const p = this.partition(key, keyText);
      if (!Number.isInteger(p) || p < 0 || p >= this.reducers) {
        throw new RangeError(`partition(${keyText}, ${this.reducers}) returned ${p}; it must be an integer from 0 to ${this.reducers - 1}`);
      }
      partitions[p].push({ keyText, valueTexts });
    };
    for (const entries of [this.primitive.values(), this.structured.values()]) {
      for (const entry of entries) {
        let values = entry.values.length === entry.count ? entry.values : entry.values.slice(0, entry.count);
        if (this.combiner?.kind === "batch" && values.length > 1) {
          this.combineInput += values.length;
          values = [...this.combiner.combine(entry.key, values)];
          this.combineOutput += values.length;
        } else if (this.combiner?.kind === "fold") {
          this.combineInput = this.emitted;
          this.combineOutput++;
        }
        place(
          entry.key,
          serialize(entry.key, "key"),
          values.map((v) => serialize(v, "value")),
        );
      }
    }
    // Folded keys hold one value each: the common case (word count) goes straight from the Map.
    if (this.folded.size > 0) {
      this.combineInput = this.emitted;
      this.combineOutput += this.folded.size;
      for (const [key, value] of this.folded) place(key, serialize(key, "key"), [serialize(value, "value")]);
    }
    this.primitive.clear();
    this.structured.clear();
    this.folded.clear();
    this.foldedSizes.clear();
    this.bytes = 0;
    for (const keys of partitions) sortByKeyText(keys);
    return partitions;
  }

  private entry(key: unknown): Entry {
    const found =
      typeof key === "string"
        ? this.primitive.get(key)
        : key !== null && typeof key === "object"
          ? this.structured.get(serialize(key, "key"))
          : this.primitive.get(key);
    return found ?? this.newEntry(key);
  }

  private newEntry(key: unknown): Entry {
    const text = serialize(key, "key"); // throws for undefined, functions, symbols, bigints
    const entry: Entry = { key, values: this.combiner?.kind === "batch" ? new Array<unknown>(COMBINE_EVERY) : [], count: 0, bytes: 0 };
    if (key !== null && typeof key === "object") this.structured.set(text, entry);
    else this.primitive.set(key, entry);
    this.bytes += ENTRY_BYTES + 2 * text.length;
    return entry;
  }

  private collectingEmit(): (key: unknown, value: unknown) => void {
    return (key, value) => {
      this.emittedByOthers++;
      const entry = this.entry(key);
      if (value === undefined) serialize(value, "value"); // throws a clear error
      const size = valueBytes(value);
      this.bytes += size;
      entry.values.push(value);
      entry.count++;
    };
  }

  private foldingEmit(fold: (a: unknown, b: unknown) => unknown): (key: unknown, value: unknown) => void {
    // One running value per key, kept in the Map itself (as a hand-written counting loop would):
    // the per-pair path is a lookup, a call and a store.
    const running = this.folded;
    let emitted = 0;
    this.countEmitted = () => emitted;
    return (key, value) => {
      emitted++;
      if (typeof key === "string") {
        const current = running.get(key);
        if (current !== undefined) {
          const folded = fold(current, value);
          running.set(key, folded);
          if (typeof folded !== "number") this.track(key, folded);
          return;
        }
      }
      this.foldSlow(fold, key, value);
    };
  }

  // The first value of a key, and keys that are not strings.
  private foldSlow(fold: (a: unknown, b: unknown) => unknown, key: unknown, value: unknown): void {
    if (value === undefined) serialize(value, "value"); // throws a clear error
    if (key !== null && typeof key === "object") {
      const text = serialize(key, "key");
      const entry = this.structured.get(text);
      if (entry === undefined) return void this.newEntry(key).values.push(value);
      entry.values[0] = fold(entry.values[0], value);
      return;
    }
    const current = this.folded.get(key);
    if (current === undefined) {
      serialize(key, "key"); // throws for undefined, functions, symbols, bigints
      this.bytes += ENTRY_BYTES + (typeof key === "string" ? 2 * key.length : 16) + valueBytes(value);
      this.folded.set(key, value);
      return;
    }
    const folded = fold(current, value);
    this.folded.set(key, folded);
    if (typeof folded !== "number") this.track(key, folded);
  }

  // Sizes of folded values that can grow (strings, arrays), so the budget sees them.
  private track(key: unknown, folded: unknown): void {
    const size = valueBytes(folded);
    this.bytes += size - (this.foldedSizes.get(key) ?? 16);
    this.foldedSizes.set(key, size);
  }

  private batchingEmit(combine: CombineValues): (key: unknown, value: unknown) => void {
    return (key, value) => {
      this.emittedByOthers++;
      const entry = this.entry(key);
      if (value === undefined) serialize(value, "value");
      const size = valueBytes(value);
      entry.bytes += size;
      this.bytes += size;
      // Fixed slots, combined when full: no array growth or garbage per emit.
      entry.values[entry.count++] = value;
      if (entry.count !== COMBINE_EVERY) return;
      this.combineInput += entry.count;
      const out = combine(entry.key, entry.values);
      this.combineOutput += out.length;
      this.bytes -= entry.bytes;
      entry.bytes = 0;
      if (out.length >= COMBINE_EVERY)
        entry.values = [...out]; // a combiner that does not shrink: stop batching this key
      else for (let i = 0; i < out.length; i++) entry.values[i] = out[i];
      entry.count = out.length;
      for (let i = 0; i < out.length; i++) entry.bytes += valueBytes(out[i]);
      this.bytes += entry.bytes;
    };
  }
}
