/**
 * Programs: the statements of the logic language, read and checked whole before any runs, so a
 * mistake anywhere in a cell leaves the database as it was. Statements, as in the chapter's
 * interpreter: `(fact conclusion hypothesis…)` or `(! …)`, `(query clause…)` or `(? …)`,
 * `clear`, `(depth N)` and `help`.
 */
import { type Expr, isList, nil, Pair } from "./expr.js";
import { type Datum, LogicSyntaxError, type Position, type ReadOptions, readAll } from "./reader.js";

/** A statement of a program, with where it starts. */
export type Statement =
  | { kind: "fact"; fact: Pair; at: Position }
  | { kind: "query"; goals: Expr[]; at: Position }
  | { kind: "clear"; at: Position }
  | { kind: "depth"; limit: number; at: Position }
  | { kind: "help"; at: Position };

const FACT = new Set(["fact", "!"]);
const QUERY = new Set(["query", "?"]);
const KEYWORDS = "fact, !, query, ?, clear, depth or help";

/** What the interpreter says to `help`. */
export const HELP = `The logic language (sections 4.3 and 4.4):
  (fact CONCLUSION HYPOTHESIS...)   or (! ...)   state a fact; it holds if all hypotheses hold
  (query CLAUSE...)                 or (? ...)   find every assignment satisfying all clauses
  clear                                          forget every fact
  (depth N)                                      try clauses at most N deep (default 20; inf for none)
  help                                           this message
Symbols starting with ? are variables; (?a . ?rest) matches a list's first element and the rest.
`;

/** Reads and checks a program; throws LogicSyntaxError (with line and column) on the first mistake. */
export function parseProgram(text: string, options: ReadOptions = {}): Statement[] {
  return readAll(text, options).map(statementOf);
}

function statementOf({ expr, at, elements }: Datum): Statement {
  if (expr === "clear") return { kind: "clear", at };
  if (expr === "help") return { kind: "help", at };
  if (!(expr instanceof Pair)) {
    throw new LogicSyntaxError(`expected a statement such as (fact …) or (query …), found ${expr === nil ? "()" : String(expr)}`, at);
  }
  const keyword = expr.first;
  const keywordAt = elements?.[0] ?? at;
  const args = expr.second;
  if (typeof keyword !== "string") throw new LogicSyntaxError(`a statement starts with a keyword (${KEYWORDS})`, keywordAt);
  if (!isList(args)) throw new LogicSyntaxError(`malformed ${keyword}: a statement cannot be a dotted list`, keywordAt);
  const items = [...args];
  if (FACT.has(keyword)) {
    if (!(args instanceof Pair))
      throw new LogicSyntaxError(`(${keyword}) needs a conclusion: (${keyword} (relation …) hypothesis…)`, keywordAt);
    return { kind: "fact", fact: args, at };
  }
  if (QUERY.has(keyword)) return { kind: "query", goals: items, at };
  if (keyword === "clear" && items.length === 0) return { kind: "clear", at };
  if (keyword === "help" && items.length === 0) return { kind: "help", at };
  if (keyword === "depth") {
    const limit = items.length === 1 ? depthValue(items[0]) : undefined;
    if (limit === undefined) throw new LogicSyntaxError("(depth N) takes one whole number N ≥ 0, or inf for no limit", keywordAt);
    return { kind: "depth", limit, at };
  }
  throw new LogicSyntaxError(`unknown keyword '${keyword}' (expected ${KEYWORDS})`, keywordAt);
}

/** The limit a `(depth N)` or `--depth N` names: a whole number, or inf/none for no limit. */
export function depthValue(x: Expr | string): number | undefined {
  if (x === "inf" || x === "none" || x === "Infinity") return Infinity;
  const n = typeof x === "string" && /^\d+$/.test(x) ? Number(x) : x;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : undefined;
}
