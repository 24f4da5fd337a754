/**
 * The names of a query's variables, read from its text by the type checker, so that
 * `logic.query("(ancestor ?a herbert)")` yields answers typed `{ a: Value }`. A query whose text
 * is not a literal gets `Record<string, Value>`.
 */
import type { Value } from "./answers.js";

type Delimiter = " " | "\n" | "\t" | "\r" | "(" | ")" | ";";

/** A variable's name (up to a delimiter) and the text after it. */
type NameAndRest<S extends string, Name extends string = ""> = S extends `${infer C}${infer Rest}`
  ? C extends Delimiter
    ? [Name, S]
    : NameAndRest<Rest, `${Name}${C}`>
  : [Name, ""];

/** The names, without `?`, of the variables in query text `S`. */
export type VariableNames<S extends string, Found extends string = never> = string extends S
  ? string
  : S extends `${string}?${infer After}`
    ? NameAndRest<After> extends [infer N extends string, infer Rest extends string]
      ? VariableNames<Rest, N extends "" ? Found : Found | N>
      : Found
    : Found;

/** An answer to query text `S`: each of its variables → its value. */
export type Answer<S extends string = string> = { [K in VariableNames<S>]: Value };
