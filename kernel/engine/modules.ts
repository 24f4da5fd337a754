/**
 * `import` in cells: Node builtins, packages and files next to the notebook (the kernel's
 * working directory), and `lazylab` with its subpaths resolving to this package wherever the
 * notebook is.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire, isBuiltin, register } from "node:module";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Array, JSON, Object, Error } from "../contract/intrinsics.js";

type Namespace = Record<string, unknown>;

/** Loads a module for a cell, resolving from `baseDir`. */
export async function importForCell(specifier: string, baseDir: string): Promise<Namespace> {
  if (specifier === "tslab") return (await import("lazylab/tslab")) as Namespace; // tslab notebooks run unchanged
  if (specifier === "lazylab" || specifier.startsWith("lazylab/") || isBuiltin(specifier)) {
    return (await import(specifier)) as Namespace; // self-reference through package.json "exports"
  }
  if (specifier.startsWith(".") || isAbsolute(specifier)) {
    const path = resolve(baseDir, specifier);
    const file = existsSync(path) || !existsSync(`${path}.ts`) ? path : `${path}.ts`;
    if (!/\.[cm]?ts$/.test(file)) return (await import(pathToFileURL(file).href)) as Namespace;
    enableTypeScriptImports();
    // The stamp changes when the file or any local file it imports changes, so importing it
    // again after an edit gives the new content; the hooks pass it on to what it imports.
    return (await import(`${pathToFileURL(file).href}?v=${localStamp(file)}`)) as Namespace;
  }
  return (await import(pathToFileURL(resolveBare(specifier, baseDir)).href)) as Namespace;
}

const LOCAL_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

/** A version of a local file and the local files it imports, transitively (their modification times). */
export function localStamp(entry: string): string {
  const seen = new Set<string>();
  let stamp = 0;
  const visit = (file: string): void => {
    if (seen.has(file) || file.includes("/node_modules/")) return;
    seen.add(file);
    let text: string;
    try {
      stamp = (stamp * 31 + statSync(file).mtimeMs) % 2 ** 48;
      text = readFileSync(file, "utf8");
    } catch {
      return;
    }
    for (const [, specifier] of text.matchAll(LOCAL_IMPORT)) {
      const path = resolve(dirname(file), specifier);
      const found = [path, `${path}.ts`, join(path, "index.ts")].find((p) => existsSync(p) && statSync(p).isFile());
      if (found !== undefined) visit(found);
    }
  };
  visit(entry);
  return stamp.toString(36);
}

let hooked = false;

/** Registers the .ts loader hooks the first time a cell imports a TypeScript file. */
function enableTypeScriptImports(): void {
  if (hooked) return;
  hooked = true;
  register(new URL("./ts-hooks.js", import.meta.url));
}

/** The values an import statement binds: pairs of local name and imported name ("*" for the namespace); names without a value (types) bind undefined. */
export function bindImports(namespace: Namespace, pairs: string[]): Record<string, unknown> {
  const bound: Record<string, unknown> = {};
  const fallback = namespace.default as Namespace | undefined; // CommonJS: module.exports
  for (let i = 0; i < pairs.length; i += 2) {
    const [local, imported] = [pairs[i], pairs[i + 1]];
    if (imported === "*") bound[local] = namespace;
    else if (imported in namespace) bound[local] = namespace[imported];
    else if (fallback !== null && typeof fallback === "object" && imported in fallback) bound[local] = fallback[imported];
    else bound[local] = undefined; // a type (interfaces vanish at run time); the checker vouched for the name
  }
  return bound;
}

/** Resolves a bare specifier from `baseDir` upwards, honouring "exports" (import conditions) for ESM-only packages. */
function resolveBare(specifier: string, baseDir: string): string {
  const require = createRequire(join(baseDir, "__notebook__.js"));
  try {
    return require.resolve(specifier);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "ERR_PACKAGE_PATH_NOT_EXPORTED" && code !== "MODULE_NOT_FOUND") throw error;
    const viaImport = resolveWithImportCondition(specifier, baseDir);
    if (viaImport !== undefined) return viaImport;
    if (code === "MODULE_NOT_FOUND") {
      throw new Error(`Cannot find package '${specifier}' from ${baseDir}: install it there with npm install ${packageName(specifier)}`);
    }
    throw error;
  }
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

type Exports = string | null | { [key: string]: Exports } | Exports[];

function resolveWithImportCondition(specifier: string, baseDir: string): string | undefined {
  const name = packageName(specifier);
  const subpath = `.${specifier.slice(name.length)}`;
  for (let dir = baseDir; ; dir = dirname(dir)) {
    const root = join(dir, "node_modules", name);
    if (existsSync(join(root, "package.json"))) {
      const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports?: Exports; module?: string; main?: string };
      const exported = pkg.exports;
      const entry =
        exported === undefined
          ? subpath === "."
            ? (pkg.module ?? pkg.main ?? "index.js")
            : subpath
          : pick(
              typeof exported === "string" || Array.isArray(exported) || !Object.keys(exported ?? {}).some((k) => k.startsWith("."))
                ? exported
                : (exported as Record<string, Exports>)[subpath],
            );
      return entry === undefined ? undefined : join(root, entry);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function pick(target: Exports | undefined): string | undefined {
  if (target === undefined || target === null) return undefined;
  if (typeof target === "string") return target;
  if (Array.isArray(target)) return target.map(pick).find((t) => t !== undefined);
  for (const condition of ["node", "import", "default"]) {
    const found = pick(target[condition]);
    if (found !== undefined) return found;
  }
  return undefined;
}
