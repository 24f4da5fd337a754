/**
 * The facts, in the order they were stated, with a first-argument index: a goal `(parent
 * fillmore ?c)` is tried only against the facts about `parent` whose first argument is
 * `fillmore` or a variable (or whose arguments are a dotted variable tail) — in stated order, so
 * the search visits exactly the facts the chapter's `for fact in facts` loop would have unified.
 */
import { type Expr, nil, Pair } from "./expr.js";
import { type Clause, compileClause, type Template, TCell, TVar } from "./clause.js";
import { Cell, deref, type Term, Var } from "./terms.js";

/** An index key: an atom, the empty list, or one of the markers below. */
type Key = string | number | object;
/** Any key: a variable (matches everything). */
const ANY: object = { key: "any" };
/** A list (cons cell) in that position. */
const PAIR: object = { key: "pair" };
/** No first argument: the list ends right after the relation's name. */
const END: object = { key: "end" };

/** The facts whose conclusion starts with one symbol (a relation), indexed by first argument. */
class Relation {
  /** Every fact of the relation, in order. */
  readonly all: Clause[] = [];
  /** Facts whose first argument is a variable: they match any first argument. */
  readonly anyArgument: Clause[] = [];
  /** For each first-argument key: the facts with that key or a variable there, in order. */
  readonly byArgument = new Map<Key, Clause[]>();

  add(clause: Clause, key: Key): void {
    this.all.push(clause);
    if (key === ANY) {
      this.anyArgument.push(clause);
      for (const list of this.byArgument.values()) list.push(clause);
    } else {
      let list = this.byArgument.get(key);
      if (list === undefined) this.byArgument.set(key, (list = [...this.anyArgument]));
      list.push(clause);
    }
  }
}

/** Everything the database holds, replaced whole by `clear` (so a running search keeps its own). */
class Contents {
  readonly clauses: Clause[] = [];
  readonly relations = new Map<Key, Relation>();
  /** Facts whose conclusion's relation is a variable (or not a list): they match any relation. */
  readonly anyRelation: { clause: Clause; key: Key }[] = [];
  readonly anyRelationClauses: Clause[] = [];
}

/** The facts of a session, in stated order, indexed for the search. */
export class Database {
  private contents = new Contents();
  /** How many clauses are fully indexed; an interrupted `add` leaves more, and is undone. */
  private committed = 0;

  /** The facts in the order they were stated, each as `(conclusion hypothesis…)`. */
  get facts(): Pair[] {
    this.repair();
    return this.contents.clauses.map((c) => c.source);
  }

  /** How many facts there are. */
  get size(): number {
    this.repair();
    return this.contents.clauses.length;
  }

  /** States facts, each `(conclusion hypothesis…)`; all of them or (if interrupted) none. */
  add(facts: readonly Pair[]): void {
    this.repair();
    const contents = this.contents;
    for (const source of facts) {
      const clause = compileClause(source, contents.clauses.length);
      contents.clauses.push(clause);
      this.index(contents, clause);
    }
    this.committed = contents.clauses.length;
  }

  /** Removes every fact. */
  clear(): void {
    this.contents = new Contents();
    this.committed = 0;
  }

  /**
   * The facts a goal may unify with, in stated order, as a list that later facts may be appended
   * to (read it only up to its length at the time of the call).
   */
  candidates(goal: Term): readonly Clause[] {
    const contents = this.contents;
    if (!(goal instanceof Cell)) return contents.clauses;
    const relationKey = termKey(deref(goal.head));
    if (relationKey === ANY) return contents.clauses;
    const relation = contents.relations.get(relationKey);
    if (relation === undefined) return contents.anyRelationClauses;
    const args = deref(goal.tail);
    const key = args instanceof Cell ? termKey(deref(args.head)) : args === nil ? END : ANY;
    if (key === ANY) return relation.all;
    return relation.byArgument.get(key) ?? relation.anyArgument;
  }

  /** Undoes an `add` that an interrupt stopped halfway: drops its facts and rebuilds the index. */
  private repair(): void {
    const contents = this.contents;
    if (contents.clauses.length === this.committed) return;
    const kept = contents.clauses.slice(0, this.committed);
    const fresh = new Contents();
    for (const clause of kept) {
      fresh.clauses.push(clause);
      this.index(fresh, clause);
    }
    this.contents = fresh;
  }

  /** Checks the index before a search (an interrupted `add` is undone first). */
  prepare(): void {
    this.repair();
  }

  private index(contents: Contents, clause: Clause): void {
    const head = clause.head;
    let relationKey: Key = ANY;
    let key: Key = ANY;
    if (head instanceof TCell || head instanceof Cell) {
      // A Cell in a template is ground: its parts are terms without variables, so templates too.
      relationKey = templateKey(head.head as Template);
      const args = head.tail as Template;
      key = args instanceof TCell || args instanceof Cell ? templateKey(args.head as Template) : args === nil ? END : ANY;
    } else if (!(head instanceof TVar)) {
      return; // a conclusion that is an atom matches only that atom or a variable goal: no relation

    }
    if (relationKey === ANY) {
      contents.anyRelation.push({ clause, key });
      contents.anyRelationClauses.push(clause);
      for (const relation of contents.relations.values()) relation.add(clause, key);
      return;
    }
    let relation = contents.relations.get(relationKey);
    if (relation === undefined) {
      relation = new Relation();
      for (const earlier of contents.anyRelation) relation.add(earlier.clause, earlier.key);
      contents.relations.set(relationKey, relation);
    }
    relation.add(clause, key);
  }
}

/** The index key of a term in the search. */
function termKey(t: Term): Key {
  if (t instanceof Var) return ANY;
  if (t instanceof Cell) return PAIR;
  return t; // symbol, number or nil
}

/** The index key of a template position. */
function templateKey(t: Template): Key {
  if (t instanceof TVar) return ANY;
  if (t instanceof TCell || t instanceof Cell) return PAIR;
  return t;
}

/** The fact `(conclusion hypothesis…)` from its parts. */
export function factOf(conclusion: Expr, hypotheses: readonly Expr[]): Pair {
  let rest: Expr = nil;
  for (let i = hypotheses.length - 1; i >= 0; i--) rest = new Pair(hypotheses[i], rest);
  return new Pair(conclusion, rest);
}
