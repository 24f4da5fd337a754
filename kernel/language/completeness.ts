/** is_complete: whether a console should run the code now, ask for more lines, or reject it. */
import type * as T from "typescript";
import type { Completeness } from "../contract/language.js";
import { parseCellMagic } from "../magics/parser.js";
import { ts } from "../engine/typescript.js";
import { Set } from "../contract/intrinsics.js";

// Diagnostics that mean "keep typing": unterminated template literal or comment, `}` / `)` expected.
const CONTINUES = new Set([1160, 1010, 1005, 1109, 1003, 1128, 1135, 1126]);

/** Judges `code` with the TypeScript parser: errors at the very end mean incomplete. */
export function completeness(code: string): Completeness {
  if (parseCellMagic(code) !== undefined) {
    return code.endsWith("\n\n") ? { status: "complete" } : { status: "incomplete", indent: "" };
  }
  if (code.trim() === "" || /^\s*%[A-Za-z_][\w-]*(?:\s.*)?$/.test(code.trim())) return { status: "complete" };
  const t = ts();
  const file = t.createSourceFile("cell.ts", code, t.ScriptTarget.Latest, false, t.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics: T.DiagnosticWithLocation[] }).parseDiagnostics;
  if (diagnostics.length === 0) return { status: "complete" };
  const end = code.trimEnd().length;
  // A closer with nothing to close is an error however much more is typed.
  if (diagnostics.some((d) => /^[)}\]]/.test(code.slice(d.start).trimStart()))) return { status: "invalid" };
  const atEnd =
    diagnostics.every((d) => d.start >= end - 1 && CONTINUES.has(d.code)) || diagnostics.some((d) => d.code === 1160 || d.code === 1010);
  return atEnd ? { status: "incomplete", indent: indentAfter(code) } : { status: "invalid" };
}

function indentAfter(code: string): string {
  const lines = code.trimEnd().split("\n");
  const last = lines[lines.length - 1] ?? "";
  const indent = /^\s*/.exec(last)?.[0] ?? "";
  return /[{([]\s*$/.test(last) ? `${indent}  ` : indent;
}
