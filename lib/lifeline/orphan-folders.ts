/**
 * Temporary folders named for the process that made them (`<prefix><pid>-…`), so that a process
 * killed before it could remove its own (SIGKILL runs no exit handler) has them removed by the
 * next one that makes a folder of the same kind: any folder whose owner is no longer alive goes.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Whether process `pid` exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, another user's
  }
}

/** Removes the folders `<prefix><pid>-…` or `<prefix><pid>` in `parent` whose process is gone; returns their paths. */
export function removeOrphanFolders(prefix: string, parent = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)(?:-|$)/.exec(name.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    const path = join(parent, name);
    try {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // another user's, or in use: left
    }
  }
  return removed;
}

/** A new folder `<parent>/<prefix><pid>-XXXXXX`, after removing the orphans of earlier processes. */
export function ownedTempFolder(prefix: string, parent = tmpdir()): string {
  removeOrphanFolders(prefix, parent);
  return mkdtempSync(join(parent, `${prefix}${process.pid}-`));
}
