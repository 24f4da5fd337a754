/**
 * Finding magics in a cell. A cell whose first line is `%%name args` hands its body to a cell
 * magic; a line `%name args` inside TypeScript becomes an awaited call, in place, so it runs in
 * order with the code around it; `%name?` alone asks for help.
 */
import { HELPERS } from "../engine/transform.js";

/** A cell magic call. */
export interface CellMagicCall {
  name: string;
  args: string;
  body: string;
}

const NAME = "[A-Za-z_][\\w-]*";
const CELL_MAGIC = new RegExp(`^\\s*%%(${NAME})[ \\t]*(.*)$`);
const LINE_MAGIC = new RegExp(`^([ \\t]*)%(${NAME})(?:[ \\t]+(.*?))?[ \\t]*$`);
const HELP = new RegExp(`^\\s*(%{1,2})(${NAME})\\?{1,2}\\s*$`);

/** The cell magic a cell starts with, if any. */
export function parseCellMagic(code: string): CellMagicCall | undefined {
  const newline = code.indexOf("\n");
  const first = newline < 0 ? code : code.slice(0, newline);
  const m = CELL_MAGIC.exec(first);
  return m === null ? undefined : { name: m[1], args: m[2].trim(), body: newline < 0 ? "" : code.slice(newline + 1) };
}

/** The magic a cell asks help for (`%time?`, `%%html?`), if that is all the cell says. */
export function parseHelpRequest(code: string): string | undefined {
  return HELP.exec(code)?.[2];
}

/** The call a `%name args` line runs as. */
export function lineMagicCall(name: string, args: string): string {
  return `;(await ${HELPERS}.lineMagic(${JSON.stringify(name)}, ${JSON.stringify(args)}));`;
}

/**
 * Rewrites each `%name args` line with `replace(name, args)` (by default the awaited call),
 * keeping the indentation and line numbers.
 */
export function rewriteLineMagics(code: string, replace: (name: string, args: string) => string = lineMagicCall): string {
  const lines = code.split("\n");
  const starts = lineStartsInCode(code);
  let changed = false;
  const out = lines.map((line, i) => {
    const m = starts[i] ? LINE_MAGIC.exec(line) : null;
    if (m === null) return line;
    changed = true;
    return m[1] + replace(m[2], m[3] ?? "");
  });
  return changed ? out.join("\n") : code;
}

/** Whether a cell (or its body) mentions a line magic at all (cheap test before rewriting). */
export function mayHaveLineMagics(code: string): boolean {
  return /^[ \t]*%[A-Za-z_]/m.test(code);
}

/**
 * For each line, whether it starts in plain code (not inside a string, template literal or
 * comment). A small scanner: enough to tell `%time` lines from `%` inside a multi-line template.
 */
function lineStartsInCode(code: string): boolean[] {
  const result: boolean[] = [true];
  type Mode = "code" | "block" | "line" | "'" | '"' | "`";
  let mode: Mode = "code";
  const braces: number[] = []; // brace depth at each `${` of nested templates
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    const next = code[i + 1];
    if (c === "\n") {
      if (mode === "line") mode = "code";
      result.push(mode === "code");
      continue;
    }
    switch (mode) {
      case "code":
        if (c === "/" && next === "/") mode = "line";
        else if (c === "/" && next === "*") (mode = "block"), i++;
        else if (c === "'" || c === '"' || c === "`") mode = c;
        else if (c === "{") depth++;
        else if (c === "}") {
          if (braces.length > 0 && braces[braces.length - 1] === depth) braces.pop(), (mode = "`");
          else depth--;
        }
        break;
      case "block":
        if (c === "*" && next === "/") (mode = "code"), i++;
        break;
      case "'":
      case '"':
        if (c === "\\") i++;
        else if (c === mode) mode = "code";
        break;
      case "`":
        if (c === "\\") i++;
        else if (c === "`") mode = "code";
        else if (c === "$" && next === "{") braces.push(depth), (mode = "code"), i++;
        break;
    }
  }
  return result;
}
