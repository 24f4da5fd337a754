/**
 * Shipping functions to other processes. A worker process (or a pipeline program) receives a
 * function as its source text, so the runner checks every name the function uses: globals of
 * any Node process are fine; the library's reducers (`sum`, …) are provided there; a top-level
 * function or plain data of the notebook is sent along (a snapshot, as pure functions allow);
 * anything else (a closure over local variables, a database connection) is refused with a
 * message that says which name and why.
 */
import { serialize as v8serialize } from "node:v8";
import vm from "node:vm";
import { ShippingError } from "../errors.js";
import { freeVariables, isExpression } from "./free-variables.js";
import { LIBRARY } from "./library-names.js";
import { FOLD } from "../portable/reducers.js";

/** The roles a shipped function plays. */
export type Role = "map" | "combine" | "reduce" | "partition";

/** A name a shipped function needs besides its parameters. */
export interface ShippedName {
  name: string;
  /** library: provided by the worker; function: source text; json: a JSON literal; v8: base64 of v8.serialize. */
  kind: "library" | "function" | "json" | "v8";
  source: string;
}

/** Everything a worker needs to rebuild the job's functions. */
export interface ShippedFunctions {
  roles: Partial<Record<Role, string>>;
  names: ShippedName[];
}

const NODE_GLOBALS = [
  "console",
  "process",
  "Buffer",
  "global",
  "globalThis",
  "setTimeout",
  "clearTimeout",
  "setInterval",
  "clearInterval",
  "setImmediate",
  "clearImmediate",
  "queueMicrotask",
  "structuredClone",
  "URL",
  "URLSearchParams",
  "TextEncoder",
  "TextDecoder",
  "atob",
  "btoa",
  "performance",
  "AbortController",
  "AbortSignal",
  "Event",
  "EventTarget",
  "fetch",
  "crypto",
  "Blob",
  "undefined",
  "NaN",
  "Infinity",
];

let knownGlobals: Set<string> | undefined;

/** Names every Node process has: the language's built-ins and Node's globals. */
function globalsOfAnyProcess(): Set<string> {
  knownGlobals ??= new Set([...(vm.runInNewContext("Object.getOwnPropertyNames(globalThis)") as string[]), ...NODE_GLOBALS]);
  return knownGlobals;
}

/** The source of a function as an expression (method shorthand becomes a function expression; a fold reducer is rebuilt from its fold). */
export function functionSource(fn: Function, label: string): string {
  const fold = (fn as { [FOLD]?: unknown })[FOLD];
  if (typeof fold === "function") return `foldReducer(${functionSource(fold, `the fold of ${label}`)})`;
  const text = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(text)) {
    throw new ShippingError(
      `${label} is a built-in or bound function, whose source cannot be sent to worker processes; wrap it: (key, values) => …`,
    );
  }
  if (isExpression(text)) return text;
  const asFunction = text.replace(/^(async\s+)?(\*?)\s*/, (_m, a: string | undefined, star: string) => `${a ?? ""}function${star} `);
  if (isExpression(asFunction)) return asFunction;
  throw new ShippingError(`${label} cannot be sent to worker processes: its source is not a function expression (${text.slice(0, 60)}…)`);
}

/** Why a value cannot be sent as data, or undefined when it can (plain data, Map, Set, Date, RegExp, typed arrays). */
function unshippableData(value: unknown, seen = new Set<unknown>()): string | undefined {
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" ? `a ${typeof value}` : undefined;
  }
  if (seen.has(value)) return undefined;
  seen.add(value);
  if (value instanceof Date || value instanceof RegExp || ArrayBuffer.isView(value)) return undefined;
  if (Array.isArray(value) || value instanceof Set) {
    for (const item of value) {
      const why = unshippableData(item, seen);
      if (why) return why;
    }
    return undefined;
  }
  if (value instanceof Map) {
    for (const [k, v] of value) {
      const why = unshippableData(k, seen) ?? unshippableData(v, seen);
      if (why) return why;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `a ${proto?.constructor?.name ?? "class"} object`;
  for (const v of Object.values(value)) {
    const why = unshippableData(v, seen);
    if (why) return why;
  }
  return undefined;
}

/** Whether JSON text rebuilds the value exactly (no undefined, NaN, Map, Date … anywhere). */
function isJsonExact(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((v, i) => i in value && isJsonExact(v));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isJsonExact);
  return false;
}

/** One name a function uses, resolved in the notebook's scope (or refused). */
function resolveName(name: string, user: string, scope: Record<string, unknown>): ShippedName {
  const library = LIBRARY[name];
  if (library !== undefined && (!(name in scope) || scope[name] === undefined || scope[name] === library)) {
    return { name, kind: "library", source: name };
  }
  if (!(name in scope)) {
    throw new ShippingError(
      `${user} uses \`${name}\`, which it does not define and which is not a top-level name of the notebook. ` +
        `Worker processes receive only the function's source text, so a function cannot close over local state: ` +
        `define \`${name}\` inside ${user}, or at the top level of a cell.`,
    );
  }
  const value = scope[name];
  if (typeof value === "function") return { name, kind: "function", source: functionSource(value, `\`${name}\` (used by ${user})`) };
  const why = unshippableData(value);
  if (why !== undefined) {
    throw new ShippingError(
      `${user} uses \`${name}\`, which holds ${why}: only functions and plain data (JSON values, arrays, objects, Map, Set, Date, RegExp) can be sent to worker processes.`,
    );
  }
  if (isJsonExact(value)) return { name, kind: "json", source: JSON.stringify(value) };
  return { name, kind: "v8", source: v8serialize(value).toString("base64") };
}

/** Ships the job's functions with every notebook name they use (found in `scope`, by default the global scope). */
export function shipFunctions(
  functions: Partial<Record<Role, Function>>,
  scope: Record<string, unknown> = globalThis as Record<string, unknown>,
): ShippedFunctions {
  const roles: Partial<Record<Role, string>> = {};
  const names = new Map<string, ShippedName>();
  const queue: { source: string; user: string }[] = [];
  for (const [role, fn] of Object.entries(functions) as [Role, Function | undefined][]) {
    if (fn === undefined) continue;
    if (typeof fn !== "function") throw new ShippingError(`${role} must be a function, not ${typeof fn}`);
    const kind = fn.constructor?.name;
    if (kind === "AsyncFunction" || kind === "GeneratorFunction" || kind === "AsyncGeneratorFunction") {
      throw new ShippingError(
        `${role} must be an ordinary synchronous function (it is ${kind === "AsyncFunction" ? "async" : "a generator"}): emit pairs instead of awaiting or yielding them`,
      );
    }
    roles[role] = functionSource(fn, role);
    queue.push({ source: roles[role], user: role });
  }
  const builtins = globalsOfAnyProcess();
  while (queue.length > 0) {
    const { source, user } = queue.shift()!;
    for (const name of freeVariables(source)) {
      if (names.has(name) || builtins.has(name)) continue;
      const shipped = resolveName(name, user, scope);
      names.set(name, shipped);
      if (shipped.kind === "function") queue.push({ source: shipped.source, user: `\`${name}\`` });
    }
  }
  return { roles, names: [...names.values()] };
}
