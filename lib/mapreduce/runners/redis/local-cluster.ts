/**
 * A Redis cluster on this machine, for trying the redis runner without a second host: Debian's
 * `redis-server` on a free 127.0.0.1 port (no persistence) and N `lazylab worker` processes —
 * the same processes one would start on other machines. `stop()` ends them by pid; they are also
 * killed if this process exits first.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { JobError } from "../../errors.js";
import { killOnExit } from "../workers/exit-cleanup.js";
import { freePort } from "../../../distributed/free-port.js";

/** The `lazylab` command of this package (lib/mapreduce → kernel/main.js), run with this Node. */
const LAZYLAB_CLI = fileURLToPath(new URL("../../../../kernel/main.js", import.meta.url));
const READY_MS = 15_000;

/** A running local cluster. */
export interface LocalCluster {
  /** The Redis URL to give the redis runner (`redis:` option, `--redis`, or $LAZYLAB_REDIS). */
  readonly url: string;
  /** Process ids: redis-server first, then the workers. */
  readonly pids: number[];
  /** Stops the workers, then Redis, and waits until every process has exited. */
  stop(): Promise<void>;
}

/** Starts `command` and resolves once its output contains `ready`; rejects, with its output, if it exits or stays silent first. */
function startUntil(command: string, args: string[], ready: string, what: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new JobError(`${what} ${why}${output.trim() ? `:\n${output.trim()}` : ""}`));
    };
    const timer = setTimeout(() => fail(`was not ready after ${READY_MS / 1000} s`), READY_MS);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (settled || !output.includes(ready)) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.removeListener("data", watch);
      child.stderr?.removeListener("data", watch);
      child.stdout?.resume();
      child.stderr?.resume();
      resolve(child);
    };
    child.stdout?.on("data", watch);
    child.stderr?.on("data", watch);
    child.once("error", (error) =>
      fail(
        error.message.includes("ENOENT")
          ? `could not start: ${command} is not installed (Debian: apt-get install redis-server)`
          : `could not start: ${error.message}`,
      ),
    );
    child.once("exit", (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before it was ready`));
  });
}

/** Waits until `child` has exited (SIGTERM first, SIGKILL after a grace period). */
async function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Starts redis-server and `workers` `lazylab worker` processes (each running `concurrency` tasks at once) on 127.0.0.1. */
export async function localCluster(options: { workers?: number; concurrency?: number } = {}): Promise<LocalCluster> {
  const { workers = 2, concurrency = 1 } = options;
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const children: ChildProcess[] = [];
  const forget = killOnExit(() => {
    for (const child of children) child.kill("SIGKILL");
  });
  const stop = async () => {
    for (const child of [...children].reverse()) await stopProcess(child);
    forget();
  };
  try {
    children.push(
      await startUntil(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        "Ready to accept connections",
        "redis-server",
      ),
    );
    for (let i = 0; i < workers; i++) {
      children.push(
        await startUntil(
          process.execPath,
          [LAZYLAB_CLI, "worker", "--redis", url, "--concurrency", String(concurrency)],
          "waiting for jobs",
          `lazylab worker ${i + 1}`,
        ),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pids: children.map((c) => c.pid!), stop };
}
