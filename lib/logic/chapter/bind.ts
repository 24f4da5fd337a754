/**
 * `bind`: an expression with every bound variable replaced by its value, repeatedly, until no
 * bound variable remains (4.4.3: `bind(e, env)` → `((a b c) (a b c))`). Iterative, and it names
 * a circular binding (possible only with the occurs check off) instead of recursing forever.
 */
import { type Expr, isvar, Pair } from "../expr.js";
import { CircularTermError } from "../circular-term.js";
import type { Frame } from "./frame.js";
import { write } from "../printer.js";

type Task = { eval: Expr } | { pair: true } | { leave: string };

/** `e` with all its variables bound in `env` replaced by their values, fully resolved. */
export function bind(e: Expr, env: Frame): Expr {
  const values: Expr[] = [];
  const expanding = new Set<string>(); // variables whose values are being bound right now
  const tasks: Task[] = [{ eval: e }];
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    if ("eval" in task) {
      const x = task.eval;
      if (x instanceof Pair) {
        tasks.push({ pair: true }, { eval: x.second }, { eval: x.first });
      } else if (isvar(x)) {
        const value = env.lookup(x);
        if (value === undefined) {
          values.push(x);
        } else {
          if (expanding.has(x)) throw new CircularTermError(`circular binding: ${x} = ${write(value)} contains ${x}`);
          expanding.add(x);
          tasks.push({ leave: x }, { eval: value });
        }
      } else {
        values.push(x);
      }
    } else if ("pair" in task) {
      const second = values.pop()!;
      const first = values.pop()!;
      values.push(new Pair(first, second));
    } else {
      expanding.delete(task.leave);
    }
  }
  return values[0];
}
