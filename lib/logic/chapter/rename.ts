/**
 * The chapter's `rename_variables`: each use of a fact gets variables of its own, `?x` becoming
 * `?x_7` for the 7th use, so that two uses of one rule (a recursion) do not share bindings.
 */
import { type Expr, isvar, Pair } from "../expr.js";

/** `e` with every variable `?v` renamed `?v_id`. */
export function renameVariables(e: Expr, id: number): Expr {
  if (isvar(e)) return `${e}_${id}`;
  if (e instanceof Pair) return new Pair(renameVariables(e.first, id), renameVariables(e.second, id));
  return e;
}
