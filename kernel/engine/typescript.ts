/**
 * The one module that loads the TypeScript compiler, so that an upgrade is one change here.
 * Loading takes ~0.3 s; the checker's warm-up loads it in the background after start-up.
 *
 * The compiler reads globals (`Array.isArray`, `Map`, `JSON`…) whenever it runs, and cells may
 * declare globals of those names. So its CommonJS source runs as a function whose parameters
 * are the intrinsics captured at kernel start: a cell's `const Array = 1` never reaches it.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { startupSnapshot } from "node:v8";
import vm from "node:vm";
import { intrinsics, process } from "../contract/intrinsics.js";
import { snapshot } from "../contract/startup-snapshot.js";
import { log } from "../log.js";
import { codeCachePath, readCodeCache, saveCodeCache } from "./code-cache.js";

type TS = typeof import("typescript");

const require = createRequire(import.meta.url);
let loaded: TS | undefined;
/** The compiled compiler and where its code cache goes, until the cache is saved. */
let pendingCache: { script: vm.Script; path: string; hadCache: boolean } | undefined;

/** The TypeScript compiler API (the startup snapshot's, or loaded on first use). */
export function ts(): TS {
  loaded ??= snapshot?.ts ?? loadShielded();
  return loaded;
}

/** Evaluates typescript.js as CommonJS would, with the kernel's intrinsics in scope. */
function loadShielded(): TS {
  const filename = require.resolve("typescript");
  const names = Object.keys(intrinsics);
  const parameters = ["exports", "require", "module", "__filename", "__dirname", ...names];
  const body = compile(filename, parameters);
  const module = { exports: {} as TS };
  const requireFrom = createRequire(filename);
  body(module.exports, requireFrom, module, filename, dirname(filename), ...names.map((n) => intrinsics[n]));
  return module.exports;
}

type Body = (...args: unknown[]) => void;

/**
 * The compiler's source as a function of `parameters`. A snapshot build compiles it plainly (its
 * heap is the cache); a kernel start reuses the V8 code cache of an earlier start when there is one.
 */
function compile(filename: string, parameters: string[]): Body {
  const source = readFileSync(filename, "utf8");
  if (startupSnapshot.isBuildingSnapshot()) return vm.compileFunction(source, parameters, { filename }) as Body;
  // V8 refuses a cache made under other flags: the file name carries them (kernels share theirs).
  const flags = createHash("sha256").update(process.execArgv.join(" ")).digest("hex").slice(0, 8);
  const path = codeCachePath(`typescript-${typescriptVersion()}-node${process.version}-${process.arch}-${flags}.v8cache`);
  const cachedData = readCodeCache(path);
  // The wrapper is on the first line, so the compiler's own line numbers stay as in its file.
  const script = new vm.Script(`(function (${parameters.join(", ")}) {${source}\n})`, { filename, cachedData });
  pendingCache = { script, path, hadCache: cachedData !== undefined };
  if (cachedData !== undefined)
    log(
      script.cachedDataRejected
        ? `the compiler's code cache ${path} does not fit this Node: compiled anew`
        : `the compiler came from its code cache ${path}`,
    );
  return script.runInThisContext() as Body;
}

/**
 * Saves the compiler's code cache for the next start, once: call it after a check has run, so the
 * cache holds the functions checking needs (V8 compiles most functions only when first called).
 */
export function saveCompilerCache(): void {
  if (pendingCache === undefined) return;
  const { script, path, hadCache } = pendingCache;
  pendingCache = undefined;
  saveCodeCache(script, path, hadCache);
}

/** The compiler's version, read without loading the compiler. */
export function typescriptVersion(): string {
  return (require("typescript/package.json") as { version: string }).version;
}
