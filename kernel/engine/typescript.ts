/**
 * The one module that loads the TypeScript compiler, so that an upgrade is one change here.
 * Loading takes ~0.3 s; the checker's warm-up loads it in the background after start-up.
 */
import { createRequire } from "node:module";

type TS = typeof import("typescript");

const require = createRequire(import.meta.url);
let loaded: TS | undefined;

/** The TypeScript compiler API (loaded on first use). */
export function ts(): TS {
  loaded ??= require("typescript") as TS;
  return loaded;
}

/** The compiler's version, read without loading the compiler. */
export function typescriptVersion(): string {
  return (require("typescript/package.json") as { version: string }).version;
}
