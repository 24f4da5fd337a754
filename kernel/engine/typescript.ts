/**
 * The one module that loads the TypeScript compiler, so that an upgrade is one change here.
 * Loading takes ~0.3 s; the checker's warm-up loads it in the background after start-up.
 *
 * The compiler reads globals (`Array.isArray`, `Map`, `JSON`…) whenever it runs, and cells may
 * declare globals of those names. So its CommonJS source runs as a function whose parameters
 * are the intrinsics captured at kernel start: a cell's `const Array = 1` never reaches it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import vm from "node:vm";
import { intrinsics } from "../contract/intrinsics.js";
import { snapshot } from "../contract/startup-snapshot.js";

type TS = typeof import("typescript");

const require = createRequire(import.meta.url);
let loaded: TS | undefined;

/** The TypeScript compiler API (the startup snapshot's, or loaded on first use). */
export function ts(): TS {
  loaded ??= snapshot?.ts ?? loadShielded();
  return loaded;
}

/** Evaluates typescript.js as CommonJS would, with the kernel's intrinsics in scope. */
function loadShielded(): TS {
  const filename = require.resolve("typescript");
  const names = Object.keys(intrinsics);
  const body = vm.compileFunction(readFileSync(filename, "utf8"), ["exports", "require", "module", "__filename", "__dirname", ...names], {
    filename,
  });
  const module = { exports: {} as TS };
  const requireFrom = createRequire(filename);
  body(module.exports, requireFrom, module, filename, dirname(filename), ...names.map((n) => intrinsics[n]));
  return module.exports;
}

/** The compiler's version, read without loading the compiler. */
export function typescriptVersion(): string {
  return (require("typescript/package.json") as { version: string }).version;
}
