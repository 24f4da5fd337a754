/**
 * How a target function reaches a worker or a child process. Functions from the library name
 * their module and export (`moduleFunction`), and are imported there. Functions from cells are
 * shipped as source text (the kernel has already compiled them to JavaScript) and rebuilt with
 * the library's worker-side names in scope; a function that uses anything else from the cell
 * that defined it is refused here, with the names, since it would not find them there.
 */
import vm from "node:vm";
import * as workerApi from "./worker-api.js";
import { freeNames } from "./free-names.js";
import { ShippingError } from "./shippable.js";

/** A cell's function shipped as source text, under its name. */
export interface ShippedSource {
  name: string;
  source: string;
}

/** A target as it travels; `helpers` are the cell's functions it calls (the `uses` option). */
export type ShippedTarget =
  | { kind: "source"; source: string; name: string; helpers?: ShippedSource[] }
  | { kind: "module"; url: string; name: string };

const MODULE_REF = Symbol("lazylab.moduleFunction");

/** Marks `fn` as export `name` of module `url`, so it is imported in workers rather than shipped as text. */
export function moduleFunction<F extends (...args: never[]) => unknown>(url: string, name: string, fn: F): F {
  Object.defineProperty(fn, MODULE_REF, { value: { url, name } });
  return fn;
}

/** The names a shipped function finds in scope besides the standard globals. */
export const WORKER_NAMES = Object.keys(workerApi);

/**
 * Describes `fn` for shipping, or throws a ShippingError saying why it cannot go. `uses` are
 * functions of the cell that `fn` calls (the chapter's `already_seen` called from a crawler
 * thread): they travel with it as source text and are in scope, under their names, where it runs.
 */
export function shipTarget(fn: unknown, uses: readonly unknown[] = []): ShippedTarget {
  if (typeof fn !== "function") throw new TypeError(`target must be a function, not ${typeof fn}`);
  const ref = (fn as { [MODULE_REF]?: { url: string; name: string } })[MODULE_REF];
  if (ref !== undefined) {
    if (uses.length > 0) throw new ShippingError(`${ref.name} is a library function; only a cell's function takes helpers (uses)`);
    return { kind: "module", ...ref };
  }
  const helpers = uses.map((helper) => {
    if (typeof helper !== "function" || helper.name === "") throw new TypeError("each of uses must be a named function");
    return { name: helper.name, source: sourceOf(helper, helper.name) };
  });
  const available = [...WORKER_NAMES, ...helpers.map((h) => h.name)];
  for (const helper of helpers) refuseFreeNames(helper.name, helper.source, available);
  const name = fn.name || "target";
  const source = sourceOf(fn, name);
  refuseFreeNames(name, source, available);
  return helpers.length > 0 ? { kind: "source", source, name, helpers } : { kind: "source", source, name };
}

// A function's source text as an expression.
function sourceOf(fn: object, name: string): string {
  let source = Function.prototype.toString.call(fn);
  if (source.includes("[native code]")) throw new ShippingError(`${name} is a built-in or bound function; ship a plain function instead`);
  if (/^class[\s{]/.test(source)) throw new ShippingError(`${name} is a class; ship a function`);
  if (!compiles(source)) source = /^async\s/.test(source) ? `async function ${source.replace(/^async\s+/, "")}` : `function ${source}`; // method shorthand
  if (!compiles(source)) throw new ShippingError(`cannot ship ${name}: its source text is not a function expression`);
  return source;
}

// Throws a ShippingError naming what `source` uses from the notebook besides `available`.
function refuseFreeNames(name: string, source: string, available: readonly string[]): void {
  const free = freeNames(source, available);
  if (free.length > 0) {
    const list = free.map((n) => `'${n}'`).join(", ");
    throw new ShippingError(
      `cannot ship ${name} to a worker: it uses ${list} from the notebook, and a worker has memory of its own. ` +
        `Pass ${free.length === 1 ? "it" : "them"} as args (shared objects such as SharedInts, Lock or Queue stay shared; other values are copied), ` +
        `or define ${free.length === 1 ? "it" : "them"} inside the function` +
        ", or (a function of the cell) name it in the `uses` option.",
    );
  }
}

function compiles(source: string): boolean {
  try {
    new vm.Script(`(${source})`);
    return true;
  } catch {
    return false;
  }
}

/** Rebuilds a shipped target (in the worker or child process). */
export async function reviveTarget(target: ShippedTarget, label: string): Promise<(...args: unknown[]) => unknown> {
  if (target.kind === "module") {
    const module = (await import(target.url)) as Record<string, unknown>;
    const fn = module[target.name];
    if (typeof fn !== "function") throw new Error(`${target.url} has no function ${target.name}`);
    return fn as (...args: unknown[]) => unknown;
  }
  const values = WORKER_NAMES.map((n) => (workerApi as Record<string, unknown>)[n]);
  const helpers = (target.helpers ?? []).map((h) => `const ${h.name} = (${h.source});\n`).join("");
  const make = vm.compileFunction(`"use strict"; ${helpers}return (${target.source});`, WORKER_NAMES, { filename: label });
  return make(...values) as (...args: unknown[]) => unknown;
}
