/**
 * Named pipes (FIFOs) for Pipe: the one kind of channel that a worker thread, a child process
 * and the notebook's thread can all open by name, and that blocks a reader in the kernel, as
 * multiprocessing's pipes do. They live in a folder of this process's own, removed at exit.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { removeOrphanFolders } from "../lifeline/orphan-folders.js";

let folder: string | undefined;
let count = 0;

function pipesFolder(): string {
  if (folder === undefined) {
    removeOrphanFolders("lazylab-pipes-"); // left by a kernel killed outright
    folder = join(tmpdir(), `lazylab-pipes-${process.pid}`);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const created = folder;
    process.once("exit", () => rmSync(created, { recursive: true, force: true }));
  }
  return folder;
}

/** Creates `n` new FIFOs (one `mkfifo` run: Node has no call for it); returns their paths. */
export function makeFifos(n: number): string[] {
  const dir = pipesFolder();
  const paths = Array.from({ length: n }, () => join(dir, `fifo-${++count}`));
  execFileSync("mkfifo", ["-m", "600", ...paths]);
  return paths;
}

/** Removes FIFOs (those who have them open keep using them). */
export function removeFifos(paths: string[]): void {
  for (const path of paths) {
    try {
      unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
