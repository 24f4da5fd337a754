/**
 * Who may run code on `lazylab worker` processes (issue 15): only holders of the cluster key.
 * A client with Redis access and no key forges jobs the old way, and none of its code runs;
 * drivers and workers without a key refuse to start; KEYS is never sent; a job whose driver was
 * killed is stopped and removed by the worker running its task.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapreduce, sumReducer } from "../../dist/lib/mapreduce/index.js";
import { ClusterKey } from "../../dist/lib/mapreduce/runners/redis/cluster-key.js";
import { removeJob } from "../../dist/lib/mapreduce/runners/redis/redis-job.js";
import { JobKeys } from "../../dist/lib/mapreduce/runners/redis/redis-keys.js";
import { shipFunctions } from "../../dist/lib/mapreduce/shipping/shipping.js";
import { HAIKU, ROOT } from "../support/corpus.js";
import { KERNEL_MAIN } from "../support/kernel-client.js";
import { freePort } from "../support/ports.js";
import { descendants } from "../support/processes.js";
import { type RedisServer, type Started, TEST_KEY_FILE, jobKeysLeft, redisClient, startRedis, startWorker } from "../support/redis.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const scratch = mkdtempSync(join(tmpdir(), "lazylab-security-"));

let server: RedisServer;
let worker: Started;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  worker = await startWorker(server.url);
  redis = redisClient(server.url);
}, 30_000);

afterAll(async () => {
  await worker?.stop();
  redis?.disconnect();
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** A map function that leaves `marker` behind if it ever runs. */
function markingMap(marker: string): (line: string, emit: (k: string, v: number) => void) => void {
  // biome-ignore lint/security/noGlobalEval: the test needs the marker path inside the function's own source
  return eval(
    `(function map(line, emit) { process.getBuiltinModule("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran"); emit(line, 1) })`,
  );
}

/** Writes a job into Redis as an attacker with Redis access would: `functions` and the map task as given. */
async function forgeJob(jobId: string, functions: string, task: unknown): Promise<void> {
  const keys = new JobKeys(jobId);
  await redis.set(keys.alive, "1", "PX", 60_000);
  await redis.set(keys.functions, functions);
  const queue = new Queue(keys.queue, { connection: { url: server.url }, prefix: "lazylab" });
  await queue.add("map", task, { jobId: "map-0" });
  await queue.close();
  await redis.sadd("lazylab:jobs", jobId);
  await redis.publish("lazylab:jobs", `start ${jobId}`);
}

function mapTask(jobId: string) {
  return {
    jobId,
    taskId: "map-0",
    input: { kind: "path", file: HAIKU, start: 0, end: statSync(HAIKU).size },
    reducers: 1,
    memoryBudget: 1 << 20,
    skipBadRecords: false,
  };
}

describe("signed jobs", () => {
  it("a job forged without the key (functions and task as plain JSON) is refused, logged once, and never runs", async () => {
    const marker = join(scratch, "forged-plain");
    const jobId = "forgedplain";
    await forgeJob(jobId, JSON.stringify(shipFunctions({ map: markingMap(marker) })), mapTask(jobId));
    await sleep(5000); // two of the worker's syncs
    expect(existsSync(marker)).toBe(false);
    expect(worker.output.match(/refused job forgedplain: its functions are not signed/g)).toHaveLength(1);
    await removeJob(redis, server.url, jobId);
  }, 15_000);

  it("functions signed with another key are refused", async () => {
    const marker = join(scratch, "forged-other-key");
    const jobId = "forgedother";
    const other = ClusterKey.load(ClusterKey.generate(join(scratch, "other.key")));
    const body = JSON.stringify(shipFunctions({ map: markingMap(marker) }));
    await forgeJob(
      jobId,
      JSON.stringify(other.seal(jobId, "functions", body)),
      other.seal(jobId, "map:map-0", JSON.stringify(mapTask(jobId))),
    );
    await sleep(5000);
    expect(existsSync(marker)).toBe(false);
    expect(worker.output).toMatch(/refused job forgedother/);
    await removeJob(redis, server.url, jobId);
  }, 15_000);

  it("a task added to a job without the key is refused even when the job's functions are genuine", async () => {
    const marker = join(scratch, "forged-task");
    const jobId = "forgedtask";
    const key = ClusterKey.load(TEST_KEY_FILE);
    const body = JSON.stringify(shipFunctions({ map: markingMap(marker) }));
    await forgeJob(jobId, JSON.stringify(key.seal(jobId, "functions", body)), mapTask(jobId));
    await sleep(5000);
    expect(existsSync(marker)).toBe(false);
    expect(worker.output).toMatch(/refused task map-0 \(map\) of job forgedtask/);
    await removeJob(redis, server.url, jobId);
  }, 15_000);

  it("a genuine job still runs (signed by the driver with the same key)", async () => {
    const result = await mapreduce({
      input: HAIKU,
      map: (line: string, emit: (k: string, v: number) => void) => emit(line.length > 20 ? "long" : "short", 1),
      reduce: sumReducer,
      runner: "redis",
      redis: server.url,
      progress: false,
    });
    expect([...result].reduce((n, [, v]) => n + Number(v), 0)).toBeGreaterThan(0);
  }, 30_000);

  it("without a key the worker refuses to start, and the driver refuses the job, each saying how to make one", async () => {
    const env = { ...process.env };
    delete env.LAZYLAB_KEY_FILE;
    const child = spawn(process.execPath, [KERNEL_MAIN, "worker", "--redis", server.url], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).not.toBe(0);
    expect(output).toMatch(/need a cluster key, and none was given: make one with `npx lazylab keygen/);

    const saved = process.env.LAZYLAB_KEY_FILE;
    delete process.env.LAZYLAB_KEY_FILE;
    try {
      await expect(
        mapreduce({ input: HAIKU, map: () => undefined, reduce: sumReducer, runner: "redis", redis: server.url }),
      ).rejects.toThrow(/need a cluster key/);
    } finally {
      process.env.LAZYLAB_KEY_FILE = saved;
    }
  }, 15_000);

  it("lazylab keygen writes a key only its owner can read, and never overwrites one", async () => {
    const path = join(scratch, "made.key");
    const run = () =>
      new Promise<number | null>((resolve) =>
        spawn(process.execPath, [KERNEL_MAIN, "keygen", path], { stdio: "ignore" }).on("exit", resolve),
      );
    expect(await run()).toBe(0);
    expect(readFileSync(path, "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(path).mode & 0o077).toBe(0);
    const before = readFileSync(path, "utf8");
    expect(await run()).not.toBe(0);
    expect(readFileSync(path, "utf8")).toBe(before);
  });

  it("--concurrency and --workers are bounded at 4 per core", async () => {
    const child = spawn(process.execPath, [KERNEL_MAIN, "worker", "--redis", server.url, "--concurrency", "1000"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    expect(await new Promise((resolve) => child.on("exit", resolve))).not.toBe(0);
    expect(output).toMatch(/--concurrency is 1000, but at most \d+ processes may be started here/);
    await expect(mapreduce({ input: HAIKU, map: () => undefined, reduce: sumReducer, workers: 1000 })).rejects.toThrow(
      /workers is 1000, but at most \d+ processes/,
    );
  });
});

describe("a shared Redis", () => {
  it("never receives KEYS, from the driver or the workers, during a job longer than a heartbeat", async () => {
    const monitor = await redisClient(server.url).monitor();
    const commands: string[] = [];
    monitor.on("monitor", (_time: string, args: string[]) => commands.push(String(args[0]).toLowerCase()));
    try {
      await mapreduce({
        input: HAIKU,
        map: (line: string, emit: (k: string, v: number) => void) => {
          const until = Date.now() + 2500; // a few lines: past the driver's 5 s heartbeat
          while (Date.now() < until);
          emit("lines", line.length > 0 ? 1 : 0);
        },
        reduce: sumReducer,
        runner: "redis",
        redis: server.url,
        progress: false,
      });
    } finally {
      monitor.disconnect();
    }
    expect(commands.length).toBeGreaterThan(50);
    expect(commands.filter((c) => c === "keys")).toEqual([]);
  }, 40_000);
});

/** CPU time (user + system, in clock ticks) a process has used. */
function cpuTicks(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

describe("a driver killed mid-job", () => {
  it("has its job stopped and removed by the worker running its task, within 20 s of the heartbeat's expiry", async () => {
    const script = join(scratch, "driver.mjs");
    writeFileSync(
      script,
      `import { mapreduce, sumReducer } from ${JSON.stringify(join(ROOT, "dist", "lib", "mapreduce", "index.js"))};
await mapreduce({ input: ${JSON.stringify(HAIKU)}, map: (line, emit) => { for (;;); }, reduce: sumReducer, runner: "redis", redis: ${JSON.stringify(server.url)}, progress: false });`,
    );
    const driver: ChildProcess = spawn(process.execPath, [script], { stdio: "ignore", env: process.env });
    // Wait until the worker runs the task (its queue has an active job).
    let jobId: string | undefined;
    for (let i = 0; i < 100 && jobId === undefined; i++) {
      await sleep(100);
      for (const id of await redis.smembers("lazylab:jobs")) {
        const queue = new Queue(new JobKeys(id).queue, { connection: { url: server.url }, prefix: "lazylab" });
        if ((await queue.getActiveCount()) > 0) jobId = id;
        await queue.close();
      }
    }
    expect(jobId).toBeDefined();
    driver.kill("SIGKILL");
    const killed = Date.now();
    const left = await jobKeysLeft(redis, 30_000);
    const seconds = (Date.now() - killed) / 1000;
    expect(left).toEqual([]);
    expect(seconds).toBeLessThan(30); // heartbeat TTL 15 s + one worker sync (2 s), with room for a loaded machine
    expect(worker.output).toMatch(new RegExp(`job ${jobId}: its driver stopped answering; stopping its tasks`));
    // Its task no longer burns CPU on the worker's processes.
    await sleep(500);
    const pids = descendants(worker.pid).map((p) => p.pid);
    const before = pids.map(cpuTicks).reduce((a, b) => a + b, 0);
    await sleep(1000);
    const after = pids.map(cpuTicks).reduce((a, b) => a + b, 0);
    expect(after - before).toBeLessThan(50); // a busy task would use ~100 ticks a second
  }, 60_000);
});

describe("Redis URLs", () => {
  it("a job runs through rediss:// (TLS) with a password, worker and driver trusting the server's certificate", async () => {
    const dir = mkdtempSync(join(scratch, "tls-"));
    const cert = join(dir, "cert.pem");
    const key = join(dir, "key.pem");
    const made = spawn(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { stdio: "ignore" },
    );
    expect(await new Promise((resolve) => made.on("exit", resolve))).toBe(0);
    const port = await freePort();
    const password = "tls-test-password-0123456789";
    const config = [
      `port 0`,
      `tls-port ${port}`,
      "bind 127.0.0.1",
      `tls-cert-file ${cert}`,
      `tls-key-file ${key}`,
      `tls-ca-cert-file ${cert}`,
      "tls-auth-clients no",
      `requirepass ${password}`,
      'save ""',
      "appendonly no",
    ];
    const tlsRedis = spawn("redis-server", ["-"], { stdio: ["pipe", "pipe", "pipe"] });
    tlsRedis.stdin!.end(`${config.join("\n")}\n`);
    let redisOutput = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server with TLS did not start:\n${redisOutput}`)), 15_000);
      tlsRedis.stdout!.on("data", (d: Buffer) => {
        redisOutput += d.toString();
        if (redisOutput.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const url = `rediss://:${password}@127.0.0.1:${port}`;
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: cert, LAZYLAB_REDIS: url };
    const tlsWorker = spawn(process.execPath, [KERNEL_MAIN, "worker"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let workerOutput = "";
    tlsWorker.stderr!.on("data", (d: Buffer) => (workerOutput += d.toString()));
    try {
      for (let i = 0; i < 150 && !workerOutput.includes("waiting for jobs"); i++) await sleep(100);
      expect(workerOutput).toContain("connected to rediss://:***@127.0.0.1");
      const script = join(dir, "driver.mjs");
      writeFileSync(
        script,
        `import { mapreduce, sumReducer } from ${JSON.stringify(join(ROOT, "dist", "lib", "mapreduce", "index.js"))};
const r = await mapreduce({ input: ${JSON.stringify(HAIKU)}, map: (line, emit) => { for (const v of "aeiou") { const n = line.split(v).length - 1; if (n > 0) emit(v, n) } }, reduce: sumReducer, runner: "redis", progress: false });
console.log(JSON.stringify(r.pairs));`,
      );
      const driver = spawn(process.execPath, [script], { env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      driver.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      driver.stderr!.on("data", (d: Buffer) => (err += d.toString()));
      const code = await new Promise((resolve) => driver.on("exit", resolve));
      expect(code, err).toBe(0);
      expect(JSON.parse(out)).toEqual([
        ["a", 6],
        ["e", 5],
        ["i", 2],
        ["o", 5],
        ["u", 1],
      ]);
    } finally {
      tlsWorker.kill("SIGTERM");
      await new Promise((resolve) => tlsWorker.once("exit", resolve));
      tlsRedis.kill("SIGTERM");
      await new Promise((resolve) => tlsRedis.once("exit", resolve));
    }
  }, 60_000);
});
