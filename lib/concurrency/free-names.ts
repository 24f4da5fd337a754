/**
 * Which names a function uses without declaring them. A function shipped to a worker or a child
 * process is rebuilt there from its source text, far from the cell that defined it: only its
 * parameters, its own declarations, the standard globals and this library's exports exist there.
 * Finding the other names before shipping turns a puzzling ReferenceError inside a worker into a
 * clear refusal in the cell. The TypeScript parser (already a dependency) reads the source.
 */
import { createRequire } from "node:module";
import vm from "node:vm";
import type * as T from "typescript";

const require = createRequire(import.meta.url);
let ts: typeof T | undefined;

// Globals a worker thread and a child process both have besides the language's own.
const NODE_GLOBALS = [
  "console",
  "process",
  "Buffer",
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "setImmediate",
  "clearImmediate",
  "queueMicrotask",
  "structuredClone",
  "performance",
  "fetch",
  "URL",
  "URLSearchParams",
  "TextEncoder",
  "TextDecoder",
  "AbortController",
  "AbortSignal",
  "atob",
  "btoa",
  "Blob",
  "crypto",
  "global",
  "globalThis",
  "EventTarget",
  "Event",
  "MessageChannel",
  "MessagePort",
  "BroadcastChannel",
  "Headers",
  "Request",
  "Response",
  "FormData",
  "undefined",
  "arguments",
];

let standard: Set<string> | undefined;

/** Names every shipped function may use: the language's globals and Node's. */
function standardGlobals(): Set<string> {
  standard ??= new Set([...(vm.runInNewContext("Object.getOwnPropertyNames(globalThis)") as string[]), ...NODE_GLOBALS]);
  return standard;
}

/** The names `source` (a function's text) uses but neither declares nor finds among `available` and the standard globals. */
export function freeNames(source: string, available: Iterable<string>): string[] {
  ts ??= require("typescript") as typeof T;
  const t = ts;
  const file = t.createSourceFile("shipped.js", `(${source})`, t.ScriptTarget.Latest, true, t.ScriptKind.JS);
  const declared = new Set<string>();
  const used = new Set<string>();
  const bind = (name: T.BindingName | undefined): void => {
    if (name === undefined) return;
    if (t.isIdentifier(name)) declared.add(name.text);
    else for (const element of name.elements) if (!t.isOmittedExpression(element)) bind(element.name);
  };
  const visit = (node: T.Node): void => {
    if (t.isVariableDeclaration(node) || t.isParameter(node) || t.isBindingElement(node)) bind(node.name);
    else if (
      (t.isFunctionDeclaration(node) || t.isFunctionExpression(node) || t.isClassDeclaration(node) || t.isClassExpression(node)) &&
      node.name
    )
      declared.add(node.name.text);
    else if (t.isIdentifier(node) && isReference(t, node)) used.add(node.text);
    t.forEachChild(node, visit);
  };
  visit(file);
  const known = new Set([...standardGlobals(), ...available]);
  return [...used].filter((name) => !declared.has(name) && !known.has(name));
}

// An identifier that names a variable (not a property, a key, a label or a declaration's own name).
function isReference(t: typeof T, node: T.Identifier): boolean {
  const parent = node.parent;
  if (t.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (
    (t.isPropertyAssignment(parent) ||
      t.isMethodDeclaration(parent) ||
      t.isPropertyDeclaration(parent) ||
      t.isGetAccessor(parent) ||
      t.isSetAccessor(parent)) &&
    parent.name === node
  )
    return false;
  if (t.isBindingElement(parent) && parent.propertyName === node) return false;
  if (t.isLabeledStatement(parent) || t.isBreakOrContinueStatement(parent)) return false;
  if (
    (t.isFunctionDeclaration(parent) || t.isFunctionExpression(parent) || t.isClassDeclaration(parent) || t.isClassExpression(parent)) &&
    parent.name === node
  )
    return false;
  if ((t.isVariableDeclaration(parent) || t.isParameter(parent) || t.isBindingElement(parent)) && parent.name === node) return false;
  if (t.isMetaProperty(parent)) return false;
  return true;
}
