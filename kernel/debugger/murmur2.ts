/**
 * MurmurHash2 (32 bit) of a string's UTF-8 bytes, exactly as JupyterLab's debugger computes it
 * (@jupyterlab/debugger's hash.ts, after Gary Court's murmurhash-js): the front end names a
 * cell's source `tmpFilePrefix + murmur2(code, hashSeed) + tmpFileSuffix` before it ever runs,
 * so the kernel must arrive at the same name for the same text.
 */

const M = 0x5bd1e995;
const encoder = new TextEncoder();

// 32-bit multiplication by M without losing the high bits to doubles.
function times(x: number): number {
  return (x & 0xffff) * M + ((((x >>> 16) * M) & 0xffff) << 16);
}

/** The Murmur2 hash of `text` with `seed`, as an unsigned 32-bit integer. */
export function murmur2(text: string, seed: number): number {
  const data = encoder.encode(text);
  let length = data.length;
  let h = seed ^ length;
  let i = 0;
  while (length >= 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = times(k);
    k ^= k >>> 24;
    k = times(k);
    h = times(h) ^ k;
    i += 4;
    length -= 4;
  }
  if (length === 3) h ^= data[i + 2] << 16;
  if (length >= 2) h ^= data[i + 1] << 8;
  if (length >= 1) {
    h ^= data[i];
    h = times(h);
  }
  h ^= h >>> 13;
  h = times(h);
  h ^= h >>> 15;
  return h >>> 0;
}
