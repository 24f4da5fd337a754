/**
 * The chapter's `search(clauses, env, depth)`: a generator of the environments that satisfy every
 * clause, over the facts of a session in the order they were stated. It runs on the iterative
 * machine (machine.ts) rather than by recursion, and yields chapter `Frame`s: each extends `env`
 * with the values of the clauses' variables.
 */
import { bind } from "./chapter/bind.js";
import { elements, type Expr } from "./expr.js";
import { Frame } from "./chapter/frame.js";
import { Machine } from "./machine.js";
import { depthNote } from "./query-output.js";
import { logic, type Session } from "./session.js";
import { toExpr } from "./terms.js";

/** Each environment (a Frame extending `env`) in which all of `clauses` hold, depth first. */
export function* search(clauses: Expr, env: Frame = new Frame(null), depth = 0, session: Session = logic): Generator<Frame> {
  const goals = elements(bind(clauses, env)).items;
  const machine = new Machine(session.database, goals, {
    depthLimit: session.depth,
    occursCheck: session.occursCheck,
    proofs: false,
    startDepth: depth,
  });
  try {
    while (machine.next()) {
      const frame = new Frame(env);
      for (const [name, variable] of machine.variables) frame.define(name, toExpr(variable));
      yield frame;
    }
  } finally {
    if (machine.cut) session.warn(depthNote(session.depth));
  }
}
