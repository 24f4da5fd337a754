/**
 * What a generator is, shown without resuming it: its function's name and whether it is
 * suspended or closed. JavaScript offers no way to ask a generator that short of calling
 * next(), which would consume an element; V8's inspector protocol reads the internal slots
 * ([[GeneratorState]], [[GeneratorFunction]]) instead, synchronously, on an in-process session.
 */
import { Session } from "node:inspector";
import { escapeHtml } from "../../lib/render/escape-html.js";
import type { MimeBundle } from "../contract/language.js";
import { Symbol, Object } from "../contract/intrinsics.js";

/** A generator as the display describes it. */
export interface GeneratorInfo {
  kind: "generator" | "async generator";
  /** The generator function's name ("anonymous" if it has none). */
  name: string;
  state: "suspended" | "running" | "closed";
}

const PROBE = Symbol.for("lazylab.generatorProbe");
const GROUP = "lazylab-generator-probe";
let session: Session | undefined;

type RemoteObject = { objectId?: string; value?: unknown; type?: string; className?: string };
type Reply = { result?: RemoteObject; internalProperties?: { name: string; value?: RemoteObject }[] };

// On a session in the same thread, post() calls back before it returns.
function post(method: string, params: object): Reply | undefined {
  let reply: Reply | undefined;
  session!.post(method, params, (error, result) => (reply = error === null ? (result as Reply) : undefined));
  return reply;
}

/** The name and state of `value` if it is a generator object, read without resuming it. */
export function generatorInfo(value: unknown): GeneratorInfo | undefined {
  const tag = Object.prototype.toString.call(value);
  if (tag !== "[object Generator]" && tag !== "[object AsyncGenerator]") return undefined;
  try {
    if (session === undefined) {
      session = new Session();
      session.connect();
    }
    (globalThis as Record<symbol, unknown>)[PROBE] = value;
    const found = post("Runtime.evaluate", { expression: `globalThis[Symbol.for("lazylab.generatorProbe")]`, objectGroup: GROUP });
    const objectId = found?.result?.objectId;
    if (objectId === undefined) return undefined;
    const slots = post("Runtime.getProperties", { objectId, ownProperties: true })?.internalProperties ?? [];
    const state = slots.find((p) => p.name === "[[GeneratorState]]")?.value?.value;
    const fn = slots.find((p) => p.name === "[[GeneratorFunction]]")?.value?.objectId;
    if (state !== "suspended" && state !== "running" && state !== "closed") return undefined;
    const named =
      fn === undefined
        ? undefined
        : post("Runtime.callFunctionOn", { objectId: fn, functionDeclaration: "function () { return this.name }", returnByValue: true });
    const bare = typeof named?.result?.value === "string" && named.result.value !== "" ? named.result.value : "anonymous";
    // A generator method names its class: LetterIterable[Symbol.iterator], Tree.walk.
    const receiver = slots.find((p) => p.name === "[[GeneratorReceiver]]")?.value;
    const owner =
      receiver?.type === "object" && receiver.className !== undefined && !["Object", "global", "Window"].includes(receiver.className)
        ? receiver.className
        : undefined;
    const name = owner === undefined ? bare : bare.startsWith("[") ? `${owner}${bare}` : `${owner}.${bare}`;
    return { kind: tag === "[object Generator]" ? "generator" : "async generator", name, state };
  } catch {
    return undefined; // no inspector (or it is busy with a debugger): fall back to util.inspect
  } finally {
    delete (globalThis as Record<symbol, unknown>)[PROBE];
    if (session !== undefined) post("Runtime.releaseObjectGroup", { objectGroup: GROUP });
  }
}

/** The MIME bundle of a generator object (`<generator lettersGenerator (suspended)>`), or undefined for other values. */
export function generatorBundle(value: unknown): MimeBundle | undefined {
  const info = generatorInfo(value);
  if (info === undefined) return undefined;
  const text = `<${info.kind} ${info.name} (${info.state})>`;
  const note =
    info.state === "closed"
      ? "finished: next() returns done"
      : "paused (before its first statement, or at a yield): next() runs it to the next yield; showing it ran nothing";
  const html =
    `<code>${escapeHtml(`<${info.kind} ${info.name}>`)}</code> ` +
    `<span style="display:inline-block;padding:0 8px;border-radius:9px;background:${info.state === "closed" ? "#9e9e9e" : "#1565c0"};color:white;font-size:0.85em">${info.state}</span> ` +
    `<span style="color:#757575;font-size:0.85em;font-family:sans-serif">${escapeHtml(note)}</span>`;
  return { "text/plain": text, "text/html": html };
}
