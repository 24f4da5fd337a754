/** The `__lazylab` helpers compiled cells call: declaring globals, imports, `require`, line magics. */
import { createRequire } from "node:module";
import { join } from "node:path";
import { HELPERS } from "./transform.js";
import { Object } from "../contract/intrinsics.js";

/** What the helpers delegate to. */
export interface HelperDeps {
  importBindings(specifier: string, pairs: string[]): Promise<Record<string, unknown>>;
  lineMagic(name: string, args: string): Promise<unknown>;
  /** The notebook's folder: `require` resolves from there (default: the working directory). */
  baseDir?: string;
}

/** Installs the helpers on the global object (not enumerable, so completion does not list them). */
export function installHelpers(deps: HelperDeps): void {
  const { defineProperty, getOwnPropertyDescriptor } = Object;
  const helpers = {
    /**
     * Makes each top-level name of a cell a writable global property, so strict-mode assignment
     * works. A global that is an accessor (Node's `crypto`, `performance`, `navigator`) or
     * read-only becomes a plain value, as a declaration in a module would shadow it.
     */
    declare(names: string[]): void {
      for (const name of names) {
        const own = getOwnPropertyDescriptor(globalThis, name);
        const plain = own !== undefined && own.get === undefined && own.set === undefined && own.writable === true;
        if (plain || (own !== undefined && own.configurable === false)) continue;
        defineProperty(globalThis, name, { value: undefined, writable: true, enumerable: true, configurable: true });
      }
    },
    import: deps.importBindings,
    /** `import(specifier)` in a cell: the same resolution as an import statement. */
    importModule: async (specifier: string): Promise<unknown> =>
      (await deps.importBindings(String(specifier), ["namespace", "*"])).namespace,
    /** `require` in a cell: CommonJS, JSON and builtins, from the notebook's folder. */
    require: createRequire(join(deps.baseDir ?? process.cwd(), "__notebook__.js")),
    lineMagic: deps.lineMagic,
  };
  defineProperty(globalThis, HELPERS, { value: helpers, enumerable: false, configurable: true });
}
