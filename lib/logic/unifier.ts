/**
 * Unification on the search's own terms (terms.ts) and on facts' templates (clause.ts), with
 * bindings made in place and recorded on a trail so that backtracking can undo them. A fact's
 * conclusion is unified with a goal without copying either: the two templates are walked side by
 * side, and only where a variable must be bound to a structure is that structure built. The
 * chapter's `unify` is `unify` below, its cases in the same order. (`bindOnTrail` is the engine's
 * assignment of one variable; the chapter's `bind`, a substitution, is chapter/bind.ts.)
 */
import { CYCLE_WATCH_STEPS, metBefore } from "./cycle-watch.js";
import { nil } from "./expr.js";
import { type Constant, type Template, TCell, TVar } from "./clause.js";
import { Cell, type Term, Var } from "./terms.js";

/** The variables of one use of a fact, by slot number; undefined until first needed. */
export type Slots = (Term | undefined)[];

/** A template with the slots of the fact use it belongs to: a goal, or a conclusion being tried. */
export interface Activation {
  readonly template: Template;
  readonly slots: Slots;
  /** The serial of the use: variables made in its slots get it, so they count as that old. */
  readonly serial: number;
  /** The number of the use, for the printed names of its variables (`?x_7`). */
  readonly use: number;
}

const NO_SLOTS: Slots = [];

/** Empty slots for a fact's use; array literals for the common sizes, as they allocate fastest. */
export function newSlots(n: number): Slots {
  switch (n) {
    case 0:
      return NO_SLOTS;
    case 1:
      return [undefined];
    case 2:
      return [undefined, undefined];
    case 3:
      return [undefined, undefined, undefined];
    case 4:
      return [undefined, undefined, undefined, undefined];
    case 5:
      return [undefined, undefined, undefined, undefined, undefined];
    case 6:
      return [undefined, undefined, undefined, undefined, undefined, undefined];
    default:
      return new Array<Term | undefined>(n).fill(undefined);
  }
}

/** Bindings on a trail, and unification that makes them. */
export class Unifier {
  /** Variables bound since the oldest choice point that may need them undone, in binding order. */
  protected readonly trail: Var[] = [];
  /** Variables with a serial below this are older than the newest choice point: binding them is trailed. */
  protected varMark = 0;
  private touched = false; // set by `build` when it read a slot filled before it began
  private readonly pending: Term[] = []; // unify's explicit stack
  private readonly occursStack: Term[] = [];
  private readonly headTemplates: Template[] = []; // unifyHead's explicit stack
  private readonly headTerms: Term[] = [];
  private readonly laterCells: Cell[] = []; // build's lists inside lists, and the cells they go in
  private readonly laterTemplates: TCell[] = [];

  constructor(protected readonly occursCheck: boolean) {}

  /** Undoes the bindings trailed since the trail had `top` entries. */
  protected undo(top: number): void {
    const trail = this.trail;
    while (trail.length > top) trail.pop()!.ref = undefined;
  }

  /** Binds `v` to `t`, trailing it if a choice point older than `v` may need it undone. */
  protected bindOnTrail(v: Var, t: Term): void {
    v.ref = t;
    if (v.serial < this.varMark) this.trail.push(v);
  }

  /** A goal's element as a term: its variable's value (made if need be), or its structure built. */
  protected resolve(e: Template, goal: Activation): Term {
    if (e instanceof TVar) {
      const slot = goal.slots[e.index];
      return slot !== undefined ? slot : (goal.slots[e.index] = new Var(goal.serial, e.name, goal.use));
    }
    return e instanceof TCell ? this.build(e, goal.slots, goal.serial, goal.use) : e;
  }

  /**
   * Unifies a fact's conclusion `h` (slots `hs` of use `serial`/`use`) with `goal`: the two
   * templates are walked side by side, the goal's elements taken as terms one at a time.
   */
  protected unifyGoal(h: Template, hs: Slots, serial: number, use: number, goal: Activation): boolean {
    let g = goal.template;
    if (h instanceof TCell && g instanceof TCell && h.items !== undefined && g.items !== undefined)
      return this.unifyItems(h.items, hs, serial, use, g.items, goal);
    for (;;) {
      if (h instanceof TCell && g instanceof TCell) {
        if (!this.unifyHead(h.head, this.resolve(g.head, goal), hs, serial, use)) return false;
        h = h.tail;
        g = g.tail;
        continue;
      }
      return this.unifyHead(h, this.resolve(g, goal), hs, serial, use);
    }
  }

  /**
   * `unifyGoal` for the usual case, a conclusion and a goal that are both proper lists: element by
   * element in a loop (lists of different lengths never unify).
   */
  private unifyItems(hi: readonly Template[], hs: Slots, serial: number, use: number, gi: readonly Template[], goal: Activation): boolean {
    if (hi.length !== gi.length) return false;
    // With no choice point since the goal's use was made, nothing can need its variables unbound again.
    const fresh = goal.serial >= this.varMark;
    for (let k = 0; k < hi.length; k++) {
      const e = gi[k];
      const t = hi[k];
      let x: Term;
      if (e instanceof TVar) {
        const slot = goal.slots[e.index];
        if (slot !== undefined) {
          x = slot;
        } else if (fresh && !(t instanceof TVar)) {
          // A goal variable in no term yet takes the conclusion's constant or structure directly:
          // no variable is made only to be bound at once. (Against a fact's variable it is made,
          // and stays the one that is printed, as in the chapter's unify.)
          goal.slots[e.index] = t instanceof TCell ? this.build(t, hs, serial, use) : t;
          continue;
        } else {
          x = goal.slots[e.index] = new Var(goal.serial, e.name, goal.use);
        }
      } else {
        x = e instanceof TCell ? this.build(e, goal.slots, goal.serial, goal.use) : e;
      }
      if (t instanceof TCell) {
        if (!this.unifyHead(t, x, hs, serial, use)) return false;
      } else if (!this.unifyLeaf(t, x, hs)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Unifies a fact's template `t` (its variables in `slots`) with the term `x`. Parts of nested
   * lists wait on an explicit stack, so templates nest as deep as their source text likes.
   */
  private unifyHead(t: Template, x: Term, slots: Slots, serial: number, use: number): boolean {
    const templates = this.headTemplates;
    const terms = this.headTerms;
    let top = 0; // templates[0 … top) and terms[0 … top): pairs still to unify
    for (;;) {
      if (t instanceof TCell) {
        while (x instanceof Var && x.ref !== undefined) x = x.ref;
        if (x instanceof Cell) {
          const head = t.head;
          if (head instanceof TCell) {
            // A list inside the list: do it first, come back for the rest.
            templates[top] = t.tail;
            terms[top++] = x.tail;
            t = head;
            x = x.head;
          } else {
            if (!this.unifyLeaf(head, x.head, slots)) return false;
            t = t.tail;
            x = x.tail;
          }
          continue;
        }
        if (!(x instanceof Var)) return false;
        if (t.ground !== undefined) {
          this.bindOnTrail(x, t.ground); // no variables: share it, and it cannot contain x
        } else {
          this.touched = false;
          const built = this.build(t, slots, serial, use);
          // Only a slot filled before `build` can hold x; fresh variables cannot.
          if (this.touched && this.occursCheck && this.occurs(x, built)) return false;
          this.bindOnTrail(x, built);
        }
      } else if (!this.unifyLeaf(t, x, slots)) {
        return false;
      }
      if (top === 0) return true;
      t = templates[--top];
      x = terms[top];
    }
  }

  /** Unifies a template that is a variable or a constant with the term `x`. */
  private unifyLeaf(t: TVar | Constant, x: Term, slots: Slots): boolean {
    if (t instanceof TVar) {
      const slot = slots[t.index];
      if (slot !== undefined) return this.unify(slot, x);
      slots[t.index] = x; // first occurrence: the fact's variable simply names x
      return true;
    }
    while (x instanceof Var && x.ref !== undefined) x = x.ref;
    if (t === x) return true;
    if (!(x instanceof Var)) return false;
    this.bindOnTrail(x, t);
    return true;
  }

  /** The chapter's `unify` on the machine's terms, with an explicit stack. */
  private unify(a: Term, b: Term): boolean {
    const pending = this.pending;
    let top = 0; // pending[0 … top) holds pairs still to unify
    let steps = 0;
    let visited: Map<Cell, Set<Cell>> | undefined;
    for (;;) {
      while (a instanceof Var && a.ref !== undefined) a = a.ref;
      while (b instanceof Var && b.ref !== undefined) b = b.ref;
      if (a !== b) {
        if (a instanceof Var) {
          if (b instanceof Cell && this.occursCheck && this.occurs(a, b)) return false;
          this.bindOnTrail(a, b);
        } else if (b instanceof Var) {
          if (a instanceof Cell && this.occursCheck && this.occurs(b, a)) return false;
          this.bindOnTrail(b, a);
        } else if (a instanceof Cell && b instanceof Cell) {
          // Without the occurs check terms may be circular: after many steps, skip cells already met.
          if (this.occursCheck || ++steps <= CYCLE_WATCH_STEPS || !metBefore((visited ??= new Map()), a, b)) {
            pending[top++] = a.tail;
            pending[top++] = b.tail;
            a = a.head;
            b = b.head;
            continue;
          }
        } else {
          return false;
        }
      }
      if (top === 0) return true;
      b = pending[--top];
      a = pending[--top];
    }
  }

  /** Whether variable `v` occurs in term `t`. */
  private occurs(v: Var, t: Term): boolean {
    const stack = this.occursStack;
    let top = 0;
    let x = t;
    for (;;) {
      while (x instanceof Var && x.ref !== undefined) x = x.ref;
      if (x === v) return true;
      if (x instanceof Cell) {
        stack[top++] = x.tail;
        x = x.head;
        continue;
      }
      if (top === 0) return false;
      x = stack[--top];
    }
  }

  /**
   * A term for template `t`, its variables taken from `slots` or made fresh (the chapter's
   * renaming). Lists are built along their spine with a loop; a list inside a list waits on an
   * explicit stack for its turn, so no template is too deep to build.
   */
  private build(t: Template, slots: Slots, serial: number, use: number): Term {
    if (!(t instanceof TCell)) return this.leaf(t, slots, serial, use);
    if (t.ground !== undefined) return t.ground;
    const cells = this.laterCells;
    const templates = this.laterTemplates;
    const base = cells.length;
    const first = this.spine(t, slots, serial, use);
    while (cells.length > base) cells.pop()!.head = this.spine(templates.pop()!, slots, serial, use);
    return first;
  }

  /** The cells of list template `t`; heads that are lists themselves are left on the stack to build. */
  private spine(t: TCell, slots: Slots, serial: number, use: number): Cell {
    const first = new Cell(nil, nil);
    let cell = first;
    let rest: Template = t;
    for (;;) {
      const head = (rest as TCell).head;
      if (head instanceof TCell && head.ground === undefined) {
        this.laterCells.push(cell);
        this.laterTemplates.push(head);
      } else {
        cell.head = this.leaf(head, slots, serial, use);
      }
      rest = (rest as TCell).tail;
      if (!(rest instanceof TCell) || rest.ground !== undefined) break;
      const next = new Cell(nil, nil);
      cell.tail = next;
      cell = next;
    }
    cell.tail = this.leaf(rest, slots, serial, use);
    return first;
  }

  /** The term for a template that is not a list with variables: a slot's variable, or the term itself. */
  private leaf(t: Template, slots: Slots, serial: number, use: number): Term {
    if (t instanceof TVar) {
      const slot = slots[t.index];
      if (slot !== undefined) {
        this.touched = true;
        return slot;
      }
      return (slots[t.index] = new Var(serial, t.name, use));
    }
    return t instanceof TCell ? t.ground! : t;
  }
}
