/** Scheme notation for expressions: `(a b c)`, `()`, `(a . b)`; the inverse of the reader. */
import type { Expr } from "./expr.js";

/** The text of `e` (a pair writes itself: `Pair.toString`, iterative for any size). */
export function write(e: Expr): string {
  return String(e);
}
