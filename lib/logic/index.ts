/**
 * lazylab/logic: the declarative language of sections 4.3 and 4.4.
 *
 * ```ts
 * import { logic, read, Frame, unify, bind } from "lazylab/logic";
 * logic.fact("(parent abraham barack)");
 * for (const { child } of logic.query("(parent abraham ?child)")) console.log(child);
 * const env = new Frame(null);
 * unify(read("((a b) c (a b))"), read("(?x c ?x)"), env); // env.bindings: { "?x": (a b) }
 * ```
 *
 * Two interpreters: `chapter` is section 4.4's, function for function (chapter/); the engine that
 * runs `%logic`, `Session` and `search` is the trail machine (machine.ts, unifier.ts, terms.ts).
 */
export { type Atom, type Expr, isvar, list, Nil, nil, Pair, variablesOf } from "./expr.js";
export { type Datum, LogicSyntaxError, type Position, read, readAll } from "./reader.js";
export { write } from "./printer.js";
export { CircularTermError } from "./circular-term.js";
export { Frame, lookup } from "./chapter/frame.js";
export { occursIn, unify } from "./chapter/unify.js";
export { bind } from "./chapter/bind.js";
export { search } from "./search.js";
/** The chapter's interpreter of 4.4 (its own `search`, over a list of facts), beside the engine. */
export * as chapter from "./chapter/index.js";
export { Database } from "./database.js";
export { SearchInterruptedError } from "./machine.js";
export { Proof, type ProofNode, proofHtml, proofSvg, proofText } from "./proofs.js";
export { type Value, toValue } from "./answers.js";
export type { Answer, VariableNames } from "./variable-names.js";
export { Query } from "./query.js";
export { depthNote, type OutputFormat, QueryOutput, type Solution } from "./query-output.js";
export { SvgDrawing } from "../render/tree-drawing.js";
export { depthValue, HELP, parseProgram, type Statement } from "./program.js";
export { logic, type QueryOptions, type RunOptions, Session } from "./session.js";
export { type LogicEvent, Transcript } from "./transcript.js";
