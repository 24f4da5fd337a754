/** Jupyter counts cursor positions in Unicode code points; JavaScript strings count UTF-16 units. */

/** The UTF-16 offset of code point `position` in `text`. */
export function codePointToUtf16(text: string, position: number): number {
  let units = 0;
  for (let points = 0; points < position && units < text.length; points++) {
    units += (text.codePointAt(units) ?? 0) > 0xffff ? 2 : 1;
  }
  return units;
}

/** The code point position of UTF-16 offset `offset` in `text`. */
export function utf16ToCodePoint(text: string, offset: number): number {
  let points = 0;
  for (let units = 0; units < offset && units < text.length; points++) {
    units += (text.codePointAt(units) ?? 0) > 0xffff ? 2 : 1;
  }
  return points;
}
