/**
 * The order of keys: their serialized (JSON) text compared by Unicode code point, which is the
 * byte order of its UTF-8 encoding, so it agrees with `LC_ALL=C sort` in the pipeline runner.
 *
 * Portable: imports nothing.
 */

/** A UTF-16 code unit moved so that comparing units compares code points (surrogates sort above U+FFFF's BMP neighbours). */
function rank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Compares two strings by code point (UTF-8 byte order): negative, zero or positive. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x < 0xd800 && y < 0xd800 ? x - y : rank(x) - rank(y);
  }
  return a.length - b.length;
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Sorts items by their `keyText` in code point order, in place. Without surrogates (characters
 * beyond U+FFFF) UTF-16 order is code point order, so the engine's own string comparison does it;
 * the hand-written comparison runs only when some key needs it.
 */
export function sortByKeyText<T extends { keyText: string }>(items: T[]): T[] {
  if (items.some((item) => SURROGATE.test(item.keyText))) return items.sort((a, b) => compareCodePoints(a.keyText, b.keyText));
  return items.sort((a, b) => (a.keyText < b.keyText ? -1 : a.keyText === b.keyText ? 0 : 1));
}
