/** Messages on a byte stream: [u32 payload length][u32 sender's logical clock][payload: v8.serialize]. */
import { deserialize, serialize } from "node:v8";

/** A received message and the logical time it was sent at. */
export interface Frame {
  value: unknown;
  clock: number;
}

const HEADER = 8;

/** The bytes of one message. */
export function encodeFrame(value: unknown, clock: number): Buffer {
  const payload = serialize(value);
  const frame = Buffer.allocUnsafe(HEADER + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(clock >>> 0, 4);
  payload.copy(frame, HEADER);
  return frame;
}

/** Reads exactly `n` bytes with `readInto` (which returns how many it read). */
export function readExactly(n: number, readInto: (target: Buffer, offset: number) => number): Buffer {
  const out = Buffer.allocUnsafe(n);
  for (let got = 0; got < n; ) got += readInto(out, got);
  return out;
}

/** Reads one whole message with a blocking `readInto`. */
export function readFrame(readInto: (target: Buffer, offset: number) => number): Frame {
  const header = readExactly(HEADER, readInto);
  const payload = readExactly(header.readUInt32LE(0), readInto);
  return { value: deserialize(payload), clock: header.readUInt32LE(4) };
}

/** Splits a stream of chunks into messages. */
export class FrameSplitter {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds a chunk; returns the messages it completed. */
  push(chunk: Buffer): Frame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Frame[] = [];
    while (this.pending.length >= HEADER) {
      const length = this.pending.readUInt32LE(0);
      if (this.pending.length < HEADER + length) break;
      frames.push({ value: deserialize(this.pending.subarray(HEADER, HEADER + length)), clock: this.pending.readUInt32LE(4) });
      this.pending = this.pending.subarray(HEADER + length);
    }
    return frames;
  }
}
