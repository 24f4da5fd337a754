/**
 * The chapter's `search(clauses, env, depth)`, as logic.py writes it: a generator of the
 * environments in which every clause holds. For the first clause it tries each fact in stated
 * order: rename the fact's variables, unify its conclusion with the clause in a new Frame, then
 * search the fact's hypotheses, and for each way they hold, the remaining clauses. Recursive
 * generators, like the chapter, so its depth is the depth of the proof; the engine (machine.ts)
 * answers the same queries, in the same order, without recursion and much faster.
 */
import { type Expr, nil, Pair } from "../expr.js";
import { Frame } from "./frame.js";
import type { ChapterProgram } from "./program.js";
import { renameVariables } from "./rename.js";
import { unify } from "./unify.js";

/** Each environment (a Frame extending `env`) in which all of `clauses` hold, depth first. */
export function* search(clauses: Expr, env: Frame, depth: number, program: ChapterProgram): Generator<Frame> {
  if (clauses === nil) {
    yield env;
  } else if (clauses instanceof Pair && (program.depthLimit === null || depth <= program.depthLimit)) {
    for (const fact of program.facts) {
      const renamed = renameVariables(fact, ++program.lastId) as Pair;
      const envHead = new Frame(env);
      if (unify(renamed.first, clauses.first, envHead, program.occursCheck)) {
        for (const envRule of search(renamed.second, envHead, depth + 1, program)) {
          yield* search(clauses.second, envRule, depth + 1, program);
        }
      }
    }
  }
}
