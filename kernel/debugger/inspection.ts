/**
 * The variable explorer's requests, answered by the kernel's main-thread hooks
 * (kernel/language/debug-hooks.ts) through the inspector: the notebook's top-level names with
 * their TypeScript types (inspectVariables), and a value's MIME bundle exactly as a cell showing
 * it would render (richInspectVariables: a Stream, a logic answer, a MapReduce result).
 */
import type { InspectorLink } from "./inspector-link.js";
import { type Handles, type PropertyDescriptor, type RemoteObject, type Variable, toVariable } from "./variables.js";

/** The expression that reaches the hooks from any frame. */
export const HOOKS = 'globalThis[Symbol.for("lazylab.debug")]';

/** Where to evaluate: in a paused frame, or globally. */
export type Place = { callFrameId: string } | undefined;

/** Raised when an evaluation throws in the debuggee. */
export class EvaluationError extends Error {
  override name = "EvaluationError";
}

interface Evaluated {
  result: RemoteObject;
  exceptionDetails?: { text?: string; exception?: RemoteObject };
}

/** Evaluates `expression` in `place`; throws EvaluationError with the debuggee's message when it throws. */
export async function evaluate(link: InspectorLink, expression: string, place: Place, returnByValue = false): Promise<RemoteObject> {
  const params = { expression, returnByValue, generatePreview: false, silent: true, objectGroup: "lazylab-debugger" };
  const out =
    place === undefined
      ? await link.post<Evaluated>("Runtime.evaluate", params)
      : await link.post<Evaluated>("Debugger.evaluateOnCallFrame", { ...params, callFrameId: place.callFrameId });
  if (out.exceptionDetails !== undefined) {
    const description = out.exceptionDetails.exception?.description ?? out.exceptionDetails.text ?? "the expression threw";
    throw new EvaluationError(description.split("\n")[0]);
  }
  return out.result;
}

/** Calls a hook and parses the JSON text it returns. */
async function hook<T>(link: InspectorLink, call: string, place: Place): Promise<T> {
  const result = await evaluate(link, `${HOOKS}.${call}`, place, true);
  return JSON.parse(String(result.value)) as T;
}

/** The notebook's top-level names, each with its TypeScript type (from the checker). */
export function notebookNames(link: InspectorLink): Promise<{ name: string; type: string; value: string }[]> {
  return hook(link, "variables()", undefined);
}

/**
 * The notebook's globals as DAP variables (expandable); `typed`: with their TypeScript types (the
 * variable explorer's table), else objects with their class and primitives with their value only
 * (the paused frame's tree).
 */
export async function globals(link: InspectorLink, handles: Handles, typed: boolean): Promise<Variable[]> {
  const names = await notebookNames(link);
  if (names.length === 0) return [];
  const global = await evaluate(link, "globalThis", undefined);
  const { result } = await link.post<{ result: PropertyDescriptor[] }>("Runtime.getProperties", {
    objectId: global.objectId,
    ownProperties: true,
  });
  const byName = new Map(result.map((p) => [p.name, p]));
  const out: Variable[] = [];
  for (const { name, type } of names) {
    const property = byName.get(name);
    if (property !== undefined) out.push(toVariable(property, handles, typed ? type : undefined));
  }
  return out;
}

/** A variable's MIME bundle as the kernel displays it; `name` must be a plain identifier. */
export async function richBundle(
  link: InspectorLink,
  name: string,
  place: Place,
): Promise<{ data: Record<string, unknown>; metadata: Record<string, unknown> }> {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new EvaluationError(`not a variable name: ${JSON.stringify(name).slice(0, 60)}`);
  return hook(link, `bundle(${name})`, place);
}

/** Stream text the cell wrote that was still buffered (taken, so it is published exactly once). */
export function takeOutput(link: InspectorLink): Promise<{ name: string; text: string; parent: Record<string, unknown> } | null> {
  return hook(link, "takeOutput()", undefined);
}
