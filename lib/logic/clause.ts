/**
 * A stated fact, compiled once for the search. The chapter renames a fact's variables each time
 * it is used (`rename_variables(fact, get_unique_id())`); here the fact becomes a template whose
 * variables are numbered slots, and each use fills a fresh array of slots instead of copying the
 * fact. Subterms without variables are built once and shared.
 */
import { type Expr, isvar, Pair } from "./expr.js";
import { Cell, type Term, type Var } from "./terms.js";

/** Slot `index` of a template: the fact's `name` variable. */
export class TVar {
  constructor(
    readonly index: number,
    readonly name: string,
  ) {}
}

/**
 * A template cell. `ground` is the same cell as a term when it has no variables inside, so it
 * can be shared rather than copied; `relation` caches the index lookup of a goal starting here.
 */
export class TCell {
  /** The database version `relation` was looked up in (see Database.version). */
  cachedVersion = -1;
  cachedRelation: unknown = undefined;
  constructor(
    readonly head: Template,
    readonly tail: Template,
    readonly ground: Cell | undefined,
  ) {}
}

/** An atom of a template: a symbol, a number or the empty list. */
export type Constant = Exclude<Term, Var | Cell>;

/** A fact's expression as the search uses it: constants, cells and numbered variables. */
export type Template = Constant | TVar | TCell;

/** A fact ready for the search: conclusion and hypotheses as templates over `names.length` slots. */
export class Clause {
  constructor(
    /** The fact as stated: `(conclusion hypothesis…)`. */
    readonly source: Pair,
    readonly head: Template,
    readonly body: readonly Template[],
    /** The variable of each slot, by slot number. */
    readonly names: readonly string[],
    /** Position in the order facts were stated (0 for the first). */
    readonly order: number,
  ) {}
}

/** Compiles a fact `(conclusion hypothesis…)` stated as the `order`-th fact. */
export function compileClause(source: Pair, order: number): Clause {
  const slots = new Map<string, TVar>();
  const names: string[] = [];
  const slotOf = (name: string): TVar => {
    let slot = slots.get(name);
    if (slot === undefined) {
      slot = new TVar(names.length, name);
      slots.set(name, slot);
      names.push(name);
    }
    return slot;
  };
  // Depth first, left to right (so slots are numbered in order of first appearance), with an
  // explicit stack: expressions to compile, and "make cells of the last n+1 results" steps.
  type Task = { expr: Expr } | { cells: number };
  const compile = (x: Expr): Template => {
    const results: Template[] = [];
    const tasks: Task[] = [{ expr: x }];
    while (tasks.length > 0) {
      const task = tasks.pop()!;
      if ("cells" in task) {
        let result = results.pop()!; // the list's tail
        const heads = results.splice(results.length - task.cells, task.cells);
        for (let i = heads.length - 1; i >= 0; i--) result = cellOf(heads[i], result);
        results.push(result);
        continue;
      }
      const e = task.expr;
      if (isvar(e)) results.push(slotOf(e));
      else if (!(e instanceof Pair)) results.push(e);
      else {
        const items: Expr[] = [];
        let rest: Expr = e;
        for (; rest instanceof Pair; rest = rest.second) items.push(rest.first);
        tasks.push({ cells: items.length }, { expr: rest });
        for (let i = items.length - 1; i >= 0; i--) tasks.push({ expr: items[i] });
      }
    }
    return results[0];
  };
  const head = compile(source.first);
  const body: Template[] = [];
  for (let rest = source.second; rest instanceof Pair; rest = rest.second) body.push(compile(rest.first));
  return new Clause(source, head, body, names, order);
}

/** A template cell, with its term made once when neither part has a variable. */
function cellOf(head: Template, tail: Template): TCell {
  const h = groundTerm(head);
  const t = groundTerm(tail);
  return new TCell(head, tail, h !== undefined && t !== undefined ? new Cell(h, t) : undefined);
}

/** The term a template stands for when it has no variables; undefined otherwise. */
function groundTerm(t: Template): Exclude<Term, Var> | undefined {
  if (t instanceof TVar) return undefined;
  return t instanceof TCell ? t.ground : t;
}
