/**
 * Widget state on the wire: JSON with binary values moved out into buffers (their places listed
 * in `buffer_paths`), and widgets referenced as "IPY_MODEL_<id>", as ipywidgets serializes them.
 */

/** Something that has a model id (a widget). */
export interface ModelReference {
  readonly modelId: string;
}

/** A state ready to send: JSON values, the binary buffers, and where each buffer goes. */
export interface WireState {
  state: Record<string, unknown>;
  buffers: Uint8Array[];
  buffer_paths: (string | number)[][];
}

function isReference(value: unknown): value is ModelReference {
  return value !== null && typeof value === "object" && typeof (value as ModelReference).modelId === "string";
}

function encode(value: unknown, path: (string | number)[], out: WireState): unknown {
  if (value instanceof Uint8Array || value instanceof DataView || value instanceof ArrayBuffer) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    out.buffers.push(bytes);
    out.buffer_paths.push(path);
    return null;
  }
  if (isReference(value)) return `IPY_MODEL_${value.modelId}`;
  if (Array.isArray(value)) return value.map((v, i) => encode(v, [...path, i], out));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v, [...path, k], out)]));
  }
  return value;
}

/** `state` serialized: buffers split out, widget references as IPY_MODEL_ strings. */
export function toWire(state: Record<string, unknown>): WireState {
  const out: WireState = { state: {}, buffers: [], buffer_paths: [] };
  for (const [key, value] of Object.entries(state)) out.state[key] = encode(value, [key], out);
  return out;
}

/** A received state with its buffers put back in place (as DataViews, as the front end sends them). */
export function fromWire(state: Record<string, unknown>, paths: unknown, buffers: Uint8Array[]): Record<string, unknown> {
  const copy = structuredClone(state);
  if (!Array.isArray(paths)) return copy;
  paths.forEach((path, i) => {
    if (!Array.isArray(path) || path.length === 0 || buffers[i] === undefined) return;
    let target = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    const bytes = buffers[i];
    target[path[path.length - 1]] = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  });
  return copy;
}
