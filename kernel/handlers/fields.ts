/**
 * Typed reads of a request's content. A client may send anything in a signed message (a number
 * for `code`, a string for `cursor_pos`); a wrong type is an error reply naming the field, never a
 * TypeError deep in the language side.
 */

/** Raised for a request field of the wrong type (the dispatcher turns it into an error reply). */
export class RequestFieldError extends Error {
  override name = "RequestFieldError";
}

/** `content[name]` as a string (`fallback` when absent). */
export function stringField(content: Record<string, unknown>, name: string, fallback: string): string {
  const value = content[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "string") throw new RequestFieldError(`${name} must be a string, not ${typeof value}`);
  return value;
}

/** `content[name]` as a whole number ≥ 0 (`fallback` when absent). */
export function countField(content: Record<string, unknown>, name: string, fallback: number): number {
  const value = content[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new RequestFieldError(`${name} must be a whole number ≥ 0, not ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return value;
}
