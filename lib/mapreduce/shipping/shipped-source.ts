/**
 * The JavaScript text that rebuilds shipped functions in another process: a script for worker
 * processes (evaluated once per job) and the body of the standalone mapper and reducer programs
 * of the pipeline runner. Both remember which generated lines hold which function, so an error
 * thrown inside one can be reported as "map: <the line that threw>".
 */
import { LIBRARY_MODULES } from "./library-names.js";
import type { Role, ShippedFunctions, ShippedName } from "./shipping.js";

/** A function's place in generated text (1-based lines, inclusive). */
export interface SourceSpan {
  label: string;
  firstLine: number;
  lastLine: number;
}

/** Generated text and where each function sits in it. */
export interface GeneratedSource {
  text: string;
  spans: SourceSpan[];
}

class TextBuilder {
  private readonly lines: string[] = [];
  readonly spans: SourceSpan[] = [];

  add(text: string, label?: string): void {
    const first = this.lines.length + 1;
    this.lines.push(...text.split("\n"));
    if (label !== undefined) this.spans.push({ label, firstLine: first, lastLine: this.lines.length });
  }

  build(): GeneratedSource {
    return { text: this.lines.join("\n"), spans: this.spans };
  }
}

function defineName(out: TextBuilder, shipped: ShippedName, deserialize: string): void {
  if (shipped.kind === "json") out.add(`const ${shipped.name} = ${shipped.source};`);
  else if (shipped.kind === "v8")
    out.add(`const ${shipped.name} = ${deserialize}(Buffer.from(${JSON.stringify(shipped.source)}, "base64"));`);
  else if (shipped.kind === "function") out.add(`const ${shipped.name} = (${shipped.source});`, shipped.name);
}

const ROLES: Role[] = ["map", "combine", "reduce", "partition"];

/**
 * A script evaluating to `(library, deserialize) => ({ map, combine, reduce, partition })`, where
 * `library` holds the library functions by name.
 */
export function workerScript(shipped: ShippedFunctions): GeneratedSource {
  const out = new TextBuilder();
  out.add("(function (__library, __deserialize) {");
  for (const name of shipped.names) {
    if (name.kind === "library") out.add(`const ${name.name} = __library.${name.name};`);
    else defineName(out, name, "__deserialize");
  }
  out.add("return {");
  for (const role of ROLES) {
    const source = shipped.roles[role];
    if (source !== undefined) out.add(`${role}: (${source}),`, role);
  }
  out.add("};\n})");
  return out.build();
}

/**
 * The body of a standalone program (ES module): imports from the copied library folder `libDir`,
 * the notebook names the functions use, the functions as `const map = …`, then `main`.
 */
export function programSource(shipped: ShippedFunctions, libDir: string, imports: string, main: string): GeneratedSource {
  const out = new TextBuilder();
  out.add(imports);
  const byModule = new Map<string, string[]>();
  for (const name of shipped.names) {
    if (name.kind !== "library") continue;
    const file = LIBRARY_MODULES[name.name];
    byModule.set(file, [...(byModule.get(file) ?? []), name.name]);
  }
  for (const [file, names] of byModule) out.add(`import { ${names.join(", ")} } from "${libDir}/${file}";`);
  if (shipped.names.some((n) => n.kind === "v8")) out.add('import { deserialize } from "node:v8";');
  out.add("");
  for (const name of shipped.names) defineName(out, name, "deserialize");
  for (const role of ROLES) {
    const source = shipped.roles[role];
    if (source !== undefined) out.add(`const ${role} = (${source});`, role);
  }
  out.add("");
  out.add(main);
  return out.build();
}

/**
 * "map: <code>" for a stack frame at `line` of generated text (undefined when no function holds
 * it). No line number: the source is the compiled JavaScript, whose lines need not match the cell's.
 */
export function describeLine(source: GeneratedSource, line: number): string | undefined {
  const span = source.spans.find((s) => line >= s.firstLine && line <= s.lastLine);
  if (span === undefined) return undefined;
  const code = source.text.split("\n")[line - 1]?.trim() ?? "";
  return `${span.label}: ${code}`;
}

/** Where in `source` (named `fileName` when compiled) an error was thrown, from its stack. */
export function locateError(error: unknown, source: GeneratedSource, fileName: string): string | undefined {
  const stack = (error as { stack?: unknown } | null)?.stack;
  if (typeof stack !== "string") return undefined;
  for (const frame of stack.split("\n")) {
    const at = frame.lastIndexOf(`${fileName}:`);
    if (at < 0) continue;
    const line = Number(/^:(\d+)/.exec(frame.slice(at + fileName.length))?.[1]);
    const described = Number.isFinite(line) ? describeLine(source, line) : undefined;
    if (described !== undefined) return described;
  }
  return undefined;
}
