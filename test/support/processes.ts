/** Child processes seen through /proc (Linux), for tests that must leave no worker behind. */
import { readFileSync, readdirSync } from "node:fs";

/** A process: pid, parent, state letter (R, S, Z …) and command line. */
export interface ProcessInfo {
  pid: number;
  ppid: number;
  state: string;
  command: string;
}

function info(pid: number): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
    return { pid, ppid: Number(ppid), state, command };
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Every process whose ancestors include `root` (children, grandchildren …). */
export function descendants(root = process.pid): ProcessInfo[] {
  const all = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => info(Number(d)))
    .filter((p): p is ProcessInfo => p !== undefined);
  const found: ProcessInfo[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = all.filter((p) => frontier.includes(p.ppid));
    found.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return found;
}

/** Waits until `root` has no descendants (zombies included), up to `timeoutMs`; returns those left. */
export async function settleChildren(
  root = process.pid,
  timeoutMs = 3000,
  ignore: (p: ProcessInfo) => boolean = () => false,
): Promise<ProcessInfo[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const left = descendants(root).filter((p) => !ignore(p));
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 50));
  }
}
