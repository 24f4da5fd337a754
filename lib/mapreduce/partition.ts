/**
 * Hash partitioning: which of R reducers receives a key. Every worker must agree, so the hash
 * is computed from the key's JSON text with FNV-1a (not from anything process-specific).
 *
 * Portable: imports nothing.
 */

/** FNV-1a over the UTF-16 code units of a string, as an unsigned 32-bit integer. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The reducer (0 … reducers-1) for a key given as its JSON text. */
export function partitionOfText(keyText: string, reducers: number): number {
  return reducers <= 1 ? 0 : fnv1a(keyText) % reducers;
}

/** The default partition function: a hash of the key's JSON text, modulo the number of reducers. */
export function hashPartition(key: unknown, reducers: number): number {
  return partitionOfText(JSON.stringify(key) ?? "null", reducers);
}
