/**
 * A set of strings in shared memory, with no synchronization of its own — like Python's set in
 * the chapter's crawler, which needs `seen_lock` around "check, then add". An open-addressing
 * hash table of offsets into an arena of UTF-8 strings. Claiming a table slot is a plain write,
 * so two threads adding at once can lose one insertion; arena space is taken with Atomics.add,
 * so a race loses an update but never scrambles the bytes of a string.
 */
import { refuseProcess, registerShippable } from "./shippable.js";
import { type PrimitiveOptions, type ShippedTracing, Tracing, defaultName } from "./traced.js";

const COUNT = 0;
const ARENA_TOP = 1;
const HEADER_INTS = 2;

interface ShippedSet {
  buffer: SharedArrayBuffer;
  slots: number;
  tracing: ShippedTracing;
}

/** Options of a SharedStringSet. */
export interface SharedStringSetOptions extends PrimitiveOptions {
  /** Table size (at most about half of it should be used). */
  slots?: number;
  /** Bytes for the strings. */
  arenaBytes?: number;
}

/** An unsynchronized set of strings shared by threads. */
export class SharedStringSet {
  private readonly header: Int32Array;
  private readonly table: Int32Array;
  private readonly arena: Uint8Array;
  private readonly tracing: Tracing;

  /** A new empty set. (`shipped` is internal.) */
  constructor(options: SharedStringSetOptions = {}, shipped?: ShippedSet) {
    const slots = shipped?.slots ?? options.slots ?? 4096;
    const buffer = shipped?.buffer ?? new SharedArrayBuffer((HEADER_INTS + slots) * 4 + (options.arenaBytes ?? 1 << 18));
    this.header = new Int32Array(buffer, 0, HEADER_INTS);
    this.table = new Int32Array(buffer, HEADER_INTS * 4, slots);
    this.arena = new Uint8Array(buffer, (HEADER_INTS + slots) * 4);
    this.tracing = shipped ? Tracing.revive(shipped.tracing) : new Tracing(options.name ?? defaultName("set"), options.trace);
  }

  /** Whether `item` is in the set. */
  has(item: string): boolean {
    const found = this.table[this.probe(item)] !== 0;
    this.tracing.record("check", `${item} ${found ? "seen" : "new"}`);
    return found;
  }

  /** Adds `item` (no-op if present). Not atomic with `has`: guard "check, then add" with a Lock. */
  add(item: string): void {
    const slot = this.probe(item);
    if (this.table[slot] !== 0) return;
    const bytes = Buffer.from(item, "utf8");
    const at = Atomics.add(this.header, ARENA_TOP, 4 + bytes.length);
    if (at + 4 + bytes.length > this.arena.length) throw new RangeError("SharedStringSet: out of string space");
    new DataView(this.arena.buffer, this.arena.byteOffset).setUint32(at, bytes.length, true);
    this.arena.set(bytes, at + 4);
    this.table[slot] = at + 1; // a plain write: two threads may both claim this slot, and one insertion is lost
    this.header[COUNT] += 1;
    this.tracing.record("add", item);
  }

  /** The number of strings added (approximate under races, like the set itself). */
  get size(): number {
    return this.header[COUNT];
  }

  /** The shipped form. */
  toShipped(): ShippedSet {
    return { buffer: this.header.buffer as SharedArrayBuffer, slots: this.table.length, tracing: this.tracing.toShipped() };
  }

  // The slot holding `item`, or the empty slot where it would go.
  private probe(item: string): number {
    const n = this.table.length;
    for (let slot = hash(item) % n, tries = 0; tries < n; slot = (slot + 1) % n, tries++) {
      const ref = this.table[slot];
      if (ref === 0 || this.stringAt(ref - 1) === item) return slot;
    }
    throw new RangeError("SharedStringSet: table full");
  }

  private stringAt(at: number): string {
    const length = new DataView(this.arena.buffer, this.arena.byteOffset).getUint32(at, true);
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + at + 4, length).toString("utf8");
  }
}

/** FNV-1a over UTF-16 code units. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

registerShippable<SharedStringSet, ShippedSet>(
  "SharedStringSet",
  SharedStringSet,
  (set, to) => (to === "process" ? refuseProcess("SharedStringSet") : set.toShipped()),
  (shipped) => new SharedStringSet({}, shipped),
);
