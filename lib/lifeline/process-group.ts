/**
 * Programs the kernel starts that are not Node children of its own — a pipeline's bash and its
 * stages, redis-server, `lazylab worker` processes, Hadoop's client — run in a process group of
 * their own, each group with a lifeline: a tiny `sh`, started by this process, that checks twice a
 * second whether it still has this process as its parent. When this process ends, however it ends
 * (SIGKILL included, which runs no exit handler), the guard is re-parented and kills the group:
 * SIGTERM, then SIGKILL two seconds later. (Reading /proc/$$/stat is a shell builtin: no process
 * per check but the sleep.)
 */
import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

// $1 is the group (dash's kill takes "-PGID", not "--"); field 4 of /proc/$$/stat is the guard's parent.
const GUARD = `parent=$PPID
while read -r _ _ _ p _ < /proc/$$/stat && [ "$p" = "$parent" ]; do sleep 0.5; done
kill -TERM "-$1" 2>/dev/null; sleep 2; kill -KILL "-$1" 2>/dev/null`;

/** Starts `command` as the leader of a new process group that is killed when this process dies. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) guardGroup(child);
  return child;
}

/** Gives `leader`'s process group a lifeline; it is released (the guard ends, killing nothing) when the leader exits. */
export function guardGroup(leader: ChildProcess): void {
  const guard = spawn("sh", ["-c", GUARD, "lazylab-lifeline", String(leader.pid)], {
    stdio: "ignore",
    detached: true, // not in the kernel's group: a signal to the kernel's group does not end the guard first
  });
  guard.on("error", () => undefined); // no sh: the exit handlers remain
  guard.unref();
  leader.once("exit", () => guard.kill("SIGKILL"));
}
