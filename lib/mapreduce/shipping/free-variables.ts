/**
 * The free variables of a function's source: names it uses but does not declare. A function
 * sent to another process takes only its text along, so every free name must be a global there,
 * or be sent with it. The source is parsed with acorn and its scopes analysed with eslint-scope
 * (the analyser ESLint's no-undef rule uses): the references left unresolved at the top are the
 * free names.
 */
import vm from "node:vm";
import { parse } from "acorn";
import { analyze } from "eslint-scope";

/** The names `source` (a JavaScript expression: a function or class) uses without declaring, in order of first use. */
export function freeVariables(source: string): string[] {
  const program = parse(`(${source}\n);`, { ecmaVersion: "latest", ranges: true });
  const scopes = analyze(program as Parameters<typeof analyze>[0], { ecmaVersion: 2022, sourceType: "script" });
  return [...new Set(scopes.globalScope!.through.map((reference) => reference.identifier.name))];
}

/** Whether `source` compiles as a JavaScript expression (a function or arrow, not a method shorthand). */
export function isExpression(source: string): boolean {
  try {
    new vm.Script(`(${source}\n);`);
    return true;
  } catch {
    return false;
  }
}
