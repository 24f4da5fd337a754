/**
 * The search of 4.3/4.4, made iterative. The chapter's `search(clauses, env, depth)` is a
 * recursive generator: for the first clause, try each fact in order — rename it, unify its
 * conclusion with the clause, search its hypotheses, then the remaining clauses — and yield each
 * environment that satisfies them all. This machine does the same depth-first walk over the same
 * facts in the same order, with the recursion made explicit:
 *
 * - the clauses still to prove are a linked list of goals (a fact's hypotheses are put in front
 *   of the rest), so proving a goal never grows the JavaScript stack, whatever the depth;
 * - "try the next fact" is a choice point on an explicit stack, popped before the last candidate
 *   is tried, so deterministic recursion leaves nothing behind;
 * - bindings are made in place on variables and recorded on a trail, which backtracking undoes;
 * - a fact is tried only if the first-argument index says it may unify (database.ts).
 *
 * The depth limit counts as the chapter's `search` does: the i-th clause of a query is at depth
 * i, and the hypotheses of a fact used at depth d are at d+1, d+2, …; a clause deeper than the
 * limit is not tried, and `cut` records that it happened.
 */
import type { Expr } from "./expr.js";
import { nil } from "./expr.js";
import { type Clause, type Template, TCell, TVar } from "./clause.js";
import type { Database } from "./database.js";
import { CircularTermError } from "./frame.js";
import { Cell, deref, type Term, toTerm, Var } from "./terms.js";

/** How the machine searches. */
export interface MachineOptions {
  /** The deepest clause tried (the chapter's DEPTH_LIMIT); Infinity for no limit. */
  depthLimit: number;
  /** Refuse to bind a variable to a term containing it. */
  occursCheck: boolean;
  /** Record which fact proved each goal, for proofs. */
  proofs: boolean;
  /** The depth of the query's first clause (the chapter's `depth` argument; 0 normally). */
  startDepth?: number;
}

/** One step of a proof: `goal` was proved with `clause`, as a hypothesis of `parent`'s fact. */
export class Step {
  constructor(
    readonly goal: Term,
    readonly clause: Clause,
    readonly parent: Step | null,
    /** The step made just before this one on the current path. */
    readonly previous: Step | null,
  ) {}
}

/** A clause still to prove, and the ones after it. */
class Goal {
  constructor(
    readonly term: Term,
    readonly depth: number,
    readonly next: Goal | null,
    /** The proof step whose fact this clause is a hypothesis of (null for the query's own). */
    readonly parent: Step | null,
  ) {}
}

/** Where to resume when the current path fails: the next fact to try for a goal. */
class ChoicePoint {
  constructor(
    readonly goal: Goal,
    readonly term: Term,
    readonly candidates: readonly Clause[],
    public next: number,
    readonly end: number,
    /** The trail's length when the choice was made: bindings above it are undone on return. */
    readonly trailTop: number,
    /** Variables with a serial below this existed when the choice was made: binding them is trailed. */
    readonly mark: number,
    readonly step: Step | null,
  ) {}
}

type Slots = (Term | undefined)[];
const NO_SLOTS: Slots = [];
const CIRCULAR_STEPS = 10_000_000;

/** Raised when a search that an interrupt stopped midway is asked for more answers. */
export class SearchInterruptedError extends Error {
  override name = "SearchInterruptedError";
}

/** One run of a query: each call of `next()` finds the next answer. */
export class Machine {
  /** The query's variables, by name, in order of first appearance. */
  readonly variables = new Map<string, Var>();
  /** Whether the depth limit kept some clause from being tried. */
  cut = false;
  /** Clauses tried so far (logical inferences). */
  inferences = 0;

  private goal: Goal | null = null;
  private readonly trail: Var[] = [];
  private readonly choices: ChoicePoint[] = [];
  private varMark = 0; // serial below which bindings are trailed: the top choice point's mark
  private serial = 0;
  private uses = 0; // facts used so far, for the names of their variables
  private step: Step | null = null;
  private started = false;
  private done = false;
  private running = false;
  private touched = false; // set by `build` when it read a slot filled before it began
  private readonly pending: Term[] = []; // unify's explicit stack
  private readonly limit: number;
  private readonly occursCheck: boolean;
  private readonly proofs: boolean;

  constructor(
    private readonly database: Database,
    clauses: readonly Expr[],
    options: MachineOptions,
  ) {
    this.limit = options.depthLimit;
    this.occursCheck = options.occursCheck;
    this.proofs = options.proofs;
    const start = options.startDepth ?? 0;
    const terms = clauses.map((c) => toTerm(c, this.variables, () => this.serial++));
    for (let i = terms.length - 1; i >= 0; i--) this.goal = new Goal(terms[i], start + i, this.goal, null);
    database.prepare();
  }

  /** The last proof step of the current answer (follow `previous` for the others). */
  get lastStep(): Step | null {
    return this.step;
  }

  /** Finds the next answer; false when there are no more. */
  next(): boolean {
    if (this.done) return false;
    if (this.running) throw new SearchInterruptedError("this search was interrupted midway; run the query again");
    this.running = true;
    const found = this.run();
    this.running = false;
    if (!found) this.done = true;
    return found;
  }

  private run(): boolean {
    const database = this.database;
    const limit = this.limit;
    const proofs = this.proofs;
    let goal = this.goal;
    let term: Term = nil;
    let candidates: readonly Clause[] = [];
    let i = 0;
    let end = 0;
    let choice: ChoicePoint | null = null;
    let redo = this.started; // after an answer, look for the next one by backtracking
    this.started = true;
    for (;;) {
      if (redo) {
        redo = false;
        const top = this.choices.length > 0 ? this.choices[this.choices.length - 1] : undefined;
        if (top === undefined) return false;
        this.undo(top.trailTop);
        goal = top.goal;
        term = top.term;
        candidates = top.candidates;
        i = top.next;
        end = top.end;
        this.step = top.step;
        choice = top;
      } else {
        if (goal === null) {
          this.goal = null;
          return true;
        }
        if (goal.depth > limit) {
          this.cut = true;
          redo = true;
          continue;
        }
        this.inferences++;
        term = deref(goal.term);
        candidates = database.candidates(term);
        end = candidates.length;
        i = 0;
        if (end === 0) {
          redo = true;
          continue;
        }
        choice = null;
        if (end > 1) {
          choice = new ChoicePoint(goal, term, candidates, 1, end, this.trail.length, this.serial, this.step);
          this.choices.push(choice);
          this.varMark = this.serial;
        }
      }
      // Try the candidates from i on; the choice point (if any) is dropped before the last one.
      for (;;) {
        if (choice !== null && i === end - 1) {
          this.choices.pop();
          const below = this.choices.length > 0 ? this.choices[this.choices.length - 1] : undefined;
          this.varMark = below === undefined ? 0 : below.mark;
          choice = null;
        }
        const clause = candidates[i];
        const slots: Slots = clause.names.length === 0 ? NO_SLOTS : new Array<Term | undefined>(clause.names.length);
        this.uses++;
        if (this.unifyHead(clause.head, term, slots)) {
          if (choice !== null) choice.next = i + 1;
          let parent: Step | null = null;
          if (proofs) this.step = parent = new Step(goal!.term, clause, goal!.parent, this.step);
          const body = clause.body;
          let next = goal!.next;
          for (let j = body.length - 1; j >= 0; j--) next = new Goal(this.build(body[j], slots), goal!.depth + 1 + j, next, parent);
          goal = next;
          break;
        }
        if (choice === null) {
          redo = true;
          break;
        }
        this.undo(choice.trailTop);
        i++;
      }
    }
  }

  private undo(top: number): void {
    const trail = this.trail;
    while (trail.length > top) trail.pop()!.ref = undefined;
  }

  private bind(v: Var, t: Term): void {
    v.ref = t;
    if (v.serial < this.varMark) this.trail.push(v);
  }

  /** Unifies a fact's template `t` (its variables in `slots`) with the goal's term `x`. */
  private unifyHead(t: Template, x: Term, slots: Slots): boolean {
    for (;;) {
      if (t instanceof TVar) {
        const slot = slots[t.index];
        if (slot === undefined) {
          slots[t.index] = x; // first occurrence: the fact's variable simply names x
          return true;
        }
        return this.unify(slot, x);
      }
      while (x instanceof Var && x.ref !== undefined) x = x.ref;
      if (t instanceof TCell) {
        if (x instanceof Cell) {
          if (!this.unifyHead(t.head, x.head, slots)) return false;
          t = t.tail;
          x = x.tail;
          continue;
        }
        if (x instanceof Var) {
          this.touched = false;
          const built = this.build(t, slots);
          // Only a slot filled before `build` can hold x; fresh variables cannot.
          if (this.touched && this.occursCheck && this.occurs(x, built)) return false;
          this.bind(x, built);
          return true;
        }
        return false;
      }
      if (t === x) return true;
      if (x instanceof Var) {
        this.bind(x, t);
        return true;
      }
      return t instanceof Cell && this.unify(t, x);
    }
  }

  /** The chapter's `unify` on the machine's terms, with an explicit stack. */
  private unify(a: Term, b: Term): boolean {
    const pending = this.pending;
    const base = pending.length;
    let steps = 0;
    for (;;) {
      while (a instanceof Var && a.ref !== undefined) a = a.ref;
      while (b instanceof Var && b.ref !== undefined) b = b.ref;
      if (a !== b) {
        if (a instanceof Var) {
          if (b instanceof Cell && this.occursCheck && this.occurs(a, b)) return this.drop(base);
          this.bind(a, b);
        } else if (b instanceof Var) {
          if (a instanceof Cell && this.occursCheck && this.occurs(b, a)) return this.drop(base);
          this.bind(b, a);
        } else if (a instanceof Cell && b instanceof Cell) {
          pending.push(a.tail, b.tail);
          a = a.head;
          b = b.head;
          if (!this.occursCheck && ++steps > CIRCULAR_STEPS) {
            this.drop(base);
            throw new CircularTermError("unification did not finish: the terms are circular (turn the occurs check on)");
          }
          continue;
        } else {
          return this.drop(base);
        }
      }
      if (pending.length === base) return true;
      b = pending.pop()!;
      a = pending.pop()!;
    }
  }

  private drop(base: number): false {
    this.pending.length = base;
    return false;
  }

  /** Whether variable `v` occurs in term `t`. */
  private occurs(v: Var, t: Term): boolean {
    const stack: Term[] = [t];
    while (stack.length > 0) {
      let x = stack.pop()!;
      for (;;) {
        while (x instanceof Var && x.ref !== undefined) x = x.ref;
        if (x === v) return true;
        if (!(x instanceof Cell)) break;
        stack.push(x.tail);
        x = x.head;
      }
    }
    return false;
  }

  /** A term for template `t`, its variables taken from `slots` or made fresh (the chapter's renaming). */
  private build(t: Template, slots: Slots): Term {
    if (t instanceof TVar) {
      const slot = slots[t.index];
      if (slot !== undefined) {
        this.touched = true;
        return slot;
      }
      return (slots[t.index] = new Var(this.serial++, t.name, this.uses));
    }
    if (!(t instanceof TCell)) return t;
    const first = new Cell(this.build(t.head, slots), nil);
    let last = first;
    let rest: Template = t.tail;
    while (rest instanceof TCell) {
      const cell = new Cell(this.build(rest.head, slots), nil);
      last.tail = cell;
      last = cell;
      rest = rest.tail;
    }
    last.tail = this.build(rest, slots);
    return first;
  }
}
