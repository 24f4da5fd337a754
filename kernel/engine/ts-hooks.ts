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

/**
 * Resolves extensionless relative imports to a .ts file when one exists, and passes the
 * importing file's version query (`?v=`, see modules.ts) on to local files it imports, so a
 * changed file's importers load afresh too.
 */
export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: NextResolve,
): Promise<{ url: string; format?: string; shortCircuit?: boolean }> {
  const version = context.parentURL?.startsWith("file:") ? new URL(context.parentURL).searchParams.get("v") : null;
  const versioned = <R extends { url: string }>(r: R): R =>
    version !== null && r.url.startsWith("file:") && !r.url.includes("/node_modules/") && !r.url.includes("?")
      ? { ...r, url: `${r.url}?v=${version}` }
      : r;
  if ((specifier.startsWith("./") || specifier.startsWith("../")) && !/\.[cm]?[jt]sx?$|\.json$/.test(specifier) && context.parentURL) {
    const candidate = new URL(`${specifier}.ts`, context.parentURL);
    candidate.search = "";
    if (existsSync(fileURLToPath(candidate))) return versioned({ url: candidate.href, shortCircuit: true });
  }
  return versioned(await next(specifier, context));
}

// Transpiled output by path, reused while the file's text is unchanged (a new version of an
// importer re-links its imports but does not recompile unchanged files).
const transpiled = new Map<string, { text: string; output: string }>();

/** Transpiles .ts files to ES modules (types erased; the kernel's checker already checked them). */
export async function load(
  url: string,
  context: object,
  next: NextLoad,
): Promise<{ format: string; source?: string | Buffer; shortCircuit?: boolean }> {
  if (!url.startsWith("file:") || !TS_FILE.test(new URL(url).pathname)) return next(url, context);
  compiler ??= createRequire(import.meta.url)("typescript") as TS;
  const path = fileURLToPath(url);
  const text = await readFile(path, "utf8");
  let output = transpiled.get(path)?.text === text ? transpiled.get(path)!.output : undefined;
  if (output === undefined) {
    output = compiler.transpileModule(text, {
      fileName: path,
      compilerOptions: {
        target: compiler.ScriptTarget.ES2022,
        module: compiler.ModuleKind.ESNext,
        inlineSourceMap: true,
        inlineSources: true,
      },
    }).outputText;
    transpiled.set(path, { text, output });
  }
  return { format: /\.cts(\?|$)/.test(url) ? "commonjs" : "module", source: output, shortCircuit: true };
}
