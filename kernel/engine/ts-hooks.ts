/**
 * Module hooks (node:module register) that let cells import local TypeScript files:
 * `import { f } from "./util.ts"` or `"./util"`. They run on Node's loader thread, which loads
 * the compiler only when a .ts file is first imported.
 */
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

type TS = typeof import("typescript");
let compiler: TS | undefined;

interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string }>;
type NextLoad = (url: string, context: object) => Promise<{ format: string; source?: string | Buffer }>;

const TS_FILE = /\.(?:m|c)?ts$/;

/** Resolves extensionless relative imports to a .ts file when one exists. */
export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string; format?: string; shortCircuit?: boolean }> {
  if ((specifier.startsWith("./") || specifier.startsWith("../")) && !/\.[cm]?[jt]sx?$|\.json$/.test(specifier) && context.parentURL) {
    const candidate = new URL(`${specifier}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return next(specifier, context);
}

/** Transpiles .ts files to ES modules (types erased; the kernel's checker already checked them). */
export async function load(url: string, context: object, next: NextLoad): Promise<{ format: string; source?: string | Buffer; shortCircuit?: boolean }> {
  if (!url.startsWith("file:") || !TS_FILE.test(url)) return next(url, context);
  compiler ??= createRequire(import.meta.url)("typescript") as TS;
  const path = fileURLToPath(url);
  const out = compiler.transpileModule(await readFile(path, "utf8"), {
    fileName: path,
    compilerOptions: { target: compiler.ScriptTarget.ES2022, module: compiler.ModuleKind.ESNext, inlineSourceMap: true, inlineSources: true },
  });
  return { format: url.endsWith(".cts") ? "commonjs" : "module", source: out.outputText, shortCircuit: true };
}
