/**
 * The chapter's `search` (search.ts) with every decision it makes yielded as an event, for the
 * stepper: trying a fact for a goal, unification succeeding (with the bindings it made) or
 * failing, a goal running out of facts (backtracking to the previous choice), the depth limit
 * cutting a branch, and each answer. The same loop, the same order: only the yields are new.
 */
import { type Expr, nil, Pair } from "../expr.js";
import { Frame } from "./frame.js";
import type { ChapterProgram } from "./program.js";
import { renameVariables } from "./rename.js";
import { unify } from "./unify.js";

/** One choice on the way to an answer: a goal and the (renamed) fact used for it. */
export interface ProofStep {
  goal: Expr;
  fact: Pair;
  depth: number;
}

/** What the search does next. */
export type SearchEvent =
  | { kind: "try"; goal: Expr; fact: Pair; depth: number }
  | { kind: "unified"; goal: Expr; fact: Pair; depth: number; env: Frame }
  | { kind: "failed"; goal: Expr; fact: Pair; depth: number }
  | { kind: "backtrack"; goal: Expr; depth: number }
  | { kind: "cut"; goal: Expr; depth: number }
  | { kind: "answer"; env: Frame };

/**
 * The events of searching for `clauses` from `env`; `path` holds the choices in force at each
 * event (the proof so far), pushed when a fact unifies and popped when the search moves past it.
 */
export function* tracedSearch(
  clauses: Expr,
  env: Frame,
  depth: number,
  program: ChapterProgram,
  path: ProofStep[],
): Generator<SearchEvent> {
  if (clauses === nil) {
    yield { kind: "answer", env };
    return;
  }
  if (!(clauses instanceof Pair)) return;
  const goal = clauses.first;
  if (program.depthLimit !== null && depth > program.depthLimit) {
    yield { kind: "cut", goal, depth };
    return;
  }
  for (const fact of program.facts) {
    const renamed = renameVariables(fact, ++program.lastId) as Pair;
    yield { kind: "try", goal, fact: renamed, depth };
    const envHead = new Frame(env);
    if (!unify(renamed.first, goal, envHead, program.occursCheck)) {
      yield { kind: "failed", goal, fact: renamed, depth };
      continue;
    }
    path.push({ goal, fact: renamed, depth });
    yield { kind: "unified", goal, fact: renamed, depth, env: envHead };
    for (const event of tracedSearch(renamed.second, envHead, depth + 1, program, path)) {
      if (event.kind !== "answer") yield event;
      else yield* tracedSearch(clauses.second, event.env, depth + 1, program, path);
    }
    path.pop();
  }
  yield { kind: "backtrack", goal, depth };
}
