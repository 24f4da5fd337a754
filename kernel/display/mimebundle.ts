/** Value → MIME bundle: the `jupyter.mimebundle` hook when a value has one, util.inspect otherwise. */
import { inspect } from "node:util";
import type { MimeBundle } from "../contract/language.js";
import { generatorBundle } from "./generator-state.js";

import { MIMEBUNDLE } from "../../lib/render/mimebundle.js";

/** The symbol of the hook that lets any value choose its rich representations (DESIGN.md): the library's. */
export { MIMEBUNDLE };

/** A display ready to send: data and metadata. */
export interface Displayable {
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

const BREAK_LENGTH = 100;

/** The plain-text form of any value, as Node's REPL would print it, on one line when it fits. */
export function plainText(value: unknown): string {
  if (typeof value === "string") return inspect(value);
  const options = { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: BREAK_LENGTH };
  // util.inspect lays arrays of more than six items out in columns even when they would fit on
  // one line; [2, 3, 5, 7, 11, 13, 17] should read as it does in Python (and in the chapter).
  const oneLine = inspect(value, { ...options, compact: true, breakLength: Infinity });
  return oneLine.length <= BREAK_LENGTH && !oneLine.includes("\n") ? oneLine : inspect(value, options);
}

/** The MIME bundle of a value; every bundle has text/plain. */
export function toMimeBundle(value: unknown): Displayable {
  const hook = hookOf(value);
  if (hook !== undefined) {
    const result = hook.call(value) as MimeBundle | { data: MimeBundle; metadata?: Record<string, unknown> };
    const withData = result !== null && typeof result === "object" && "data" in result && typeof result.data === "object";
    const data = { ...(withData ? (result.data as MimeBundle) : (result as MimeBundle)) };
    const metadata = withData ? ((result as { metadata?: Record<string, unknown> }).metadata ?? {}) : {};
    if (typeof data["text/plain"] !== "string") data["text/plain"] = plainText(value);
    return { data, metadata };
  }
  const generator = generatorBundle(value); // shown without being resumed
  if (generator !== undefined) return { data: generator, metadata: {} };
  return { data: { "text/plain": plainText(value) }, metadata: {} };
}

function hookOf(value: unknown): ((this: unknown) => unknown) | undefined {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  const hook = (value as Record<symbol, unknown>)[MIMEBUNDLE];
  return typeof hook === "function" ? (hook as (this: unknown) => unknown) : undefined;
}
