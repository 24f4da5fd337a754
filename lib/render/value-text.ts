/** Short one-line text of any value, as a REPL would print it, for use inside rendered views. */
import { inspect } from "node:util";

/** `value` on one line, at most `maxLength` characters (strings quoted, as the chapter's repr does). */
export function valueText(value: unknown, maxLength = 60): string {
  const text = inspect(value, { depth: 2, breakLength: Infinity, maxArrayLength: 10, maxStringLength: maxLength });
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
