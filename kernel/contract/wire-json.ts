/**
 * Values turned into the JSON text that goes on the wire, on the main thread, before they cross
 * to the protocol thread. A cell's output can hold anything: a BigInt or a cycle (JSON.stringify
 * throws), or an array nested thousands deep (structured cloning overflows the stack, and Python
 * front ends, whose json module recurses, cannot parse it). Checking here turns each of those into
 * an error for that cell; the protocol thread only ever receives text it can send as it is.
 */
import { JSON, String, Error } from "./intrinsics.js";

/**
 * The deepest nesting a message's content may have. jupyter_client parses with Python's json,
 * which gives up near 1,000 levels (its recursion limit); the envelope adds a few.
 */
export const MAX_JSON_DEPTH = 512;

/** JSON text that is sent as it is (never stringified again). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Raised when a value cannot be sent to the front end. */
export class WireValueError extends Error {
  override name = "WireValueError";
}

/** How deep the arrays and objects of JSON `text` nest (a linear scan that skips strings). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * The JSON text of `value` for a message's content; throws WireValueError saying why it cannot
 * be sent (BigInt, cycle, too deep, a throwing toJSON or getter).
 */
export function toWireJson(value: unknown, what = "this output"): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const why = /BigInt/i.test(message)
      ? "it holds a BigInt, which JSON cannot encode (convert it with String(n) or Number(n))"
      : /circular/i.test(message)
        ? "it holds a cycle (an object that contains itself), which JSON cannot encode"
        : /call stack/i.test(message)
          ? `it is nested too deeply for JSON (at most ${MAX_JSON_DEPTH} levels can be sent)`
          : `encoding it as JSON failed: ${message}`;
    throw new WireValueError(`${what} cannot be sent to the front end: ${why}`);
  }
  if (text === undefined) return "null";
  const depth = jsonDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new WireValueError(
      `${what} cannot be sent to the front end: it is nested ${depth} levels deep, and at most ${MAX_JSON_DEPTH} can be sent (Jupyter's Python clients cannot parse deeper JSON)`,
    );
  }
  return text;
}
