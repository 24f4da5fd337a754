/**
 * The main thread's side of the debugger. The debugger itself runs on the protocol thread and
 * reaches this thread through V8's inspector; what it needs from the kernel here (the notebook's
 * names and types, a value's MIME bundle as a cell would show it, stream text not yet sent) it
 * gets by evaluating calls to these hooks, which return JSON text. Installing them costs one
 * property; nothing runs unless a debugger attached.
 */
import { toMimeBundle, plainText } from "../display/mimebundle.js";
import type { OutputRouter } from "../display/output.js";
import { JSON, Object, Symbol, String } from "../contract/intrinsics.js";

/** The global symbol the hooks live under (the debugger evaluates `globalThis[Symbol.for(...)]`). */
export const DEBUG_HOOKS = "lazylab.debug";

/** What the hooks read from the language. */
export interface DebugHookDeps {
  router: Pick<OutputRouter, "take">;
  /** The notebook's top-level value names and their TypeScript types. */
  names(): { name: string; type: string }[];
}

const SHORT = 200;

/** Registers the hooks on the global object (not enumerable: completion and `globalThis` listings skip them). */
export function installDebugHooks(deps: DebugHookDeps): void {
  const g = globalThis as Record<string | symbol, unknown>;
  const hooks = {
    /** The notebook's top-level names with values (short text) and types, as JSON. */
    variables(): string {
      const out: { name: string; value: string; type: string }[] = [];
      for (const { name, type } of deps.names()) {
        if (!Object.hasOwn(g, name)) continue;
        let value: string;
        try {
          value = plainText(g[name]);
        } catch (error) {
          value = `<cannot show: ${String((error as Error)?.message ?? error)}>`;
        }
        out.push({ name, value: value.length > SHORT ? `${value.slice(0, SHORT)}…` : value, type: type || typeof g[name] });
      }
      return JSON.stringify(out);
    },
    /** The MIME bundle a cell showing `value` would produce, as JSON. */
    bundle(value: unknown): string {
      return JSON.stringify(toMimeBundle(value));
    },
    /** Stream text buffered for the front end, taken out of the buffer (JSON, "null" when none). */
    takeOutput(): string {
      return JSON.stringify(deps.router.take() ?? null);
    },
  };
  Object.defineProperty(g, Symbol.for(DEBUG_HOOKS), { value: hooks, configurable: true });
}
