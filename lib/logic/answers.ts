/**
 * Answers as the chapter's interpreter prints them, and as plain values for TypeScript. A query
 * prints `Success!` and then, per answer, its variables (in order of first appearance, without
 * the `?`) as `name: value`, separated by a TAB; a query without variables prints no answer
 * lines; `Failed.` when there is no answer.
 */
import { type Expr, isList, nil, Pair } from "./expr.js";
import { write } from "./printer.js";

/** A value in a TypeScript answer: a symbol or number, a proper list as an array, a dotted list as a Pair. */
export type Value = string | number | Value[] | Pair;

/** The answer line for `values` of `variables` (names with their `?`). */
export function answerLine(variables: readonly string[], values: readonly Expr[]): string {
  return variables.map((v, i) => `${v.slice(1)}: ${write(values[i])}`).join("\t");
}

/** The chapter's output for a query: `Success!` and the answer lines, or `Failed.`. */
export function chapterLines(variables: readonly string[], answers: readonly (readonly Expr[])[]): string[] {
  if (answers.length === 0) return ["Failed."];
  const lines = ["Success!"];
  if (variables.length > 0) for (const values of answers) lines.push(answerLine(variables, values));
  return lines;
}

/** `e` as a plain value: proper lists become arrays (nested lists too), `()` the empty array. */
export function toValue(e: Expr): Value {
  // Iterative, as answers can be nested far deeper than the JavaScript stack allows.
  const root: Value[] = [];
  const stack: { expr: Expr; into: Value[] }[] = [{ expr: e, into: root }];
  while (stack.length > 0) {
    const { expr, into } = stack.pop()!;
    if (!(expr instanceof Pair) && expr !== nil) {
      into.push(expr as string | number);
    } else if (!isList(expr)) {
      into.push(expr); // a dotted list keeps its Pair form
    } else {
      const items: Value[] = [];
      into.push(items);
      const elements = [...expr];
      for (let i = elements.length - 1; i >= 0; i--) stack.push({ expr: elements[i], into: items });
    }
  }
  return root[0];
}

/** The answer object `{ name: value }` for `values` of `variables`. */
export function answerObject(variables: readonly string[], values: readonly Expr[]): Record<string, Value> {
  const answer: Record<string, Value> = {};
  variables.forEach((v, i) => (answer[v.slice(1)] = toValue(values[i])));
  return answer;
}
