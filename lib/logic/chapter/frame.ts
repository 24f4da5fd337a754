/**
 * Environments, as in the chapter (and the Scheme project before it): a `Frame` binds variables
 * to values in `bindings` and may extend a parent frame; `lookup` resolves a variable through
 * the chain of bindings until it reaches a value or an unbound variable.
 */
import { CircularTermError } from "../circular-term.js";
import { type Expr, isvar } from "../expr.js";

/** Variables bound to values, extending an optional parent frame: `new Frame(null)`. */
export class Frame {
  /** This frame's own bindings: variable name (with its `?`) → value. */
  readonly bindings: Record<string, Expr> = {};

  constructor(readonly parent: Frame | null = null) {}

  /** The value bound to `symbol` here or in a parent frame; undefined when unbound. */
  lookup(symbol: string): Expr | undefined {
    for (let frame: Frame | null = this; frame !== null; frame = frame.parent) {
      if (Object.hasOwn(frame.bindings, symbol)) return frame.bindings[symbol];
    }
    return undefined;
  }

  /** Binds `symbol` to `value` in this frame. */
  define(symbol: string, value: Expr): void {
    this.bindings[symbol] = value;
  }
}

/** `e` looked up repeatedly until it is not a bound variable (the chapter's `lookup(sym, env)`). */
export function lookup(e: Expr, env: Frame): Expr {
  let steps = 0;
  let seen: Set<string> | undefined;
  while (isvar(e)) {
    const value = env.lookup(e);
    if (value === undefined) return e;
    // Chains are short; only a long one can be a loop (?a → ?b → ?a), so only then keep a set.
    if (++steps > 64) {
      seen ??= new Set();
      if (seen.has(e)) throw new CircularTermError(`circular binding: ${e} is bound, through other variables, to itself`);
      seen.add(e);
    }
    e = value;
  }
  return e;
}
