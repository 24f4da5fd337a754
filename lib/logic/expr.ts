/**
 * The logic language's data: Scheme lists, as in the chapter. A list is a chain of `Pair`s ending
 * in `nil`; symbols are strings (a symbol starting with `?` is a variable) and numbers are
 * numbers. Facts, queries and answers are all made of these.
 */
import { inspect } from "node:util";

/** A symbol (a string) or a number. */
export type Atom = string | number;

/** Any expression of the logic language: an atom, a pair or the empty list. */
export type Expr = Atom | Pair | Nil;

/** The empty list `()`; there is exactly one, `nil`. */
export class Nil {
  /** `()`. */
  toString(): string {
    return "()";
  }

  /** The chapter prints it as `nil`. */
  [inspect.custom](): string {
    return "nil";
  }

  *[Symbol.iterator](): Iterator<Expr> {}
}

/** The empty list. */
export const nil: Nil = new Nil();

/** A pair: `first` is an element, `second` the rest of the list (or, in a dotted list, its tail). */
export class Pair {
  constructor(
    public first: Expr,
    public second: Expr,
  ) {}

  /**
   * Scheme notation: `(a b c)`, `(a . b)` (printer.ts's `write` for a pair). Iterative, with an
   * explicit stack of the lists being written, so a list of a million elements or a term nested
   * ten thousand deep prints without overflowing the JS stack. It lives here, not in printer.ts,
   * so that the data types import nothing.
   */
  toString(): string {
    let out = "";
    const rests: Expr[] = []; // for each open list, what is left of it
    let x: Expr = this;
    for (;;) {
      if (x instanceof Pair) {
        out += "(";
        rests.push(x.second);
        x = x.first;
        continue;
      }
      out += String(x);
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
        out += rest === nil ? ")" : ` . ${String(rest)})`;
      }
    }
  }

  /** The chapter's repr, `Pair('a', Pair('b', nil))`, which is how Node and the kernel show a pair. */
  [inspect.custom](): string {
    // An explicit stack of what is left to write: pieces of text, and expressions to expand.
    let out = "";
    const stack: (Expr | { text: string })[] = [this];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x instanceof Pair) stack.push({ text: ")" }, x.second, { text: ", " }, x.first, { text: "Pair(" });
      else if (typeof x === "object" && "text" in x) out += x.text;
      else out += x === nil ? "nil" : typeof x === "string" ? `'${x}'` : String(x);
    }
    return out;
  }

  /** The elements of a proper list, in order (a dotted tail is not an element). */
  *[Symbol.iterator](): Iterator<Expr> {
    let rest: Expr = this;
    while (rest instanceof Pair) {
      yield rest.first;
      rest = rest.second;
    }
  }
}

/** Whether `e` is a logic variable: a symbol that starts with `?` (the chapter's `isvar`). */
export function isvar(e: unknown): e is string {
  return typeof e === "string" && e.length > 1 && e.charCodeAt(0) === 63; // "?"
}

/** The Scheme list of `items`, ending in `tail` (nil unless a dotted list is wanted). */
export function list(items: readonly Expr[], tail: Expr = nil): Expr {
  let result = tail;
  for (let i = items.length - 1; i >= 0; i--) result = new Pair(items[i], result);
  return result;
}

/** Whether `e` is a proper list: nil, or pairs ending in nil. */
export function isList(e: Expr): e is Pair | Nil {
  while (e instanceof Pair) e = e.second;
  return e === nil;
}

/** The elements of a list and what ends it (nil for a proper list). */
export function elements(e: Expr): { items: Expr[]; tail: Expr } {
  const items: Expr[] = [];
  while (e instanceof Pair) {
    items.push(e.first);
    e = e.second;
  }
  return { items, tail: e };
}

/** The variables of `e` in order of first appearance, depth first, left to right (the chapter's `get_vars`). */
export function variablesOf(e: Expr): string[] {
  const seen = new Set<string>();
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    let x = stack.pop()!;
    while (x instanceof Pair) {
      stack.push(x.second);
      x = x.first;
    }
    if (isvar(x)) seen.add(x);
  }
  return [...seen];
}
