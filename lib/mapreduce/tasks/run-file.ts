/**
 * Sorted runs on disk. A map task writes its intermediate pairs as one file per spill: for each
 * reducer a segment of `key TAB value` lines sorted by key, and an index of where each segment
 * starts and ends (Hadoop's spill file and index). Reduce task r reads segment r of every run.
 */
import { closeSync, openSync, writeSync } from "node:fs";

/** Where one reducer's lines are in a run file. */
export interface Segment {
  start: number;
  end: number;
  records: number;
}

/** A run file and its segments, one per reducer. */
export interface RunFile {
  path: string;
  segments: Segment[];
}

/** A segment of some run, as a reduce task reads it. */
export interface RunSegment {
  path: string;
  start: number;
  end: number;
  records: number;
}

const FLUSH_AT = 1 << 20;

/** Buffered appending of text to a file, counting bytes written. */
export class TextFileWriter {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;
  bytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  /** Appends text (flushed in ~1 MiB writes). */
  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  /** Writes what is pending; returns the file size so far. */
  flush(): number {
    if (this.pending.length > 0) {
      this.bytes += writeSync(this.fd, this.pending.join(""));
      this.pending = [];
      this.pendingLength = 0;
    }
    return this.bytes;
  }

  /** Flushes and closes; returns the file size. */
  close(): number {
    const size = this.flush();
    closeSync(this.fd);
    return size;
  }
}

/** One key with its (serialized) values, ready to write. */
export interface SortedKey {
  keyText: string;
  valueTexts: string[];
}

/** Writes partitions (each sorted by key) as one run file. */
export function writeRun(path: string, partitions: SortedKey[][]): RunFile {
  const out = new TextFileWriter(path);
  const segments: Segment[] = [];
  for (const keys of partitions) {
    const start = out.flush();
    let records = 0;
    for (const { keyText, valueTexts } of keys) {
      const prefix = `${keyText}\t`;
      for (const v of valueTexts) out.write(`${prefix}${v}\n`);
      records += valueTexts.length;
    }
    segments.push({ start, end: out.flush(), records });
  }
  out.close();
  return { path, segments };
}

/** The segments of reducer `r` across runs (empty ones left out). */
export function segmentsFor(runs: RunFile[], r: number): RunSegment[] {
  return runs.map((run) => ({ path: run.path, ...run.segments[r] })).filter((s) => s.end > s.start);
}
