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
 */
export { type Atom, type Expr, isvar, list, Nil, nil, Pair, variablesOf } from "./expr.js";
export { type Datum, LogicSyntaxError, type Position, read, readAll } from "./reader.js";
export { write } from "./printer.js";
export { CircularTermError, Frame, lookup } from "./frame.js";
export { occursIn, unify } from "./unify.js";
export { bind } from "./bind.js";
export { search } from "./search.js";
export { Database } from "./database.js";
export { SearchInterruptedError } from "./machine.js";
export { Proof, type ProofNode, proofHtml, proofSvg, proofText } from "./proofs.js";
export { type Value, toValue } from "./answers.js";
export { type Answer, type VariableNames } from "./variable-names.js";
export { Query } from "./query.js";
export { depthNote, type OutputFormat, QueryOutput, type Solution } from "./query-output.js";
export { SvgDrawing } from "../render/tree-drawing.js";
export { depthValue, HELP, parseProgram, type Statement } from "./program.js";
export { type LogicEvent, logic, type QueryOptions, type RunOptions, Session, Transcript } from "./session.js";
