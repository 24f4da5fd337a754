/** The `__lazylab` helpers compiled cells call: declaring globals, imports, line magics. */
import { HELPERS } from "./transform.js";

/** What the helpers delegate to. */
export interface HelperDeps {
  importBindings(specifier: string, pairs: string[]): Promise<Record<string, unknown>>;
  lineMagic(name: string, args: string): Promise<unknown>;
}

/** Installs the helpers on the global object (not enumerable, so completion does not list them). */
export function installHelpers(deps: HelperDeps): void {
  const helpers = {
    /** Makes each top-level name of a cell a global property, so strict-mode assignment works. */
    declare(names: string[]): void {
      for (const name of names) {
        if (!Object.prototype.hasOwnProperty.call(globalThis, name)) {
          Object.defineProperty(globalThis, name, { value: undefined, writable: true, enumerable: true, configurable: true });
        }
      }
    },
    import: deps.importBindings,
    lineMagic: deps.lineMagic,
  };
  Object.defineProperty(globalThis, HELPERS, { value: helpers, enumerable: false, configurable: true });
}
