/**
 * The search's own representation of expressions: cons cells and variables that hold their
 * binding (`ref`), so binding is one assignment and undoing it another (the trail), instead of
 * copying frames of name → value. Facts and queries come in as templates (clause.ts); answers go
 * out as expressions (`toExpr`); the chapter-facing API never sees these.
 */
import { type Expr, type Nil, Pair } from "./expr.js";
import { CircularTermError } from "./circular-term.js";

/** A cons cell of the search. */
export class Cell {
  constructor(
    public head: Term,
    public tail: Term,
  ) {}
}

/**
 * A logic variable of the search. `serial` orders variables by creation (bindings of variables
 * newer than the last choice point need no trail entry); `name` and `use` give its printed name,
 * `?x` for a query's own variable, `?x_7` for the `?x` of the 7th use of a fact, as the chapter's
 * renaming does.
 */
export class Var {
  ref: Term | undefined = undefined;
  constructor(
    readonly serial: number,
    readonly name: string,
    readonly use: number,
  ) {}

  /** The printed name. */
  toString(): string {
    return this.use === 0 ? this.name : `${this.name}_${this.use}`;
  }
}

/** A term of the search: a symbol, a number, the empty list, a cell or a variable. */
export type Term = string | number | Nil | Cell | Var;

/** `t` with bound variables followed to their values. */
export function deref(t: Term): Term {
  while (t instanceof Var) {
    const ref = t.ref;
    if (ref === undefined) return t;
    t = ref;
  }
  return t;
}

type Task = { term: Term } | { pair: true } | { leave: Var };

/**
 * The expression a term stands for under the current bindings (the search's `bind`): unbound
 * variables become their printed names. Iterative; a circular binding raises CircularTermError.
 */
export function toExpr(t: Term): Expr {
  const values: Expr[] = [];
  const expanding = new Set<Var>();
  const tasks: Task[] = [{ term: t }];
  while (tasks.length > 0) {
    const task = tasks.pop()!;
    if ("term" in task) {
      let x = task.term;
      if (x instanceof Var) {
        // Follow the chain; each variable with a structure as value is "entered" to catch cycles.
        while (x instanceof Var && x.ref !== undefined && !(x.ref instanceof Cell)) x = x.ref;
        if (x instanceof Var && x.ref instanceof Cell) {
          if (expanding.has(x)) throw new CircularTermError(`circular binding: ${x.name} is bound to a term that contains it`);
          expanding.add(x);
          tasks.push({ leave: x }, { term: x.ref });
          continue;
        }
      }
      if (x instanceof Cell) tasks.push({ pair: true }, { term: x.tail }, { term: x.head });
      else values.push(x instanceof Var ? x.toString() : x);
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
