/**
 * tslab compatibility: `import * as tslab from "tslab"` in a lazylab cell gets this module, so
 * notebooks written for tslab (`tslab.display.html(…)`, `tslab.newDisplay()`) run unchanged.
 */
export { type Display, display, newDisplay } from "./jupyter.js";

/** Versions of the pieces, as tslab reports them. */
export const versions = { tslab: "lazylab", node: process.versions.node };

/** Whether the code runs in Node (always, in this kernel). */
export function isNode(): boolean {
  return true;
}

/** Whether the code runs in a browser (never, in this kernel). */
export function isBrowser(): boolean {
  return false;
}
