/**
 * Programs the kernel starts that are not Node children of its own — a pipeline's bash and its
 * stages, redis-server, `lazylab worker` processes, Hadoop's client — run in a process group of
 * their own, each group with a lifeline: a tiny `sh` that reads a pipe whose other end only this
 * process holds. When this process ends, however it ends (SIGKILL included, which runs no exit
 * handler), the kernel's end of the pipe closes, `read` returns, and the guard kills the group:
 * SIGTERM, then SIGKILL two seconds later.
 */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

// $1 is the group (dash's kill takes "-PGID", not "--"); `read` returns at end of file, when the only writer (this process) is gone.
const GUARD = 'read _ ; kill -TERM "-$1" 2>/dev/null; sleep 2; kill -KILL "-$1" 2>/dev/null';

/** Starts `command` as the leader of a new process group that is killed when this process dies. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) guardGroup(child);
  return child;
}

/** Gives `leader`'s process group a lifeline; it is released (the guard ends, killing nothing) when the leader exits. */
export function guardGroup(leader: ChildProcess): void {
  // The pipe is created close-on-exec (libuv), so later children never hold its write end open.
  const guard = spawn("sh", ["-c", GUARD, "lazylab-lifeline", String(leader.pid)], {
    stdio: ["pipe", "ignore", "ignore"],
    detached: true, // not in the kernel's group: a signal to the kernel's group does not end the guard first
  });
  guard.on("error", () => undefined); // no sh: the exit handlers remain
  guard.stdin?.on("error", () => undefined);
  guard.unref();
  (guard.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  leader.once("exit", () => guard.kill("SIGKILL"));
}
