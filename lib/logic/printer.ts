/** Scheme notation for expressions: `(a b c)`, `()`, `(a . b)`; the inverse of the reader. */
import { type Expr, nil, Pair } from "./expr.js";

/**
 * The text of `e`. Iterative, with an explicit stack of the lists being written, so a list of a
 * million elements or a term nested ten thousand deep prints without overflowing the JS stack.
 */
export function write(e: Expr): string {
  let out = "";
  const rests: Expr[] = []; // for each open list, what is left of it
  let x: Expr = e;
  for (;;) {
    if (x instanceof Pair) {
      out += "(";
      rests.push(x.second);
      x = x.first;
      continue;
    }
    out += atomText(x);
    // The element is written: move on in the innermost open list, closing lists as they end.
    for (;;) {
      if (rests.length === 0) return out;
      const rest = rests.pop()!;
      if (rest instanceof Pair) {
        out += " ";
        rests.push(rest.second);
        x = rest.first;
        break;
      }
      out += rest === nil ? ")" : ` . ${atomText(rest)})`;
    }
  }
}

function atomText(x: Expr): string {
  return x === nil ? "()" : String(x);
}
