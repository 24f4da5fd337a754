/** Errors as Jupyter shows them: ename, evalue, and a traceback whose frames name cells and lines. */
import { inspect } from "node:util";
import type { ErrorContent } from "../contract/language.js";
import type { CellPosition, CellRegistry } from "./cells.js";
import { CellCompileError } from "./compile.js";
import { JSON, Error, String, Number, Math } from "../contract/intrinsics.js";

const RED = "\x1b[0;31m";
const GREEN = "\x1b[0;32m";
const CYAN = "\x1b[0;36m";
const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";

/** Raised in a cell the user interrupted. */
export class KeyboardInterrupt extends Error {
  override name = "KeyboardInterrupt";
  constructor() {
    super("execution interrupted");
  }
}

// `at name (file:line:col)` or `at file:line:col`
const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/;

/**
 * The Jupyter error content for anything a cell threw. Never throws itself: a thrown Proxy can
 * trap `instanceof`, `name` and `stack`, and a throw here would leave the cell without a reply.
 */
export function toErrorContent(thrown: unknown, cells: CellRegistry): ErrorContent {
  try {
    return errorContent(thrown, cells);
  } catch (error) {
    const why = error instanceof Error ? error.message : "unknown";
    const evalue = `(a thrown value that cannot be described: reading it threw ${why})`;
    return { ename: "Uncaught", evalue, traceback: [`${RED}Uncaught${RESET} ${evalue}`] };
  }
}

function errorContent(thrown: unknown, cells: CellRegistry): ErrorContent {
  if (thrown instanceof CellCompileError) return compileError(thrown);
  if (thrown instanceof KeyboardInterrupt) {
    return { ename: thrown.name, evalue: thrown.message, traceback: [`${RED}${thrown.name}${RESET}: ${thrown.message}`] };
  }
  if (!(thrown instanceof Error)) {
    const evalue = describe(thrown);
    return { ename: "Uncaught", evalue, traceback: [`${RED}Uncaught${RESET} ${evalue}`] };
  }
  const ename = thrown.name || thrown.constructor?.name || "Error";
  const evalue = thrown.message;
  const frames: string[] = [];
  let first: CellPosition | undefined;
  for (const line of (thrown.stack ?? "").split("\n").slice(1)) {
    const m = FRAME.exec(line);
    if (m === null) continue;
    const [, fn, file, l, c] = m;
    if (cells.isWrapperCall(file, Number(l))) continue;
    const where = cells.locate(file, Number(l), Number(c));
    if (where !== undefined) {
      first ??= where;
      const place = `${GREEN}${where.cell.label}, line ${where.line}${RESET}, column ${where.column}`;
      frames.push(fn && !fn.startsWith("eval") && fn !== "<anonymous>" ? `    at ${CYAN}${fn}${RESET} (${place})` : `    at ${place}`);
    } else if (!isKernelFrame(file)) {
      frames.push(line.replace(/^\s*/, "    "));
    }
  }
  const traceback = [`${RED}${BOLD}${ename}${RESET}: ${evalue}`, ...frames];
  if (first !== undefined) traceback.push("", ...excerpt(first));
  return { ename, evalue, traceback };
}

function compileError(error: CellCompileError): ErrorContent {
  const { label, source } = error;
  const traceback: string[] = [];
  for (const d of error.diagnostics) {
    if (d.file !== undefined) {
      const file = { label: d.file.name, source: d.file.text, map: undefined };
      traceback.push(`${GREEN}${d.file.name}, line ${d.line}${RESET}, column ${d.column}: ${RED}error TS${d.code}${RESET}: ${d.message}`);
      traceback.push(...excerpt({ cell: file, line: d.line, column: d.column }, d.length), "");
      continue;
    }
    traceback.push(`${GREEN}${label}, line ${d.line}${RESET}, column ${d.column}: ${RED}error TS${d.code}${RESET}: ${d.message}`);
    traceback.push(...excerpt({ cell: { label, source, map: undefined }, line: d.line, column: d.column }, d.length), "");
  }
  const first = error.diagnostics[0];
  const where = first?.file?.name ?? label;
  const evalue = first === undefined ? error.message : `${first.message} (${where}, line ${first.line}, column ${first.column})`;
  return { ename: error.name, evalue, traceback };
}

/** The lines around a position, the offending one marked and underlined. */
function excerpt({ cell, line, column }: CellPosition, length = 1): string[] {
  const lines = cell.source.split("\n");
  const out: string[] = [];
  const width = String(Math.min(lines.length, line + 1)).length;
  for (let n = Math.max(1, line - 2); n <= Math.min(lines.length, line + 1); n++) {
    const number = String(n).padStart(width);
    out.push(n === line ? `${GREEN}--> ${number}${RESET} | ${lines[n - 1]}` : `    ${number} | ${lines[n - 1]}`);
    if (n === line) {
      const span = Math.max(1, Math.min(length, (lines[n - 1]?.length ?? 0) - column + 1));
      out.push(`    ${" ".repeat(width)} | ${" ".repeat(Math.max(0, column - 1))}${RED}${"^".repeat(span)}${RESET}`);
    }
  }
  return out;
}

// The widget base's dispatch of handlers (settle, receive) is plumbing, as the kernel's frames are:
// a failing click handler's traceback shows the handler's lines, not how it was called.
const DISPATCH_FRAMES = ["/dist/lib/widgets/widget.js", "/dist/lib/comm.js"];

function isKernelFrame(file: string): boolean {
  return (
    file.startsWith("node:") ||
    file.includes("/dist/kernel/") ||
    file.includes("/kernel/engine/") ||
    DISPATCH_FRAMES.some((f) => file.endsWith(f))
  );
}

/** A thrown non-Error as text; never throws (a Proxy whose traps throw, a BigInt, a cycle). */
function describe(value: unknown): string {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    try {
      return inspect(value, { depth: 2, breakLength: Infinity });
    } catch (error) {
      return `(a thrown value that cannot be shown: ${error instanceof Error ? error.message : typeof value})`;
    }
  }
}
