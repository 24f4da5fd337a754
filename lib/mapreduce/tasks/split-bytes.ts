/**
 * The bytes of a split cut on line boundaries. A local map task finds its own first and last
 * line (it reads just past its range); a task on another host gets only the bytes it owns, so
 * the driver cuts them with the same rule: a split [start, end) owns the lines that begin in it.
 */
import { closeSync, openSync, readSync } from "node:fs";

const NEWLINE = 10;

/** The offset just past the first newline at or after `from` (the file size when there is none). */
function pastNewline(fd: number, from: number, size: number): number {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (let position = from; position < size; ) {
    const n = readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
    if (n === 0) break;
    const i = buffer.subarray(0, n).indexOf(NEWLINE);
    if (i >= 0) return position + i + 1;
    position += n;
  }
  return size;
}

/** The line-aligned byte range [start, end) of the lines that begin in [start, end) of a file of `size` bytes. */
export function lineAlignedRange(fd: number, start: number, end: number, size: number): { start: number; end: number } {
  const from = start <= 0 ? 0 : pastNewline(fd, start - 1, size);
  const to = end >= size ? size : pastNewline(fd, end - 1, size);
  return { start: from, end: Math.max(from, to) };
}

/** Reads the lines a split owns, as bytes, with the offset of the first. */
export function readSplitBytes(path: string, start: number, end: number, size: number): { start: number; bytes: Buffer } {
  const fd = openSync(path, "r");
  try {
    const range = lineAlignedRange(fd, start, end, size);
    const bytes = Buffer.allocUnsafe(range.end - range.start);
    for (let done = 0; done < bytes.length; ) {
      const n = readSync(fd, bytes, done, bytes.length - done, range.start + done);
      if (n === 0) throw new Error(`${path} shrank while the job read it`);
      done += n;
    }
    return { start: range.start, bytes };
  } finally {
    closeSync(fd);
  }
}
