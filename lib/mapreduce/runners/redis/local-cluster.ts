/**
 * A Redis cluster on this machine, for trying the redis runner without a second host: Debian's
 * `redis-server` on a free 127.0.0.1 port (no persistence, a random password) and N `lazylab
 * worker` processes — the same processes one would start on other machines — sharing a cluster
 * key made for this cluster, so it is safe by default: only this process can give them work.
 * Secrets never appear on a command line (`ps` shows those to every user): Redis reads its
 * configuration from standard input, workers get the URL and key file through the environment.
 * `stop()` ends them; they also end if this process dies, however it dies (a lifeline each).
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { processCount } from "../../counts.js";
import { JobError } from "../../errors.js";
import { killOnExit } from "../workers/exit-cleanup.js";
import { freePort } from "../../../distributed/free-port.js";
import { ownedTempFolder } from "../../../lifeline/orphan-folders.js";
import { spawnGroup } from "../../../lifeline/process-group.js";
import { ClusterKey, KEY_FILE_ENV, registerLocalKey } from "./cluster-key.js";

/** The `lazylab` command of this package (lib/mapreduce → kernel/main.js), run with this Node. */
const LAZYLAB_CLI = fileURLToPath(new URL("../../../../kernel/main.js", import.meta.url));
const READY_MS = 15_000;

/** A running local cluster. */
export interface LocalCluster {
  /** The Redis URL to give the redis runner (`redis:` option, `--redis`, or $LAZYLAB_REDIS); it holds the password. */
  readonly url: string;
  /** The cluster key's file (the runner finds it by `url` in this process; elsewhere give `keyFile`). */
  readonly keyFile: string;
  /** Process ids: redis-server first, then the workers. */
  readonly pids: number[];
  /** Stops the workers, then Redis, and waits until every process has exited. */
  stop(): Promise<void>;
}

/** Starts `command` and resolves once its output contains `ready`; rejects, with its output, if it exits or stays silent first. */
function startUntil(
  command: string,
  args: string[],
  ready: string,
  what: string,
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawnGroup(command, args, { stdio: ["pipe", "pipe", "pipe"], env: options.env ?? process.env });
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(options.input ?? "");
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
  const workers = processCount(options.workers, "workers") ?? 2;
  const concurrency = processCount(options.concurrency, "concurrency") ?? 1;
  const port = await freePort();
  const password = randomBytes(24).toString("hex");
  const url = `redis://:${password}@127.0.0.1:${port}`;
  // The key lives in a folder of this process's own (0700), removed by stop() or, after a crash, by the next cluster.
  const folder = ownedTempFolder("lazylab-cluster-");
  const keyFile = ClusterKey.generate(join(folder, "cluster.key"));
  const unregister = registerLocalKey(url, keyFile);
  const children: ChildProcess[] = [];
  const forget = killOnExit(() => {
    for (const child of children) child.kill("SIGKILL");
    rmSync(folder, { recursive: true, force: true });
  });
  const stop = async () => {
    for (const child of [...children].reverse()) await stopProcess(child);
    unregister();
    rmSync(folder, { recursive: true, force: true });
    forget();
  };
  try {
    const config = [`port ${port}`, "bind 127.0.0.1", "protected-mode yes", `requirepass ${password}`, 'save ""', "appendonly no"];
    children.push(
      await startUntil("redis-server", ["-"], "Ready to accept connections", "redis-server", { input: `${config.join("\n")}\n` }),
    );
    const env = { ...process.env, LAZYLAB_REDIS: url, [KEY_FILE_ENV]: keyFile };
    for (let i = 0; i < workers; i++) {
      children.push(
        await startUntil(
          process.execPath,
          [LAZYLAB_CLI, "worker", "--concurrency", String(concurrency)],
          "waiting for jobs",
          `lazylab worker ${i + 1}`,
          {
            env,
          },
        ),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, keyFile, pids: children.map((c) => c.pid!), stop };
}
