/**
 * Key/value pairs as lines of text, the format every phase exchanges (and Hadoop streaming
 * uses): the key, a TAB, the value, each written as JSON, so a TAB inside a string key is
 * escaped and the first TAB on a line always ends the key. Sorting these lines byte by byte
 * (`LC_ALL=C sort`) sorts them by key.
 *
 * Portable: imports nothing, so the pipeline runner can copy it next to the programs it writes.
 */

/** Raised when a key or value cannot travel as JSON. */
export class PairFormatError extends TypeError {
  override name = "PairFormatError";
}

/** The JSON text of a key or value; undefined and functions are refused with a clear message. */
export function serialize(value: unknown, what: "key" | "value"): string {
  const text = JSON.stringify(value);
  if (text === undefined)
    throw new PairFormatError(
      `emit: the ${what} is ${typeof value === "function" ? "a function" : String(value)}; keys and values must be JSON values`,
    );
  return text;
}

/** One pair as a line (without the newline): `"key"\tvalue`. */
export function formatPair(key: unknown, value: unknown): string {
  return `${serialize(key, "key")}\t${serialize(value, "value")}`;
}

/** The serialized key of a pair line (everything before the first TAB). */
export function keyText(line: string): string {
  const tab = line.indexOf("\t");
  return tab < 0 ? line : line.slice(0, tab);
}

/** The serialized value of a pair line (everything after the first TAB; "null" if none). */
export function valueText(line: string): string {
  const tab = line.indexOf("\t");
  return tab < 0 ? "null" : line.slice(tab + 1);
}

/** Parses a pair line back into key and value. */
export function parsePair(line: string): [unknown, unknown] {
  return [JSON.parse(keyText(line)), JSON.parse(valueText(line))];
}
