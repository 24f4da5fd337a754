/**
 * The facts, in the order they were stated, with a first-argument index: a goal `(parent
 * fillmore ?c)` is tried only against the facts about `parent` whose first argument is
 * `fillmore` or a variable (or whose arguments are a dotted variable tail) — in stated order, so
 * the search visits exactly the facts the chapter's `for fact in facts` loop would have unified.
 */
import { type Expr, nil, Pair } from "./expr.js";
import { type Clause, compileClause, type Template, TCell, TVar } from "./clause.js";
import { Cell, type Term, Var } from "./terms.js";

/** An index key: an atom, the empty list, or one of the markers below. */
export type Key = string | number | object;
/** Any key: a variable (matches everything). */
export const ANY: object = { key: "any" };
/** A list (cons cell) in that position. */
export const PAIR: object = { key: "pair" };
/** No first argument: the list ends right after the relation's name. */
export const END: object = { key: "end" };

/** The facts whose conclusion starts with one symbol (a relation), indexed by first argument. */
export class Relation {
  /** Every fact of the relation, in order. */
  readonly all: Clause[] = [];
  /** Facts whose first argument is a variable: they match any first argument. */
  readonly anyArgument: Clause[] = [];
  /** For each first-argument key: the facts with that key or a variable there, in order. */
  readonly byArgument = new Map<Key, Clause[]>();

  /** Adds a fact whose first argument has index key `key`, after the relation's others. */
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

  /** The facts whose first argument may unify with one of key `key` (ANY: all of them). */
  select(key: Key): readonly Clause[] {
    if (key === ANY) return this.all;
    if (this.byArgument.size === 0) return this.anyArgument;
    const list = this.byArgument.get(key);
    return list !== undefined ? list : this.anyArgument;
  }
}

/** Everything the database holds, replaced whole by `clear` (so a running search keeps its own). */
class Contents {
  readonly clauses: Clause[] = [];
  readonly relations = new Map<Key, Relation>();
  /** Facts whose conclusion is a variable or starts with one: they match goals of any relation. */
  readonly anyRelation: { clause: Clause; key: Key }[] = [];
  readonly anyRelationClauses: Clause[] = [];
}

/** The facts of a session, in stated order, indexed for the search. */
export class Database {
  private contents = new Contents();
  /**
   * Changes whenever a relation is added or the facts are replaced, so a cached `relation(key)`
   * stays valid while it is unchanged (facts added to an existing relation do not change it).
   */
  version = 0;
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
    this.version++;
  }

  /**
   * The facts a goal may unify with, in stated order, from the goal's index keys: its relation
   * (the key of its first element) and the key of its first argument (ANY when either is a
   * variable; END when the goal has no argument). Returns a list that later facts may be
   * appended to: read it only up to its length at the time of the call.
   */
  candidates(relationKey: Key, argumentKey: Key): readonly Clause[] {
    if (relationKey === ANY) return this.contents.clauses;
    const relation = this.contents.relations.get(relationKey);
    return relation === undefined ? this.contents.anyRelationClauses : relation.select(argumentKey);
  }

  /** The facts of relation `key` (undefined if none: then only `anyRelation()` may match). */
  relation(key: Key): Relation | undefined {
    return this.contents.relations.get(key);
  }

  /** The facts whose conclusion's relation is a variable: they match goals of any relation. */
  anyRelation(): readonly Clause[] {
    return this.contents.anyRelationClauses;
  }

  /** The facts a goal that is not a list (an atom or a variable) may unify with: all of them. */
  allCandidates(): readonly Clause[] {
    return this.contents.clauses;
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
    this.version++;
  }

  /** Checks the index before a search (an interrupted `add` is undone first). */
  prepare(): void {
    this.repair();
  }

  /** Files a fact under its relation and first-argument key (or as matching any relation). */
  private index(contents: Contents, clause: Clause): void {
    const head = clause.head;
    let relationKey: Key = ANY;
    let key: Key = ANY;
    if (head instanceof TCell) {
      relationKey = templateKey(head.head);
      const args = head.tail;
      key = args instanceof TCell ? templateKey(args.head) : args === nil ? END : ANY;
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
      this.version++;
    }
    relation.add(clause, key);
  }
}

/** The index key of a term in the search. */
export function termKey(t: Term): Key {
  if (t instanceof Var) return ANY;
  if (t instanceof Cell) return PAIR;
  return t; // symbol, number or nil
}

/** The index key of a template position. */
export function templateKey(t: Template): Key {
  if (t instanceof TVar) return ANY;
  if (t instanceof TCell) return PAIR;
  return t;
}

/** The fact `(conclusion hypothesis…)` from its parts. */
export function factOf(conclusion: Expr, hypotheses: readonly Expr[]): Pair {
  let rest: Expr = nil;
  for (let i = hypotheses.length - 1; i >= 0; i--) rest = new Pair(hypotheses[i], rest);
  return new Pair(conclusion, rest);
}
