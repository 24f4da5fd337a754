/**
 * The redis runner across addresses: Redis, two workers and the driver each in a network namespace
 * of its own, joined by a bridge, so every byte of the job (functions, splits, map runs, part
 * files, events) crosses the network between distinct IP addresses.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emit, mapreduce, sumReducer } from "../../dist/lib/mapreduce/index.js";
import { HAIKU_VOWELS, ROOT, dataFolder, unixWordCount } from "../support/corpus.js";
import { NamespaceNetwork, netnsUnavailable } from "../support/netns.js";
import { settleChildren } from "../support/processes.js";
import { type RedisServer, type Started, startRedis, startWorker } from "../support/redis.js";

const unavailable = netnsUnavailable();
if (unavailable !== undefined) console.warn(`skipping the multi-host redis runner test: ${unavailable}`);

const data = dataFolder(1 << 20, 17);

/** Runs a job from the driver's namespace (a node process there) and returns what it printed as JSON. */
function runDriver(
  netns: string,
  url: string,
  job: "vowels" | "words",
): { pairs: [string, number][]; workers: string[]; keysLeft: string[] } {
  const script = `
    import { mapreduce, sumReducer } from ${JSON.stringify(join(ROOT, "dist/lib/mapreduce/index.js"))};
    import { Redis } from ${JSON.stringify(join(ROOT, "node_modules/ioredis/built/index.js"))};
    const vowels = (line, emit) => { for (const v of "aeiou") { const c = line.split(v).length - 1; if (c > 0) emit(v, c) } };
    const words = (line, emit) => { for (const w of line.split(" ")) if (w !== "") emit(w, 1) };
    const workers = new Set();
    const result = await mapreduce({
      input: ${JSON.stringify(job === "vowels" ? data.haiku : data.corpus)}, map: ${job}, reduce: sumReducer, combine: sumReducer,
      runner: "redis", redis: ${JSON.stringify(url)}, splitSize: 100000, onTask: (e) => e.type === "done" && workers.add(e.worker),
    });
    const redis = new Redis(${JSON.stringify(url)});
    const keysLeft = [...await redis.keys("lazylab:job:*"), ...await redis.keys("lazylab:mr-*")];
    redis.disconnect();
    console.log(JSON.stringify({ pairs: result.pairs, workers: [...workers], keysLeft }));`;
  const out = execFileSync("ip", ["netns", "exec", netns, process.execPath, "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 1 << 28,
  });
  return JSON.parse(out.trim().split("\n").at(-1)!) as { pairs: [string, number][]; workers: string[]; keysLeft: string[] };
}

describe.skipIf(unavailable !== undefined)("the redis runner across network namespaces", () => {
  let network: NamespaceNetwork;
  let redis: RedisServer | undefined;
  const workers: Started[] = [];
  const hosts: Record<string, { netns: string; address: string }> = {};

  beforeAll(async () => {
    network = new NamespaceNetwork();
    for (const role of ["redis", "w1", "w2", "drv"]) hosts[role] = network.addHost(role);
    redis = await startRedis({ host: hosts.redis.address, port: 6379, netns: hosts.redis.netns });
    for (const role of ["w1", "w2"]) workers.push(await startWorker(redis.url, { netns: hosts[role].netns }));
  }, 60_000);

  afterAll(async () => {
    for (const w of workers) await w.stop();
    await redis?.stop();
    network?.remove();
    expect(network?.existing()).toEqual([]);
    expect(await settleChildren()).toEqual([]);
  }, 60_000);

  it("the workers reach Redis only at its address in another namespace", () => {
    // From the test's own namespace there is no route to the bridge's subnet.
    expect(() =>
      execFileSync("redis-cli", ["-h", hosts.redis.address, "-p", "6379", "--no-raw", "ping"], { stdio: "pipe", timeout: 5000 }),
    ).toThrow();
    const ping = execFileSync("ip", ["netns", "exec", hosts.drv.netns, "redis-cli", "-h", hosts.redis.address, "-p", "6379", "ping"], {
      encoding: "utf8",
    });
    expect(ping.trim()).toBe("PONG");
  });

  it("vowel count of haiku.txt from the driver's namespace: the chapter's answer", () => {
    const run = runDriver(hosts.drv.netns, redis!.url, "vowels");
    expect(run.pairs).toEqual(HAIKU_VOWELS);
    expect(run.keysLeft).toEqual([]);
  });

  it("word count: identical to the local runner, with tasks run at both workers' addresses", async () => {
    const run = runDriver(hosts.drv.netns, redis!.url, "words");
    const words = (line: string, emit: Emit<string, number>) => {
      for (const w of line.split(" ")) if (w !== "") emit(w, 1);
    };
    const local = await mapreduce({ input: data.corpus, map: words, reduce: sumReducer, combine: sumReducer, workers: 2 });
    expect(run.pairs).toEqual(local.pairs);
    expect(new Map(run.pairs)).toEqual(unixWordCount(data.corpus));
    const addresses = new Set(run.workers.map((w) => /\((.+)\)$/.exec(w)?.[1]));
    expect(addresses).toEqual(new Set([hosts.w1.address, hosts.w2.address]));
    expect(run.keysLeft).toEqual([]);
  });
});
