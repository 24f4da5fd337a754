/**
 * A paused stack as the debugger's client sees it: V8's call frames mapped to cell paths and
 * TypeScript lines (library frames to their `.ts` files), and each frame's scopes. Frames of
 * the kernel, of Node and of other packages are left out, as tracebacks leave them out.
 */
import type { Sources } from "./sources.js";
import type { Handles, RemoteObject } from "./variables.js";

/** Raised for a request the adapter cannot answer (a failed DAP response, not a kernel error). */
export class DapError extends Error {}

/** A V8 call frame of a pause, the fields read here. */
export interface CallFrame {
  callFrameId: string;
  functionName: string;
  location: { scriptId: string; lineNumber: number; columnNumber: number };
  url: string;
  scopeChain: { type: string; name?: string; object: RemoteObject }[];
  this: RemoteObject;
}

/** Scripts the user never steps through: the kernel, Node's internals, other packages. */
export const BLACKBOX = ["/dist/kernel/", "^node:", "/node_modules/(?!lazylab/)", "^internal/"];

/** Whether a script URL is one of BLACKBOX's (or has none). */
export const isBlackboxed = (url: string): boolean => url === "" || BLACKBOX.some((p) => new RegExp(p).test(url));

/** The DAP stack frames of the visible call frames, innermost first (ids 1, 2, …). */
export function describeFrames(visible: CallFrame[], sources: Sources): Record<string, unknown>[] {
  return visible.map((frame, i) => {
    const { scriptId, lineNumber, columnNumber } = frame.location;
    const where = sources.locate(scriptId, lineNumber, columnNumber);
    const script = sources.get(scriptId);
    const path = where?.path ?? (script?.url || frame.url);
    const name = frame.functionName !== "" ? frame.functionName : script?.cell !== undefined ? "(cell)" : "(anonymous)";
    return {
      id: i + 1,
      name,
      line: where?.line ?? lineNumber + 1,
      column: where?.column ?? columnNumber + 1,
      source: { name: path.split(/[\\/]/).pop() ?? path, path },
    };
  });
}

const SCOPE_NAMES: Record<string, string> = {
  local: "Locals",
  closure: "Closure",
  block: "Block",
  catch: "Catch",
  script: "Script",
  module: "Module",
  with: "With",
};

/** A frame's scopes, innermost first, then the notebook's globals (not Node's hundreds of globals). */
export function scopesOf(frame: CallFrame, frameId: number, sources: Sources, handles: Handles): Record<string, unknown>[] {
  const scopes: Record<string, unknown>[] = [];
  const cellTop = sources.get(frame.location.scriptId)?.cell !== undefined && frame.functionName === "";
  for (const scope of frame.scopeChain) {
    if (scope.type === "global" || scope.object.objectId === undefined) continue;
    if (cellTop && scope.type === "local") continue; // the cell's wrapper: only `require`
    const variablesReference = handles.add({ kind: "object", objectId: scope.object.objectId, frameId });
    scopes.push({ name: SCOPE_NAMES[scope.type] ?? scope.type, variablesReference, expensive: false });
  }
  scopes.push({ name: "Globals", variablesReference: handles.add({ kind: "globals" }), expensive: false });
  return scopes;
}
