/**
 * A V8 code cache for the TypeScript compiler's 9 MB source (Node 22's module compile cache, by
 * hand for Node 20). Compiling typescript.js takes ~120 ms of every kernel start; with the cache,
 * V8 reuses the bytecode of every function the first check ran. The cache is written after the
 * checker's warm-up (so it holds the parser's, binder's and checker's functions) into the user's
 * cache folder, one file per compiler and Node version; V8 itself checks that a cache matches
 * its source and flags and ignores one that does not, so a stale or damaged file costs only the
 * normal compile. Nothing here can fail a start: every file error is ignored.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import type vm from "node:vm";
import { process } from "../contract/intrinsics.js";
import { log } from "../log.js";

/** Where the cache of `name` (a file name unique per compiler and Node version) is kept. */
export function codeCachePath(name: string): string {
  const root = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(root, "lazylab", name);
}

/** The cached code at `path`, or undefined when there is none (or it cannot be read). */
export function readCodeCache(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes `script`'s code cache to `path` unless a usable one was read at start. Written to a
 * temporary name and renamed, so a kernel starting meanwhile reads a whole file or none.
 */
export function saveCodeCache(script: vm.Script, path: string, hadCache: boolean): void {
  if (hadCache && script.cachedDataRejected !== true) return;
  try {
    mkdirSync(join(path, ".."), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, path);
    log(`wrote the compiler's code cache ${path} (the next start skips compiling it)`);
  } catch {
    // A read-only or full cache folder: the next start compiles as before.
  }
}
