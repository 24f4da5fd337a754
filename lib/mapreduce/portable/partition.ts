/**
 * Hash partitioning: which of R reducers receives a key. Every worker must agree, so the hash
 * is computed from the key's JSON text (not from anything process-specific).
 *
 * Portable: imports nothing.
 */

/**
 * FNV-1a over the UTF-16 code units of a string, then MurmurHash3's final mix, as an unsigned
 * 32-bit integer. Without the mix the low bit of FNV-1a is the parity of the characters' low bits:
 * with 2 reducers, all five vowels would go to the same one.
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The reducer (0 … reducers-1) for a key given as its JSON text: the hash scaled to the range (its high bits, the best mixed). */
export function partitionOfText(keyText: string, reducers: number): number {
  return reducers <= 1 ? 0 : Math.floor((fnv1a(keyText) / 4294967296) * reducers);
}

/** The default partition function: a hash of the key's JSON text, modulo the number of reducers. */
export function hashPartition(key: unknown, reducers: number): number {
  return partitionOfText(JSON.stringify(key) ?? "null", reducers);
}
