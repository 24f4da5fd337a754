/**
 * The redis runner against a real redis-server (Debian's, on a free port, no persistence) and two
 * real `lazylab worker` processes: the same output as the local runner, a worker killed with
 * SIGKILL mid-job, errors located in the input file, interrupts, and no key left in Redis.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emit, FRAMEWORK, JobError, RecordError, type TaskEvent, mapreduce, sumReducer } from "../../dist/lib/mapreduce/index.js";
import { HAIKU_VOWELS, dataFolder, unixWordCount } from "../support/corpus.js";
import { settleChildren } from "../support/processes.js";
import { freePort } from "../support/ports.js";
import { type RedisServer, type Started, TEST_KEY_FILE, jobKeysLeft, redisClient, startRedis, startWorker } from "../support/redis.js";
import { countVowels, total, words } from "../support/jobs.js";
import { MIMEBUNDLE } from "../../dist/lib/render/mimebundle.js";

// ~150 µs a line: a 64 KB split (~1,200 lines) runs for ~0.2 s, long enough to be killed mid-task.
const slowWords = (line: string, emit: Emit<string, number>) => {
  const start = performance.now();
  while (performance.now() - start < 0.15);
  for (const w of line.split(" ")) if (w !== "") emit(w, 1);
};

const data = dataFolder(1 << 20, 13);
const expectedWords = unixWordCount(data.corpus);
const numbered = join(data.dir, "numbered.txt");
writeFileSync(numbered, `${Array.from({ length: 20_000 }, (_, i) => `line ${i + 1} of the numbered file`).join("\n")}\n`);

let server: RedisServer;
let client: Redis;
const workers: Started[] = [];

beforeAll(async () => {
  server = await startRedis();
  client = redisClient(server.url);
  workers.push(await startWorker(server.url), await startWorker(server.url));
}, 60_000);

afterAll(async () => {
  client?.disconnect();
  for (const w of workers) await w.stop();
  await server?.stop();
  expect(await settleChildren()).toEqual([]);
}, 60_000);

/** A job on the redis runner of this file's server. */
function onRedis<O>(options: Omit<Parameters<typeof mapreduce<string, number, O>>[0], "runner" | "redis">) {
  return mapreduce<string, number, O>({ ...options, runner: "redis", redis: server.url });
}

describe("the same output as the local runner", () => {
  it("vowel count of haiku.txt: a 6, e 5, i 2, o 5, u 1", async () => {
    const result = await onRedis({ input: data.haiku, map: countVowels, reduce: total });
    const local = await mapreduce({ input: data.haiku, map: countVowels, reduce: total, workers: 2 });
    expect(result.pairs).toEqual(HAIKU_VOWELS);
    expect(result.pairs).toEqual(local.pairs);
    expect(String(result)).toBe("'a'\t6\n'e'\t5\n'i'\t2\n'o'\t5\n'u'\t1");
    expect(result.summary.runner).toBe("redis");
    expect(result.summary.workers).toBe(2); // both registered workers, one task each
    expect(String(result[MIMEBUNDLE]()["text/plain"])).toMatch(/\nredis runner · 2 workers, 2 reducers · 1 split · 5 keys · /);
    expect(await jobKeysLeft(client)).toEqual([]);
  });

  it("word count of a corpus in many splits, with a combiner and 3 reducers, equals local and Unix", async () => {
    const events: TaskEvent[] = [];
    const options = { input: data.corpus, map: words, reduce: total, combine: sumReducer, reducers: 3, splitSize: 100_000 };
    const result = await onRedis({ ...options, onTask: (e) => events.push(e) });
    const local = await mapreduce({ ...options, workers: 2 });
    expect(result.pairs).toEqual(local.pairs);
    expect(result.toMap()).toEqual(expectedWords);
    expect(result.summary.splits).toBeGreaterThan(5);
    expect(result.counter(FRAMEWORK, "Map input records")).toBe(local.counter(FRAMEWORK, "Map input records"));
    expect(result.counter(FRAMEWORK, "Reduce output records")).toBe(expectedWords.size);
    // Both workers took tasks, and said who they are.
    const ran = new Set(events.filter((e) => e.type === "done").map((e) => e.pid));
    expect(ran).toEqual(new Set(workers.map((w) => w.pid)));
    expect(events.find((e) => e.type === "done")?.worker).toMatch(/^.+:\d+ \(127\.0\.0\.1\)$/);
    expect(await jobKeysLeft(client)).toEqual([]);
  });

  it("reads inputs by path when the file system is shared (sharedInput)", async () => {
    const result = await onRedis({ input: data.corpus, map: words, reduce: total, splitSize: 200_000, sharedInput: true });
    expect(result.toMap()).toEqual(expectedWords);
  });

  it("spills past a small memory budget on the workers and merges exactly", async () => {
    const result = await onRedis({ input: data.corpus, map: words, reduce: total, memoryBudget: 64 * 1024, splitSize: 300_000 });
    expect(result.counter(FRAMEWORK, "Spilled runs")).toBeGreaterThan(8);
    expect(result.toMap()).toEqual(expectedWords);
  });
});

describe("errors", () => {
  const failOn = new Function(
    "return function map(line, emit) {\n  if (line === 'line 12345 of the numbered file') throw new TypeError('cannot parse')\n  emit('lines', 1)\n}",
  )() as (line: string, emit: Emit<string, number>) => void;

  it("a map function that throws stops the job, naming the input file's line (not the split's), without retries", async () => {
    const events: TaskEvent[] = [];
    const job = onRedis({
      input: "numbered.txt",
      cwd: data.dir,
      map: failOn,
      reduce: sumReducer,
      splitSize: 64 * 1024,
      onTask: (e) => events.push(e),
    });
    const error = (await job.catch((e: unknown) => e)) as RecordError;
    expect(error).toBeInstanceOf(RecordError);
    expect(error.bad).toMatchObject({
      phase: "map",
      file: "numbered.txt",
      line: 12345,
      record: "line 12345 of the numbered file",
      error: "TypeError: cannot parse",
    });
    expect(error.message).toContain("(in map: if (line === 'line 12345 of the numbered file') throw new TypeError('cannot parse'))");
    expect(events.filter((e) => e.type === "retry")).toEqual([]);
    expect(await jobKeysLeft(client)).toEqual([]);
  });

  it("skipBadRecords lists the records at their lines in the input file", async () => {
    const map = new Function(
      "return (line, emit) => { const n = Number(line.split(' ')[1]); if (n % 5000 === 0) throw new Error('bad ' + n); emit('ok', 1) }",
    )() as (line: string, emit: Emit<string, number>) => void;
    const result = await onRedis({ input: numbered, map, reduce: sumReducer, splitSize: 64 * 1024, skipBadRecords: true });
    expect(result.pairs).toEqual([["ok", 19_996]]);
    expect(result.summary.badRecords.map((b) => [b.file, b.line, b.error])).toEqual(
      [5000, 10000, 15000, 20000].map((n) => [numbered, n, `Error: bad ${n}`]),
    );
  });

  it("says how to start a worker when none is registered, and when Redis is not there", async () => {
    const empty = await startRedis();
    try {
      const job = mapreduce({ input: data.haiku, map: countVowels, reduce: total, runner: "redis", redis: empty.url });
      await expect(job).rejects.toThrow(JobError);
      await expect(job).rejects.toThrow(
        `no lazylab worker is connected to Redis at ${empty.url}: start one on each machine with\n  LAZYLAB_REDIS=URL npx lazylab worker --key-file ${TEST_KEY_FILE}`,
      );
    } finally {
      await empty.stop();
    }
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    await expect(mapreduce({ input: data.haiku, map: countVowels, reduce: total, runner: "redis", redis: nowhere })).rejects.toThrow(
      `cannot connect to Redis at ${nowhere}: connect ECONNREFUSED`,
    );
  });
});

describe("interrupts", () => {
  it("an abort stops the job, removes its queue and keys, and the workers stop its tasks and take the next job", async () => {
    const controller = new AbortController();
    const started: TaskEvent[] = [];
    const job = onRedis({
      input: data.corpus,
      map: slowWords,
      reduce: sumReducer,
      splitSize: 64 * 1024,
      signal: controller.signal,
      onTask: (e) => e.type === "start" && started.push(e),
    });
    setTimeout(() => controller.abort(new Error("interrupted")), 600);
    await expect(job).rejects.toThrow("interrupted");
    expect(started.length).toBeGreaterThan(0);
    expect(started.length).toBeLessThan(16); // it did not run to the end
    expect(await jobKeysLeft(client)).toEqual([]);
    const next = await onRedis({ input: data.haiku, map: countVowels, reduce: total });
    expect(next.pairs).toEqual(HAIKU_VOWELS);
  });
});

describe("a worker killed with SIGKILL mid-job", () => {
  it("has its task taken by the other worker within 10 s, and the result is exact", async () => {
    const events: { at: number; event: TaskEvent }[] = [];
    let killedAt = 0;
    let killedPid = 0;
    const result = await onRedis({
      input: data.corpus,
      map: slowWords,
      reduce: sumReducer,
      combine: sumReducer,
      splitSize: 64 * 1024,
      onTask(event) {
        events.push({ at: performance.now(), event });
        if (event.type === "start" && event.taskId === "map-3" && event.attempt === 1 && killedPid === 0) {
          killedPid = event.pid!;
          setTimeout(() => {
            killedAt = performance.now();
            process.kill(killedPid, "SIGKILL"); // mid-task: it runs for ~0.2 s
          }, 30);
        }
      },
    });
    expect(result.toMap()).toEqual(expectedWords);
    expect(workers.map((w) => w.pid)).toContain(killedPid);
    expect(result.summary.failedAttempts).toEqual([
      expect.objectContaining({
        taskId: "map-3",
        attempt: 1,
        pid: killedPid,
        reason: expect.stringContaining("stopped answering (its lock expired)"),
      }),
    ]);
    const rerun = events.find(({ event: e }) => e.type === "start" && e.taskId === "map-3" && e.attempt === 2);
    expect(rerun?.event.pid).not.toBe(killedPid);
    // The acceptance bound: recovered (the task running again elsewhere) in under 10 s.
    expect((rerun!.at - killedAt) / 1000).toBeLessThan(10);
    expect(String(result[MIMEBUNDLE]()["text/plain"])).toContain(`map-3 attempt 1 failed on worker `);
    expect(await jobKeysLeft(client)).toEqual([]);
    // Its pool processes followed it; a replacement joins for whatever runs next.
    const dead = workers.findIndex((w) => w.pid === killedPid);
    await workers[dead].exited;
    workers.splice(dead, 1, await startWorker(server.url));
  }, 60_000);
});

describe("the last worker killed", () => {
  it("stops the job, saying that no worker is left, instead of waiting forever", async () => {
    const lone = await startRedis();
    const worker = await startWorker(lone.url);
    try {
      const job = mapreduce({
        input: data.corpus,
        map: slowWords,
        reduce: sumReducer,
        runner: "redis",
        redis: lone.url,
        splitSize: 64 * 1024,
        onTask: (e) => e.type === "start" && e.attempt === 1 && e.taskId === "map-0" && process.kill(e.pid!, "SIGKILL"),
      });
      await expect(job).rejects.toThrow(
        `every lazylab worker connected to ${lone.url} has stopped; start one with\n  LAZYLAB_REDIS=URL npx lazylab worker --key-file ${TEST_KEY_FILE}`,
      );
      const client2 = redisClient(lone.url);
      expect(await jobKeysLeft(client2)).toEqual([]);
      client2.disconnect();
    } finally {
      await worker.stop();
      await lone.stop();
    }
  }, 60_000);
});
