/**
 * Real Redis and real `lazylab worker` processes for tests: Debian's redis-server on a free port
 * (no persistence), workers started with the built CLI, each optionally inside a network
 * namespace (`ip netns exec`). Every process is recorded by pid and stopped by pid.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { ClusterKey, KEY_FILE_ENV } from "../../dist/lib/mapreduce/runners/redis/cluster-key.js";
import { KERNEL_MAIN } from "./kernel-client.js";
import { freePort } from "./ports.js";

/**
 * The cluster key of this test process: drivers here (and kernels started from here, which
 * inherit the environment) sign jobs with it, and the workers started below run them.
 */
export const TEST_KEY_FILE = (process.env[KEY_FILE_ENV] ??= ClusterKey.generate(
  join(mkdtempSync(join(tmpdir(), "lazylab-key-")), "cluster.key"),
));

/** A child process we started, stopped by its pid. */
export class Started {
  readonly exited: Promise<number | null>;
  output = "";

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
    const keep = (chunk: Buffer) => void (this.output += chunk.toString());
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves when the process has printed `text` (rejects when it exits first or after `ms`). */
  waitFor(text: string | RegExp, ms = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const found = () => (typeof text === "string" ? this.output.includes(text) : text.test(this.output));
      if (found()) return resolve();
      const timer = setTimeout(() => done(new Error(`${this.name} did not print ${String(text)} within ${ms} ms:\n${this.output}`)), ms);
      const check = () => found() && done();
      const exit = () => done(new Error(`${this.name} exited before printing ${String(text)}:\n${this.output}`));
      const done = (error?: Error) => {
        clearTimeout(timer);
        this.child.stdout?.off("data", check);
        this.child.stderr?.off("data", check);
        this.child.off("exit", exit);
        if (error) reject(error);
        else resolve();
      };
      this.child.stdout?.on("data", check);
      this.child.stderr?.on("data", check);
      this.child.once("exit", exit);
    });
  }

  /** Stops it by pid (SIGTERM, then SIGKILL after 5 s) and waits until it has exited. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    process.kill(this.pid, "SIGTERM");
    const timer = setTimeout(
      () => this.child.exitCode === null && this.child.signalCode === null && process.kill(this.pid, "SIGKILL"),
      5000,
    );
    await this.exited;
    clearTimeout(timer);
  }
}

/** `ip netns exec NS` before a command, when a namespace is given. */
function inNamespace(netns: string | undefined, command: string, args: string[]): [string, string[]] {
  return netns === undefined ? [command, args] : ["ip", ["netns", "exec", netns, command, ...args]];
}

/** A redis-server of our own. */
export interface RedisServer extends Started {
  url: string;
}

/** Starts redis-server on `host` (default 127.0.0.1) and a free port, without persistence. */
export async function startRedis(options: { host?: string; port?: number; netns?: string } = {}): Promise<RedisServer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? (await freePort());
  const args = [
    "--port",
    String(port),
    "--bind",
    host,
    "--save",
    "",
    "--appendonly",
    "no",
    "--protected-mode",
    "no",
    "--daemonize",
    "no",
    "--loglevel",
    "notice",
  ];
  const [command, argv] = inNamespace(options.netns, "redis-server", args);
  const server = new Started(`redis-server ${host}:${port}`, spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] })) as RedisServer;
  server.url = `redis://${host}:${port}`;
  await server.waitFor("Ready to accept connections");
  return server;
}

/** Starts `lazylab worker --redis URL --concurrency N` and waits until it is registered. */
export async function startWorker(url: string, options: { concurrency?: number; netns?: string; keyFile?: string } = {}): Promise<Started> {
  const args = [
    KERNEL_MAIN,
    "worker",
    "--redis",
    url,
    "--concurrency",
    String(options.concurrency ?? 1),
    "--key-file",
    options.keyFile ?? TEST_KEY_FILE,
  ];
  const [command, argv] = inNamespace(options.netns, process.execPath, args);
  const worker = new Started(`lazylab worker → ${url}`, spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] }));
  await worker.waitFor("waiting for jobs");
  return worker;
}

/** A client for checks (keys left behind, registered workers). */
export function redisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

/** Keys of jobs (data and BullMQ queues) still in Redis, after giving short-lived ones `ms` to expire. */
export async function jobKeysLeft(redis: Redis, ms = 3000): Promise<string[]> {
  const until = Date.now() + ms;
  for (;;) {
    const keys = [...(await redis.keys("lazylab:job:*")), ...(await redis.keys("lazylab:mr-*")), ...(await redis.smembers("lazylab:jobs"))];
    if (keys.length === 0 || Date.now() > until) return keys.sort();
    await new Promise((r) => setTimeout(r, 100));
  }
}
