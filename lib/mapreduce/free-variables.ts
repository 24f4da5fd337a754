/**
 * The free variables of a function's source: names it uses but does not declare. A function
 * sent to another process takes only its text along, so every free name must be a global there,
 * or be sent with it. The scan is deliberately simple (a name declared anywhere inside counts as
 * declared everywhere inside): it can miss a free name shadowed in a sibling block, which then
 * fails in the worker with a ReferenceError naming it, never silently.
 */
import { createRequire } from "node:module";
import vm from "node:vm";
import type ts from "typescript";

// The compiler is large (a second to load in a fresh process): load it on the first use only.
let compiler: typeof ts | undefined;
function typescript(): typeof ts {
  compiler ??= createRequire(import.meta.url)("typescript") as typeof ts;
  return compiler;
}

function declaredNames(name: ts.BindingName, into: Set<string>): void {
  const ts = typescript();
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) declaredNames(element.name, into);
}

/** Whether this identifier is a name (of a declaration, property or label) rather than a use. */
function isNotAReference(id: ts.Identifier): boolean {
  const ts = typescript();
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return true;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) && parent.name === id) return true;
  if (ts.isBindingElement(parent) && parent.propertyName === id) return true;
  if ((ts.isLabeledStatement(parent) || ts.isBreakStatement(parent) || ts.isContinueStatement(parent)) && parent.label === id) return true;
  if (ts.isMetaProperty(parent)) return true;
  if ((ts.isFunctionDeclaration(parent) || ts.isFunctionExpression(parent) || ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) && parent.name === id) return true;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === id) return true;
  return false;
}

/** The names `source` (a JavaScript expression: a function or class) uses without declaring, in order of first use. */
export function freeVariables(source: string): string[] {
  const ts = typescript();
  const file = ts.createSourceFile("shipped.js", `(${source});`, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const declared = new Set<string>(["arguments"]);
  const used: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) || ts.isParameter(node)) declaredNames(node.name, declared);
    else if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.name) declared.add(node.name.text);
    else if (ts.isCatchClause(node) && node.variableDeclaration) declaredNames(node.variableDeclaration.name, declared);
    else if (ts.isIdentifier(node) && !isNotAReference(node)) used.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...new Set(used)].filter((name) => !declared.has(name));
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
