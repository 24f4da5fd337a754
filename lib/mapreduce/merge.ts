/**
 * The merge of external sorting: many sorted runs become one sorted stream with a heap of their
 * heads. Ties keep run order, so values of one key arrive in the order the map tasks produced
 * them. With more runs than files we want open at once, groups are merged into bigger runs
 * first (multi-pass merge), so memory stays bounded whatever the number of spills.
 */
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { compareCodePoints } from "./key-order.js";
import { LineBatches } from "./line-reader.js";
import { keyText } from "./pair-lines.js";
import { type RunSegment, TextFileWriter } from "./run-file.js";

/** At most this many runs are merged at once. */
export const MERGE_FAN_IN = 64;

interface Cursor {
  line: string;
  key: string;
  order: number;
  lines: Iterator<string>;
}

function before(a: Cursor, b: Cursor): boolean {
  const c = compareCodePoints(a.key, b.key);
  return c < 0 || (c === 0 && a.order < b.order);
}

/** A binary min-heap of cursors. */
class CursorHeap {
  readonly items: Cursor[] = [];

  push(c: Cursor): void {
    const h = this.items;
    h.push(c);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  /** Re-sorts after the top cursor advanced (or removes it when exhausted). */
  fixTop(exhausted: boolean): void {
    const h = this.items;
    if (exhausted) {
      const last = h.pop()!;
      if (h.length === 0) return;
      h[0] = last;
    }
    let i = 0;
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
  const fds: number[] = [];
  try {
    const heap = new CursorHeap();
    segments.forEach((segment, order) => {
      const fd = openSync(segment.path, "r");
      fds.push(fd);
      const lines = new LineBatches(fd, segment.start, segment.end).lines();
      const first = lines.next();
      if (!first.done) heap.push({ line: first.value, key: keyText(first.value), order, lines });
    });
    while (heap.items.length > 0) {
      const top = heap.items[0];
      yield top.line;
      const next = top.lines.next();
      if (!next.done) {
        top.line = next.value;
        top.key = keyText(next.value);
      }
      heap.fixTop(next.done === true);
    }
  } finally {
    for (const fd of fds) closeSync(fd);
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
