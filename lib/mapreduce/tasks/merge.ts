/**
 * The merge of external sorting: many sorted runs become one sorted stream with a heap of their
 * heads. Ties keep run order, so values of one key arrive in the order the map tasks produced
 * them. With more runs than files we want open at once, groups are merged into bigger runs
 * first (multi-pass merge), so memory stays bounded whatever the number of spills.
 */
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { compareCodePoints } from "./key-order.js";
import { LineBatches } from "../portable/line-reader.js";
import { keyText } from "../portable/pair-lines.js";
import { type RunSegment, TextFileWriter } from "./run-file.js";

/** At most this many runs are merged at once. */
export const MERGE_FAN_IN = 64;

/** One run being read: its current line and key. */
class RunCursor {
  line = "";
  key = "";
  private lines: string[] = [];
  private i = 0;

  constructor(
    private readonly reader: LineBatches,
    readonly order: number,
  ) {}

  /** Moves to the next line; false at the end of the run. */
  advance(): boolean {
    while (++this.i >= this.lines.length) {
      const batch = this.reader.next();
      if (batch === undefined) return false;
      this.lines = batch.lines;
      this.i = -1;
    }
    this.line = this.lines[this.i];
    this.key = keyText(this.line);
    return true;
  }
}

function before(a: RunCursor, b: RunCursor): boolean {
  const c = compareCodePoints(a.key, b.key);
  return c < 0 || (c === 0 && a.order < b.order);
}

/**
 * The lines of some sorted segments merged in key order, read through `line`/`key` and
 * `advance()` (a cursor rather than a generator: the reduce loop calls it for every value).
 */
export class MergedRuns {
  private readonly heap: RunCursor[] = [];
  private readonly fds: number[] = [];

  constructor(segments: RunSegment[]) {
    try {
      segments.forEach((segment, order) => {
        const fd = openSync(segment.path, "r");
        this.fds.push(fd);
        const cursor = new RunCursor(new LineBatches(fd, segment.start, segment.end), order);
        if (cursor.advance()) this.push(cursor);
      });
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Whether every run is exhausted. */
  get done(): boolean {
    return this.heap.length === 0;
  }

  /** The smallest current line (undefined when done). */
  get line(): string {
    return this.heap[0].line;
  }

  /** The key of `line`. */
  get key(): string {
    return this.heap[0].key;
  }

  /** Moves past `line`. */
  advance(): void {
    const top = this.heap[0];
    if (top.advance()) this.siftDown(0);
    else {
      const last = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.siftDown(0);
      }
    }
  }

  /** Closes the files (also when the merge is abandoned). */
  close(): void {
    for (const fd of this.fds.splice(0)) closeSync(fd);
  }

  private push(c: RunCursor): void {
    const h = this.heap;
    h.push(c);
    for (let i = h.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < h.length && before(h[l], h[best])) best = l;
      if (r < h.length && before(h[r], h[best])) best = r;
      if (best === i) return;
      [h[i], h[best]] = [h[best], h[i]];
      i = best;
    }
  }
}

/** The lines of some segments merged in key order; files are closed when the merge ends or is abandoned. */
export function* mergeSegments(segments: RunSegment[]): Generator<string> {
  const merged = new MergedRuns(segments);
  try {
    for (; !merged.done; merged.advance()) yield merged.line;
  } finally {
    merged.close();
  }
}

/**
 * Reduces the segments to at most `MERGE_FAN_IN` by merging groups of them into new runs in
 * `dir` (named after `prefix`); returns the segments to merge last.
 */
export function mergePasses(segments: RunSegment[], dir: string, prefix: string): RunSegment[] {
  let current = segments;
  for (let pass = 1; current.length > MERGE_FAN_IN; pass++) {
    const next: RunSegment[] = [];
    for (let g = 0; g < current.length; g += MERGE_FAN_IN) {
      const group = current.slice(g, g + MERGE_FAN_IN);
      const out = new TextFileWriter(join(dir, `${prefix}-pass${pass}-${next.length}.run`));
      let records = 0;
      for (const line of mergeSegments(group)) {
        out.write(`${line}\n`);
        records++;
      }
      next.push({ path: out.path, start: 0, end: out.close(), records });
    }
    current = next;
  }
  return current;
}
