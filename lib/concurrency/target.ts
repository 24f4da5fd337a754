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

/** A target as it travels. */
export type ShippedTarget = { kind: "source"; source: string; name: string } | { kind: "module"; url: string; name: string };

const MODULE_REF = Symbol("lazylab.moduleFunction");

/** Marks `fn` as export `name` of module `url`, so it is imported in workers rather than shipped as text. */
export function moduleFunction<F extends (...args: never[]) => unknown>(url: string, name: string, fn: F): F {
  Object.defineProperty(fn, MODULE_REF, { value: { url, name } });
  return fn;
}

/** The names a shipped function finds in scope besides the standard globals. */
export const WORKER_NAMES = Object.keys(workerApi);

/** Describes `fn` for shipping, or throws a ShippingError saying why it cannot go. */
export function shipTarget(fn: unknown): ShippedTarget {
  if (typeof fn !== "function") throw new TypeError(`target must be a function, not ${typeof fn}`);
  const ref = (fn as { [MODULE_REF]?: { url: string; name: string } })[MODULE_REF];
  if (ref !== undefined) return { kind: "module", ...ref };
  const name = fn.name || "target";
  let source = Function.prototype.toString.call(fn);
  if (source.includes("[native code]")) throw new ShippingError(`${name} is a built-in or bound function; ship a plain function instead`);
  if (/^class[\s{]/.test(source)) throw new ShippingError(`${name} is a class; ship a function`);
  if (!compiles(source)) source = /^async\s/.test(source) ? `async function ${source.replace(/^async\s+/, "")}` : `function ${source}`; // method shorthand
  if (!compiles(source)) throw new ShippingError(`cannot ship ${name}: its source text is not a function expression`);
  const free = freeNames(source, WORKER_NAMES);
  if (free.length > 0) {
    const list = free.map((n) => `'${n}'`).join(", ");
    throw new ShippingError(
      `cannot ship ${name} to a worker: it uses ${list} from the notebook, and a worker has memory of its own. ` +
        `Pass ${free.length === 1 ? "it" : "them"} as args (shared objects such as SharedInts, Lock or Queue stay shared; other values are copied), ` +
        `or define ${free.length === 1 ? "it" : "them"} inside the function.`,
    );
  }
  return { kind: "source", source, name };
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
  const make = vm.compileFunction(`"use strict"; return (${target.source});`, WORKER_NAMES, { filename: label });
  return make(...values) as (...args: unknown[]) => unknown;
}
