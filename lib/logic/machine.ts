/**
 * The search of 4.3/4.4, made iterative. The chapter's `search(clauses, env, depth)` is a
 * recursive generator: for the first clause, try each fact in order — rename it, unify its
 * conclusion with the clause, search its hypotheses, then the remaining clauses — and yield each
 * environment that satisfies them all. This machine does the same depth-first walk over the same
 * facts in the same order, with the recursion made explicit:
 *
 * - the clauses still to prove are a linked list of goals (a fact's hypotheses are put in front
 *   of the rest), so proving a goal never grows the JavaScript stack, whatever the depth;
 * - a goal is a hypothesis's template with the slots of the fact's use (the chapter's renamed
 *   copy, made lazily): nothing is copied until a variable needs a value of its own;
 * - "try the next fact" is a choice point on an explicit stack, popped before the last candidate
 *   is tried, so deterministic recursion leaves nothing behind;
 * - bindings are made in place on variables and recorded on a trail, which backtracking undoes;
 * - a fact is tried only if the first-argument index says it may unify (database.ts).
 *
 * The depth limit counts as the chapter's `search` does: the i-th clause of a query is at depth
 * i, and the hypotheses of a fact used at depth d are at d+1, d+2, …; a clause deeper than the
 * limit is not tried, and `cut` records that it happened.
 */
import { type Expr, list, nil, Pair } from "./expr.js";
import { type Clause, compileClause, type Template, TCell, TVar } from "./clause.js";
import { ANY, type Database, END, type Key, PAIR, type Relation, termKey } from "./database.js";
import { Cell, deref, type Term, Var } from "./terms.js";
import { type Activation, newSlots, type Slots, Unifier } from "./unifier.js";

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

/**
 * A clause still to prove (a template and the slots of the fact use it comes from), and the
 * ones after it. Variables the goal needs are made in its slots as needed, numbered with the
 * use's `serial`, so backtracking treats them as old as the use itself.
 */
class Goal implements Activation {
  constructor(
    readonly template: Template,
    readonly slots: Slots,
    readonly serial: number,
    readonly use: number,
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

/** Raised when a search that an interrupt stopped midway is asked for more answers. */
export class SearchInterruptedError extends Error {
  override name = "SearchInterruptedError";
}

/** One run of a query: each call of `next()` finds the next answer. */
export class Machine extends Unifier {
  /** The query's variables, by name, in order of first appearance. */
  readonly variables = new Map<string, Var>();
  /** Whether the depth limit kept some clause from being tried. */
  cut = false;
  /** Clauses tried so far (logical inferences). */
  inferences = 0;

  private goal: Goal | null = null;
  private readonly choices: ChoicePoint[] = [];
  private serial = 1; // 0 is the query's own variables'
  private uses = 0; // facts used so far, for the names of their variables
  private step: Step | null = null;
  private started = false;
  private done = false;
  private running = false;
  private readonly limit: number;
  private readonly proofs: boolean;

  constructor(
    private readonly database: Database,
    clauses: readonly Expr[],
    options: MachineOptions,
  ) {
    super(options.occursCheck);
    this.limit = options.depthLimit;
    this.proofs = options.proofs;
    // The query is compiled like a fact's hypotheses; its variables are made up front, as `?x`.
    const query = compileClause(new Pair(nil, list(clauses)), -1);
    const slots: Slots = query.names.map((name) => {
      const v = new Var(0, name, 0);
      this.variables.set(name, v);
      return v;
    });
    const start = options.startDepth ?? 0;
    for (let i = query.body.length - 1; i >= 0; i--) this.goal = new Goal(query.body[i], slots, 0, 0, start + i, this.goal, null);
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
    const limit = this.limit;
    const proofs = this.proofs;
    let goal = this.goal; // the clauses still to prove
    let current: Goal; // the one being proved
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
        current = top.goal;
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
        current = goal;
        if (current.depth > limit) {
          this.cut = true;
          redo = true;
          continue;
        }
        this.inferences++;
        candidates = this.candidates(current);
        end = candidates.length;
        i = 0;
        if (end === 0) {
          redo = true;
          continue;
        }
        choice = null;
        if (end > 1) {
          choice = new ChoicePoint(current, candidates, 1, end, this.trail.length, this.serial, this.step);
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
        const slots = newSlots(clause.names.length);
        const serial = this.serial++;
        const use = ++this.uses;
        if (this.unifyGoal(clause.head, slots, serial, use, current)) {
          if (choice !== null) choice.next = i + 1;
          let parent: Step | null = null;
          if (proofs) this.step = parent = new Step(this.resolve(current.template, current), clause, current.parent, this.step);
          // The fact's hypotheses go in front of the clauses after this one, one level deeper each.
          const body = clause.body;
          let next = current.next;
          for (let j = body.length - 1; j >= 0; j--) next = new Goal(body[j], slots, serial, use, current.depth + 1 + j, next, parent);
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

  /** The facts that may prove `goal`, from its relation and first argument (database.ts). */
  private candidates(goal: Goal): readonly Clause[] {
    const t = goal.template;
    if (!(t instanceof TCell)) {
      const whole = t instanceof TVar ? deref(this.resolve(t, goal)) : t;
      if (!(whole instanceof Cell)) return this.database.allCandidates();
      return this.database.candidates(termKey(deref(whole.head)), argumentKey(deref(whole.tail)));
    }
    const args = t.tail;
    let key: Key;
    if (args instanceof TCell) key = this.keyOf(args.head, goal);
    else if (args === nil) key = END;
    else key = args instanceof TVar ? argumentKey(deref(this.resolve(args, goal))) : ANY;
    const head = t.head;
    if (head instanceof TVar || head instanceof TCell) return this.database.candidates(this.keyOf(head, goal), key);
    // A goal's relation is a constant: look it up once per database version.
    const database = this.database;
    if (t.cachedVersion !== database.version) {
      t.cachedRelation = database.relation(head);
      t.cachedVersion = database.version;
    }
    const relation = t.cachedRelation as Relation | undefined;
    return relation === undefined ? database.anyRelation() : relation.select(key);
  }

  /** The index key of a goal's element. */
  private keyOf(e: Template, goal: Goal): Key {
    if (e instanceof TVar) {
      const slot = goal.slots[e.index];
      return slot === undefined ? ANY : termKey(deref(slot));
    }
    return e instanceof TCell ? PAIR : e;
  }
}

/** The index key of a goal's arguments (the rest of the list after its relation). */
function argumentKey(args: Term): Key {
  if (args instanceof Cell) {
    let first = args.head;
    while (first instanceof Var && first.ref !== undefined) first = first.ref;
    return termKey(first);
  }
  return args === nil ? END : ANY;
}
