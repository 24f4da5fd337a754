/** A ring of bytes in shared memory: variable-length records [u32 length][bytes] that wrap around the end. */

/** Copies `data` into `ring` at `at`, wrapping; returns the offset after it. */
export function writeWrapped(ring: Uint8Array, at: number, data: Uint8Array): number {
  const first = Math.min(data.length, ring.length - at);
  ring.set(data.subarray(0, first), at);
  if (first < data.length) ring.set(data.subarray(first), 0);
  return (at + data.length) % ring.length;
}

/** Copies `length` bytes out of `ring` from `at`, wrapping. */
export function readWrapped(ring: Uint8Array, at: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const first = Math.min(length, ring.length - at);
  out.set(ring.subarray(at, at + first));
  if (first < length) out.set(ring.subarray(0, length - first), first);
  return out;
}

/** A u32 as 4 little-endian bytes. */
export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, true);
  return out;
}

/** The u32 in 4 little-endian bytes. */
export function fromU32(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
}
