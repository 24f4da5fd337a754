/**
 * Unification, exactly as the chapter's algorithm (4.4.3): look both sides up; equal → success;
 * a variable on either side → bind it; two atoms that differ → failure; two pairs → unify their
 * firsts, then their seconds. The recursion is an explicit stack here, so lists of any length
 * unify, and an occurs check (on unless turned off) refuses to bind a variable to a term that
 * contains it, so no binding is ever circular. (Turned off, circular terms can arise; `bind`
 * then names them, and unification of them still ends.)
 */
import { CYCLE_WATCH_STEPS, metBefore } from "../cycle-watch.js";
import { type Expr, isvar, Pair } from "../expr.js";
import { type Frame, lookup } from "./frame.js";

/**
 * Extends `env` so that `e` and `f` become equal; true if that succeeds. `env` may be extended
 * even when it fails, but its existing bindings never change.
 */
export function unify(e: Expr, f: Expr, env: Frame, occursCheck = true): boolean {
  const pending: Expr[] = []; // the seconds still to unify, in pairs
  let steps = 0;
  let visited: Map<Pair, Set<Pair>> | undefined;
  for (;;) {
    e = lookup(e, env);
    f = lookup(f, env);
    if (e === f) {
      // equal: nothing to do
    } else if (isvar(e)) {
      if (occursCheck && occursIn(e, f, env)) return false;
      env.define(e, f);
    } else if (isvar(f)) {
      if (occursCheck && occursIn(f, e, env)) return false;
      env.define(f, e);
    } else if (!(e instanceof Pair) || !(f instanceof Pair)) {
      return false;
    } else if (!occursCheck && ++steps > CYCLE_WATCH_STEPS && metBefore((visited ??= new Map()), e, f)) {
      // already being unified further up: nothing new to check
    } else {
      pending.push(e.second, f.second);
      e = e.first;
      f = f.first;
      continue;
    }
    if (pending.length === 0) return true;
    f = pending.pop()!;
    e = pending.pop()!;
  }
}

/** Whether variable `v` occurs in `e` once `e`'s variables are looked up in `env`. */
export function occursIn(v: string, e: Expr, env: Frame): boolean {
  const expanded = new Set<string>(); // each bound variable needs looking into once
  const stack: Expr[] = [e];
  while (stack.length > 0) {
    let x = stack.pop()!;
    for (;;) {
      if (isvar(x)) {
        if (x === v) return true;
        if (expanded.has(x)) break;
        expanded.add(x);
        const value = env.lookup(x);
        if (value === undefined) break;
        x = value;
      } else if (x instanceof Pair) {
        stack.push(x.second);
        x = x.first;
      } else {
        break;
      }
    }
  }
  return false;
}
