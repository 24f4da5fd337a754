/** A short text for a value in a trace ("3", "null", "{"url":"/a"}", "Float64Array(2000)"). */
export function describeValue(value: unknown): number | string {
  if (typeof value === "number") return value;
  if (value === null || value === undefined) return String(value);
  const text =
    typeof value === "string"
      ? value
      : ArrayBuffer.isView(value)
        ? `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`
        : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
