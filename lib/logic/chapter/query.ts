/**
 * The chapter's answer to `(query …)`: `Success!` and one line per environment search finds,
 * each variable of the query with its value (`bind`), or `Failed.` when there is none.
 */
import { type Expr, variablesOf } from "../expr.js";
import { write } from "../printer.js";
import { bind } from "./bind.js";
import { Frame } from "./frame.js";
import type { ChapterProgram } from "./program.js";
import { search } from "./search.js";

/** The lines the chapter prints for the query `clauses` (a list of goals) under `program`. */
export function query(clauses: Expr, program: ChapterProgram): string[] {
  const variables = variablesOf(clauses);
  const lines: string[] = [];
  for (const env of search(clauses, new Frame(null), 0, program)) {
    lines.push(variables.map((v) => `${v.slice(1)}: ${write(bind(v, env))}`).join("\t"));
  }
  return lines.length === 0 ? ["Failed."] : ["Success!", ...lines.filter((line) => line !== "")];
}
