/**
 * Reading lines of a byte range of a file, synchronously and in large chunks. Map tasks read
 * their split with it, reduce tasks their sorted runs, the pipeline programs their standard
 * input. Synchronous reads keep the hot loop free of promises: a worker process has nothing
 * else to do meanwhile.
 *
 * A split [start, end) owns the lines that begin inside it (Hadoop's rule): it skips the
 * partial line it starts in and finishes the line that crosses its end.
 *
 * Portable: imports only node:fs.
 */
import { readSync } from "node:fs";

/** A batch of whole lines (newlines removed) and the file offset of the first one. */
export interface LineBatch {
  offset: number;
  lines: string[];
}

const NEWLINE = 10;

/** Reads up to `length` bytes at `position`, retrying when a non-blocking pipe has nothing yet. */
function readFully(fd: number, buffer: Buffer, offset: number, length: number, position: number | null): number {
  for (;;) {
    try {
      return readSync(fd, buffer, offset, length, position);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5); // stdin not ready: wait 5 ms
    }
  }
}

/** Batches of lines from `fd`, from byte `start` (a split start) to the line crossing `end`. */
export class LineBatches {
  private buffer: Buffer;
  private used = 0; // bytes of a partial line carried at the front of the buffer
  private base: number; // file offset of buffer[0]
  private readAt: number | null; // where the next read starts (null: a stream, read in order)
  private finished = false;
  private skipFirst: boolean;

  /** With `seekable` false (stdin), the fd is read in order and start/end are ignored. */
  constructor(
    private readonly fd: number,
    start = 0,
    private readonly end = Number.POSITIVE_INFINITY,
    chunkSize = 1 << 20,
    seekable = true,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkSize);
    // A split not at the start of the file begins inside a line that the previous split owns
    // unless the byte before it is a newline: read from start-1 and drop through the first newline.
    this.skipFirst = seekable && start > 0;
    this.base = seekable && start > 0 ? start - 1 : start;
    this.readAt = seekable ? this.base : null;
  }

  /** The next batch of whole lines, or undefined when the range is done. */
  next(): LineBatch | undefined {
    while (!this.finished) {
      if (this.used === this.buffer.length) this.grow();
      const n = readFully(this.fd, this.buffer, this.used, this.buffer.length - this.used, this.readAt);
      if (this.readAt !== null) this.readAt += n;
      const size = this.used + n;
      if (n === 0) {
        this.finished = true;
        if (this.skipFirst || size === 0) return undefined;
        return this.batch(0, size, size); // last line without a newline
      }
      let from = 0;
      if (this.skipFirst) {
        const nl = this.buffer.indexOf(NEWLINE, 0);
        if (nl < 0 || nl >= size) {
          this.discard(size);
          continue;
        }
        this.skipFirst = false;
        from = nl + 1;
      }
      // The next line starts at or after the end: it belongs to the next split.
      if (this.base + from >= this.end) {
        this.finished = true;
        return undefined;
      }
      // The newline that ends the last line starting before `end` is the first at or after end-1.
      const stopSearch = Math.max(from, this.end - 1 - this.base);
      const stop = stopSearch < size ? this.buffer.indexOf(NEWLINE, stopSearch) : -1;
      if (stop >= 0 && stop < size) {
        this.finished = true;
        return this.batch(from, stop, size);
      }
      const last = this.buffer.lastIndexOf(NEWLINE, size - 1);
      if (last < from) {
        this.keep(from, size);
        continue;
      }
      return this.batch(from, last, size);
    }
    return undefined;
  }

  /** The file offset where the next unread line starts. */
  get position(): number {
    return this.base;
  }

  /** Every remaining line, one at a time. */
  *lines(): Generator<string> {
    for (let batch = this.next(); batch !== undefined; batch = this.next()) yield* batch.lines;
  }

  // Decodes buffer[from, to) as lines, keeps buffer[to+1, size) as the start of the next batch.
  private batch(from: number, to: number, size: number): LineBatch {
    const text = this.buffer.toString("utf8", from, to);
    const lines = text.split("\n");
    if (text.includes("\r")) for (let i = 0; i < lines.length; i++) if (lines[i].endsWith("\r")) lines[i] = lines[i].slice(0, -1);
    const offset = this.base + from;
    this.keep(Math.min(to + 1, size), size);
    return { offset, lines };
  }

  private keep(from: number, size: number): void {
    this.buffer.copy(this.buffer, 0, from, size);
    this.base += from;
    this.used = size - from;
  }

  private discard(size: number): void {
    this.base += size;
    this.used = 0;
  }

  private grow(): void {
    const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
    this.buffer.copy(bigger, 0, 0, this.used);
    this.buffer = bigger;
  }
}

/** The 1-based number of the line that starts at byte `offset` of the file open as `fd`. */
export function lineNumberAt(fd: number, offset: number): number {
  const buffer = Buffer.allocUnsafe(1 << 20);
  let line = 1;
  for (let position = 0; position < offset; ) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, offset - position), position);
    if (n === 0) break;
    for (let i = buffer.indexOf(NEWLINE, 0); i >= 0 && i < n; i = buffer.indexOf(NEWLINE, i + 1)) line++;
    position += n;
  }
  return line;
}

/** The number of lines of a file (a last line without a newline counts). */
export function countLines(fd: number): number {
  const buffer = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  let last = NEWLINE;
  for (let position = 0; ; ) {
    const n = readSync(fd, buffer, 0, buffer.length, position);
    if (n === 0) break;
    for (let i = buffer.indexOf(NEWLINE, 0); i >= 0 && i < n; i = buffer.indexOf(NEWLINE, i + 1)) lines++;
    last = buffer[n - 1];
    position += n;
  }
  return last === NEWLINE ? lines : lines + 1;
}
