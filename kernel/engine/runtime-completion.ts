/**
 * Completion and inspection from the live objects of the session: members of whatever the
 * expression before the cursor names (literals included: `Math.PI.toFix`, `"abc".len`),
 * globals and earlier cells' names, keywords, and magic names after `%`.
 */
import { inspect as utilInspect } from "node:util";
import type { Completion, Inspection } from "../contract/language.js";
import { Object, Number, Set } from "../contract/intrinsics.js";

const KEYWORDS = (
  "abstract as async await break case catch class const continue debugger declare default delete do else enum export extends " +
  "false finally for from function get if implements import in instanceof interface keyof let namespace new null of private " +
  "protected public readonly return satisfies set static super switch this throw true try type typeof undefined unique unknown " +
  "using var void while with yield"
).split(" ");

const MEMBER =
  /((?:[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\])(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*)\s*\??\.\s*([A-Za-z_$][\w$]*)?$/;
const WORD = /([A-Za-z_$][\w$]*)?$/;

/** Completions at `cursor` (UTF-16 offset) in `code`, given the magic names known. */
export function completeAt(code: string, cursor: number, magicNames: string[]): Completion {
  const before = code.slice(0, cursor);
  const lineStart = before.lastIndexOf("\n") + 1;
  const magic = /^\s*(%%?)([\w-]*)$/.exec(before.slice(lineStart));
  if (magic !== null) {
    const matches = magicNames.filter((n) => n.startsWith(magic[2])).map((n) => magic[1] + n);
    return { matches, cursorStart: cursor - magic[1].length - magic[2].length, cursorEnd: cursor, metadata: {} };
  }
  const member = MEMBER.exec(before);
  if (member !== null) {
    const prefix = member[2] ?? "";
    const target = resolve(member[1]);
    const names = target.found ? memberNames(target.value) : [];
    return result(
      names.filter((n) => n.startsWith(prefix)),
      cursor - prefix.length,
      cursor,
      target.found ? target.value : undefined,
    );
  }
  const prefix = WORD.exec(before)?.[1] ?? "";
  const declared = [...code.matchAll(/\b(?:const|let|var|function\*?|class|enum|interface|type)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
  const names = new Set([...globalNames(), ...declared, ...KEYWORDS]);
  return result([...names].filter((n) => n.startsWith(prefix)).sort(), cursor - prefix.length, cursor, globalThis);
}

/** What the name at `cursor` is: its type and value, or its signature for functions. */
export function inspectAt(code: string, cursor: number, detailLevel: number): Inspection {
  let end = cursor;
  while (end < code.length && /[\w$]/.test(code[end])) end++;
  const chain = /((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*[A-Za-z_$][\w$]*)$/.exec(code.slice(0, end))?.[1];
  if (chain === undefined) return { found: false, data: {}, metadata: {} };
  const target = resolve(chain);
  if (!target.found) return { found: false, data: {}, metadata: {} };
  const value = target.value;
  const type = value === null ? "null" : typeof value === "object" ? (value.constructor?.name ?? "Object") : typeof value;
  const lines = [`${chain}: ${type}`];
  if (typeof value === "function") {
    const source = Function.prototype.toString.call(value);
    lines.push(detailLevel > 0 ? source : signatureOf(source));
  } else {
    lines.push(utilInspect(value, { depth: detailLevel > 0 ? 4 : 1, maxArrayLength: 20, breakLength: 80 }));
  }
  const text = lines.join("\n");
  return { found: true, data: { "text/plain": text, "text/markdown": `\`\`\`typescript\n${text}\n\`\`\`` }, metadata: {} };
}

function result(matches: string[], cursorStart: number, cursorEnd: number, owner: unknown): Completion {
  const types = matches.map((text) => ({ start: cursorStart, end: cursorEnd, text, type: kindOf(owner, text) }));
  return { matches, cursorStart, cursorEnd, metadata: { _jupyter_types_experimental: types } };
}

function kindOf(owner: unknown, name: string): string {
  if (KEYWORDS.includes(name)) return "keyword";
  try {
    const v = owner === undefined || owner === null ? undefined : (Object(owner) as Record<string, unknown>)[name];
    if (typeof v === "function") return /^class\b/.test(Function.prototype.toString.call(v)) ? "class" : "function";
    return owner === globalThis ? "variable" : "property";
  } catch {
    return "property";
  }
}

function globalNames(): string[] {
  return memberNames(globalThis).filter((n) => !n.startsWith("__lazylab"));
}

/** Property names of a value and its prototype chain (primitives through their wrappers). */
function memberNames(value: unknown): string[] {
  const names = new Set<string>();
  for (
    let o: unknown = value === null || value === undefined ? undefined : Object(value);
    o !== null && o !== undefined;
    o = Object.getPrototypeOf(o)
  ) {
    for (const n of Object.getOwnPropertyNames(o)) if (/^[A-Za-z_$][\w$]*$/.test(n)) names.add(n);
    if (o === Object.prototype && value !== Object.prototype) break;
  }
  return [...names].sort();
}

/** Evaluates a member chain without calling anything: literals, then property lookups from globalThis. */
function resolve(chain: string): { found: true; value: unknown } | { found: false } {
  const literal = /^(\d+(?:\.\d+)?|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\])/.exec(chain);
  let value: unknown;
  let rest = chain;
  if (literal !== null) {
    const text = literal[1];
    value = text === "]" ? [] : /^\d/.test(text) ? Number(text) : "";
    rest = chain.slice(text.length);
  } else {
    value = globalThis;
  }
  for (const part of rest.split(/\s*\??\.\s*/).filter((p) => p !== "")) {
    try {
      const holder = Object(value) as Record<string, unknown>;
      if (!(part in holder)) return { found: false };
      value = holder[part];
    } catch {
      return { found: false };
    }
  }
  return literal === null && chain.trim() === "" ? { found: false } : { found: true, value };
}

function signatureOf(source: string): string {
  const header = source.slice(0, source.indexOf("{") > 0 ? source.indexOf("{") : undefined).trim();
  return header.length > 0 && header.length < 300 ? header : (source.split("\n")[0] ?? "");
}
