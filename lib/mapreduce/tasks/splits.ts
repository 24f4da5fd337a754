/**
 * Inputs and splits: `--input` names files or globs; each file is cut into splits of about the
 * same size at byte offsets (each map task then starts and ends on line boundaries itself), so
 * the planning costs one stat per file, whatever its size.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { glob, isDynamicPattern } from "tinyglobby";
import { JobError } from "../errors.js";

/** An input file and its size. */
export interface InputFile {
  path: string;
  size: number;
}

/** A byte range of an input file, read by one map task. */
export interface Split {
  file: string;
  start: number;
  end: number;
}

/** The files that paths and globs name (resolved against `cwd`), sorted, each once; an error when one matches nothing. */
export async function resolveInputs(inputs: string | string[], cwd: string): Promise<InputFile[]> {
  const patterns = (Array.isArray(inputs) ? inputs : [inputs]).filter((p) => p.trim() !== "");
  if (patterns.length === 0) throw new JobError("no input: give --input PATH or a glob such as 'data/*.txt'");
  const files = new Set<string>();
  for (const pattern of patterns) {
    const path = resolve(cwd, pattern);
    if (!isDynamicPattern(pattern) || existsSync(path)) {
      if (!existsSync(path)) throw new JobError(`input ${pattern} does not exist (looked in ${cwd})`);
      if (statSync(path).isDirectory()) {
        for (const f of await glob("**/*", { cwd: path, absolute: true, onlyFiles: true })) files.add(f);
      } else files.add(path);
      continue;
    }
    const matches = await glob(pattern, { cwd, absolute: true, onlyFiles: true });
    if (matches.length === 0) throw new JobError(`input ${pattern} matches no file (looked in ${cwd})`);
    for (const f of matches) files.add(f);
  }
  return [...files].sort().map((path) => ({ path, size: statSync(path).size }));
}

/**
 * The split size when none is asked for: up to four splits per worker (so a slow or failed worker's
 * share can be spread out), but no split under 8 MiB unless that leaves a worker idle — every split
 * pays a fixed cost (sorting and writing its distinct keys: ~50 ms for 20,000 words), which small
 * splits do not earn back — and none under 1 MiB or over 64 MiB.
 */
export function defaultSplitSize(totalBytes: number, workers: number): number {
  const MiB = 1 << 20;
  const perWorker = Math.min(4, Math.max(1, Math.floor(totalBytes / (workers * 8 * MiB))));
  return Math.min(64 * MiB, Math.max(MiB, Math.ceil(totalBytes / (workers * perWorker))));
}

/** Cuts files into splits of about `splitSize` bytes (an empty file has none). */
export function makeSplits(files: InputFile[], splitSize: number): Split[] {
  const splits: Split[] = [];
  for (const { path, size } of files) {
    const count = Math.max(1, Math.round(size / splitSize));
    const step = Math.ceil(size / count);
    for (let start = 0; start < size; start += step) splits.push({ file: path, start, end: Math.min(size, start + step) });
  }
  return splits;
}
