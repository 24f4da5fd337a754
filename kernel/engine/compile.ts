/** Compiles one cell's TypeScript into a script for the kernel's global scope, with a source map. */
import type * as T from "typescript";
import { type CellShape, cellTransformer } from "./transform.js";
import { ts } from "./typescript.js";
import { Buffer, Error, JSON, Map } from "../contract/intrinsics.js";

/** A compiled cell. */
export interface CompiledCell {
  js: string;
  /** `js` with an inline source map for the debugger (what the executor runs). */
  script: string;
  /** The source map from `js` back to the cell (JSON text). */
  sourceMap: string;
  isAsync: boolean;
  declared: string[];
}

/** One located problem in a cell, in the cell's own 1-based coordinates. */
export interface CellDiagnostic {
  line: number;
  column: number;
  length: number;
  code: number;
  message: string;
  /** A local file the cell imports, when the problem is there (line and column are then in that file). */
  file?: { name: string; text: string };
}

/** A cell that does not compile; `diagnostics` say where and why. */
export class CellCompileError extends Error {
  /** How tracebacks name the cell (set by whoever knows the execution count). */
  label = "Cell";
  constructor(
    readonly diagnostics: CellDiagnostic[],
    readonly source: string,
  ) {
    super(diagnostics.map((d) => `line ${d.line}:${d.column}: ${d.message} (TS${d.code})`).join("\n"));
    // TypeScript numbers syntax errors 1xxx; type errors from 2000 on.
    this.name = diagnostics.every((d) => d.code < 2000) ? "SyntaxError" : "TSError";
  }
}

/** Compiler options of a notebook cell: current ECMAScript, imports kept as written. */
function options(): T.CompilerOptions {
  const t = ts();
  return {
    target: t.ScriptTarget.ES2022,
    module: t.ModuleKind.Preserve, // keeps `import x = require("m")` as `const x = require("m")`
    verbatimModuleSyntax: true,
    useDefineForClassFields: true,
    sourceMap: true,
    removeComments: false,
  };
}

// Re-running an unchanged cell skips the compiler: its output depends on the source alone.
const cache = new Map<string, CompiledCell>();
const CACHE_SIZE = 256;

/**
 * Transpiles `source` (types erased) and reshapes it for the global scope; throws CellCompileError.
 * `original` is the cell as the front end has it (before line magics were rewritten): the script
 * carries it in an inline source map, from which the debugger names the cell as JupyterLab does
 * (the hash of its text) and maps its lines. Built once per source text: no cost on re-runs.
 */
export function compileCell(source: string, fileName: string, original = source): CompiledCell {
  const cached = cache.get(source);
  if (cached !== undefined) return cached;
  const compiled = transpileCell(source, fileName, original);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(source, compiled);
  return compiled;
}

function transpileCell(source: string, fileName: string, original: string): CompiledCell {
  const t = ts();
  const shape: CellShape = { isAsync: false, declared: [] };
  const out = t.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: options(),
    transformers: { after: [cellTransformer(shape)] },
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === t.DiagnosticCategory.Error);
  if (errors.length > 0)
    throw new CellCompileError(
      errors.map((d) => locate(d, source)),
      source,
    );
  const js = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  const sourceMap = out.sourceMapText ?? "";
  return { js, script: js + debuggableMap(sourceMap, original), sourceMap, isAsync: shape.isAsync, declared: shape.declared };
}

// The inline map the debugger reads (kernel/debugger/sources.ts): the cell's text and its mappings.
function debuggableMap(sourceMap: string, original: string): string {
  if (sourceMap === "") return "";
  const { mappings } = JSON.parse(sourceMap) as { mappings: string };
  const json = { version: 3, sources: ["cell.ts"], sourcesContent: [original], names: [], mappings, x_lazylab_cell: true };
  return `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(json)).toString("base64")}\n`;
}

/** A diagnostic in 1-based line/column of the cell. */
export function locate(d: T.Diagnostic, source: string): CellDiagnostic {
  const t = ts();
  const start = d.start ?? 0;
  const file = d.file ?? t.createSourceFile("cell.ts", source, t.ScriptTarget.Latest);
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  return {
    line: line + 1,
    column: character + 1,
    length: d.length ?? 1,
    code: d.code,
    message: t.flattenDiagnosticMessageText(d.messageText, "\n"),
  };
}
